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
SAMPLE_DIR = REPO / "data" / "sample"
NOTEBOOK_DIR = REPO / "notebooks"


@pytest.fixture(scope="session")
def sample():
    """The bundled sample, read once (tests must not modify it)."""
    from corpus_tools import load_sample

    return load_sample()


# ---------------------------------------------------------------------------------------------
# Notebooks, executed once per test session


def committed_notebooks() -> list[Path]:
    """Every notebook of notebooks/ (numbered and classroom), not the copies made from them
    (make classroom, the upload button), which are not committed."""
    found = sorted(NOTEBOOK_DIR.rglob("*.ipynb"))
    made = {".ipynb_checkpoints", "classroom-student", "uploaded"}
    return [p for p in found if not made & set(p.relative_to(NOTEBOOK_DIR).parts)]


class ExecutedNotebooks:
    """Notebooks run on the bundled sample as ``make report`` runs them (``build_report``: ``CORPUS``
    injected, the executed ``.ipynb`` and its self-contained ``.html`` written side by side in
    ``folder``), each at most once per session, when first asked for.

    A notebook that fails raises its :class:`~corpus_tools.apps.notebooks.NotebookError` again
    for every test that asks for it, without being run again.
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self._done: dict[Path, Path | Exception] = {}

    def html(self, notebook) -> Path:
        """The HTML page of ``notebook`` (a path under notebooks/); its ``.ipynb`` is next to it."""
        from corpus_tools.apps.report import build_report

        path = Path(notebook).resolve()
        if path not in self._done:
            try:
                (self._done[path],) = build_report(SAMPLE_DIR, self.folder, notebooks=[path], timeout=300,
                                                   progress=False)
            except Exception as e:  # kept, so the notebook is not run again for the next test
                self._done[path] = e
        result = self._done[path]
        if isinstance(result, Exception):
            raise result
        return result

    def notebook(self, notebook):
        """The executed notebook (an ``nbformat.NotebookNode`` with its outputs)."""
        import nbformat

        return nbformat.read(self.html(notebook).with_suffix(".ipynb"), as_version=4)


@pytest.fixture(scope="session")
def executed_notebooks(tmp_path_factory) -> ExecutedNotebooks:
    """The committed notebooks run on the sample, each once per session (see :class:`ExecutedNotebooks`)."""
    return ExecutedNotebooks(tmp_path_factory.mktemp("executed_notebooks"))


@pytest.fixture(scope="session")
def sample_report(executed_notebooks) -> list[Path]:
    """What ``make report`` writes for the sample: the HTML page of every numbered notebook, in order."""
    from corpus_tools.apps.report import default_notebooks

    return [executed_notebooks.html(p) for p in default_notebooks(NOTEBOOK_DIR)]


def benchmark_module(name: str):
    """A script of benchmarks/ imported as a module (``benchmark_module("eval_quotes").evaluate(...)``)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def corpus_path(*parts) -> Path:
    """A path under ../shared/corpora, skipping the test when that folder is absent."""
    p = CORPORA.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is not present on this machine")
    return p


@pytest.fixture(scope="session")
def dask_client():
    """Two Dask worker processes of one thread, as on a laptop; started once for the whole run."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, memory_limit="2GiB",
                                  dashboard_address="127.0.0.1:0") as cluster, distributed.Client(cluster) as c:
        yield c


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
    from corpus_tools import load_report

    rep = load_report(df)
    assert list(rep.columns) == ["path", "line", "status", "reason", "n_articles"]
    assert set(rep["status"]) <= {"loaded", "loaded_with_warnings", "skipped", "note"}
    assert (rep.loc[rep["status"] == "skipped", "n_articles"] == 0).all()
    return rep
