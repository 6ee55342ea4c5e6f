"""Every notebook runs top to bottom on the bundled sample (run once per session, by the
``executed_notebooks`` fixture that the report and browser tests share)."""

import ast
from pathlib import Path

import nbformat
import pytest

from .conftest import SAMPLE_DIR, committed_notebooks

NOTEBOOKS = committed_notebooks()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path: Path, executed_notebooks):
    nb = executed_notebooks.notebook(path)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
    # No deprecated spelling of an argument (the warning goes to the cell's stderr).
    streams = [o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
               if o.get("output_type") == "stream"]
    assert not [t for t in streams if "CorpusToolsDeprecationWarning" in t]


def _default_corpus(source: str):
    """The value the parameters cell gives ``CORPUS`` (None when it gives none)."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "CORPUS" for t in node.targets):
            return ast.literal_eval(node.value)
    return None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_committed_without_outputs_and_with_parameters(path: Path):
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    assert nb.cells[0].cell_type == "markdown" and "What you will learn" in nb.cells[0].source
    assert "parameters" in nb.cells[1].metadata.get("tags", [])
    # Opened in JupyterLab, the notebook reads the sample: the same corpus the tests give it.
    corpus = _default_corpus(nb.cells[1].source)
    assert corpus is not None and (path.parent / corpus).resolve() == SAMPLE_DIR.resolve()
