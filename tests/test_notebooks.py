"""Every notebook runs top to bottom on the bundled sample."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import REPO

NOTEBOOKS = sorted((REPO / "notebooks").rglob("*.ipynb"))
# Student copies and uploads are made from these (make classroom, the upload button), not committed.
NOTEBOOKS = [p for p in NOTEBOOKS if not {".ipynb_checkpoints", "classroom-student", "uploaded"} & set(p.parts)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path: Path):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
    # No deprecated spelling of an argument (the warning goes to the cell's stderr).
    streams = [o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
               if o.get("output_type") == "stream"]
    assert not [t for t in streams if "CorpusToolsDeprecationWarning" in t]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_committed_without_outputs_and_with_parameters(path: Path):
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    assert nb.cells[0].cell_type == "markdown" and "What you will learn" in nb.cells[0].source
    assert "parameters" in nb.cells[1].metadata.get("tags", [])
