import os
import tempfile
import warnings
from pathlib import Path

import pytest

# Cached tables from the tests go to a throw-away folder, never the user's cache.
os.environ["CORPUS_TOOLS_CACHE"] = tempfile.mkdtemp(prefix="corpus_tools_cache_")

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


def body(topic: str) -> str:
    """Three paragraphs about ``topic``: distinct per topic, each too long to be page furniture."""
    return (
        f"The city council spent the whole evening debating {topic}, and the final vote was closer than expected.\n\n"
        f"Residents who came to the meeting said {topic} had been ignored for years and asked for a clear plan.\n\n"
        f"Officials promised to publish a report on {topic} before the summer and to hold another public hearing."
    )


def report_of(df):
    """The load report of ``df``, checked for its documented shape."""
    rep = df.attrs["load_report"]
    assert list(rep.columns) == ["path", "line", "status", "reason", "n_articles"]
    assert set(rep["status"]) <= {"loaded", "loaded_with_warnings", "skipped"}
    assert (rep.loc[rep["status"] == "skipped", "n_articles"] == 0).all()
    return rep
