"""Where the package's own files are, and which version is installed.

The bundled sample and the notebooks live once, at the top of the repository (``data/sample/``,
``notebooks/``). pyproject.toml's ``package-dir`` installs them inside the package, as
``corpus_tools/data/sample/`` and ``corpus_tools/notebooks/``, so a wheel carries them and the
notebooks' ``CORPUS = "../data/sample"`` means the same there as in the repository.

An editable install (``pip install -e .``, ``make setup``) imports ``corpus_tools`` from the
repository and cannot reach the mapped folders as packages (setuptools' editable finder does not
import namespace packages mapped with ``package-dir``: pypa/setuptools#4943), so for a source
checkout they are found where they are, next to ``corpus_tools/``.
"""

from __future__ import annotations

import functools
import importlib.metadata
from importlib.resources import files
from pathlib import Path

DISTRIBUTION = "corpus-tools"
_PACKAGE = "corpus_tools"


def _package_folder(installed: str, checkout: str) -> Path:
    package = files(_PACKAGE)
    if not isinstance(package, Path):  # e.g. imported from a zip file: no folder to hand out
        raise RuntimeError(f"{_PACKAGE} is not installed as files on disk ({package!r})")
    candidates = [package / installed, package.parent / checkout]
    # Nothing found means a broken install: the installed place is named in the error when it is read.
    return next((p for p in candidates if p.is_dir()), candidates[0])


def sample_dir() -> Path:
    """The folder of the bundled sample (five ``.txt`` articles).

    Installed: ``<site-packages>/corpus_tools/data/sample``; source checkout: ``<repo>/data/sample``.
    """
    return _package_folder("data/sample", "data/sample")


def notebooks_dir() -> Path:
    """The folder of the notebooks (numbered ones; teacher notebooks in ``classroom/``).

    Installed: ``<site-packages>/corpus_tools/notebooks``; source checkout: ``<repo>/notebooks``.
    """
    return _package_folder("notebooks", "notebooks")


@functools.cache
def package_version() -> str:
    """The installed version of corpus-tools (pyproject.toml's ``version``), ``"0+unknown"`` if not installed."""
    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return "0+unknown"


@functools.cache
def code_fingerprint() -> str:
    """The version and a digest of the package's own files (names, sizes, times): what cache keys hold.

    A version number alone does not change while a checkout's code does (an editable install), and a table
    cached by older code must not come back after the code that makes it changed.
    """
    import hashlib
    import os

    h = hashlib.blake2b(package_version().encode(), digest_size=12)
    root = Path(__file__).resolve().parent.parent
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith((".py", ".txt", ".csv")):
                st = os.stat(os.path.join(folder, name))
                h.update(f"{os.path.relpath(os.path.join(folder, name), root)}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()


__all__ = ["code_fingerprint", "notebooks_dir", "package_version", "sample_dir"]
