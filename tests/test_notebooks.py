"""Every notebook runs top to bottom on the bundled sample (run once per session, by the
``executed_notebooks`` fixture that the report and browser tests share)."""

import ast
import re
from pathlib import Path

import nbformat
import pytest

from corpus_tools.apps.notebooks import notebook_parameters
from corpus_tools.media.parameters import DEFAULTS, PARAMETERS

from .conftest import NOTEBOOK_DIR, SAMPLE_DIR, committed_notebooks

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


# ---------------------------------------------------------------------------------------------
# Parameters chosen from the corpus, and what a reader sees on the sample

NUMBERED = [p for p in NOTEBOOKS if p.parent == NOTEBOOK_DIR]
# Parameters that name inputs, not choices: they keep their value in the parameters cell.
INPUTS = {"CORPUS", "METADATA", "REFERENCE_DATE", "LEXICON"}


def _outputs(nb, kind=None) -> list[dict]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
            if kind is None or o.get("output_type") == kind]


@pytest.mark.parametrize("path", NUMBERED, ids=[p.stem for p in NUMBERED])
def test_parameters_left_to_the_corpus_are_none_and_chosen_right_after_loading(path: Path):
    nb = nbformat.read(path, as_version=4)
    declared = notebook_parameters(nb)
    assert set(declared) <= INPUTS | set(PARAMETERS), path.name
    auto = [n for n in declared if n not in INPUTS and n not in DEFAULTS and n != "N_TERMS"]
    values = {node.targets[0].id: ast.literal_eval(node.value) for node in ast.parse(nb.cells[1].source).body}
    assert all(values[n] is None for n in auto), {n: values[n] for n in auto}
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    load = next(i for i, src in enumerate(code) if "ct.read_articles(CORPUS" in src)
    assert "ct.describe_corpus(articles, source=CORPUS)" in code[load]
    if auto:  # the next code cell chooses every one of them and says why
        choose = code[load + 1]
        assert choose.startswith("choice = ct.choose_parameters(articles, ") and "print(choice)" in choose
        assert all(f"{n}={n}" in choose for n in auto)


@pytest.mark.parametrize("path", NUMBERED, ids=[p.stem for p in NUMBERED])
def test_the_sample_is_described_and_warnings_are_short_notes(path: Path, executed_notebooks):
    nb = executed_notebooks.notebook(path)
    shown = [o["data"]["text/html"] for o in _outputs(nb) if "Data:" in str(o.get("data", {}).get("text/html", ""))]
    assert shown and "5 articles from 4 outlets" in shown[0] and "the bundled sample" in shown[0]
    streams = "".join(o.get("text", "") for o in _outputs(nb, "stream"))
    assert not re.search(r"\.py:\d+|ipykernel_|/tmp/|Traceback", streams), streams
    assert not [o for o in _outputs(nb, "stream") if o.get("name") == "stderr"]


def test_the_words_notebook_follows_its_target_on_the_sample(executed_notebooks):
    nb = executed_notebooks.notebook(NOTEBOOK_DIR / "02-words.ipynb")
    text = "".join(o.get("text", "") for o in _outputs(nb, "stream"))
    assert "TARGET = 'TASS'" in text and "KEYWORD = 'Kyiv|Kiev'" in text
    assert "Note: " in text and "too small to support a claim" in text  # the SmallCountWarning, as a note
    charts = [o["data"]["application/vnd.plotly.v1+json"] for o in _outputs(nb)
              if "application/vnd.plotly.v1+json" in o.get("data", {})]
    titles = [c["layout"].get("title", {}).get("text", "") for c in charts]
    assert any(t.startswith("Words that set TASS apart") for t in titles), titles
