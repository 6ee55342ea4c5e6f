"""Programs built on the package: the ``corpus-tools`` command, the shared HTML report and the classroom handouts."""
