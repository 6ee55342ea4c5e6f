import warnings
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPORA = SHARED / "corpora"


@pytest.fixture(scope="session")
def sample():
    """The bundled sample, read once (tests must not modify it)."""
    from corpus_tools import load_sample

    return load_sample()


def corpus_path(*parts) -> Path:
    """A path under ../shared/corpora, skipping the test when that folder is absent."""
    p = CORPORA.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is not present on this machine")
    return p


@pytest.fixture
def quiet():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield
