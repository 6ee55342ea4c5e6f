"""The one thing pyproject.toml cannot say: which packages to install.

``[tool.setuptools.packages.find]`` only discovers folders under their own names, and it cannot be
combined with a list, so the packages that pyproject.toml's ``package-dir`` maps from outside
``corpus_tools/`` (the sample and the notebooks) are added here to every ``corpus_tools*`` package found.
"""

from setuptools import find_namespace_packages, setup

MAPPED = ["corpus_tools.data.sample", "corpus_tools.notebooks", "corpus_tools.notebooks.classroom"]

setup(packages=[*find_namespace_packages(include=["corpus_tools*"]), *MAPPED])
