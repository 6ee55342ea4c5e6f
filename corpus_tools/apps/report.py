"""Run the notebooks on a corpus and save each one as a self-contained HTML page.

    corpus-tools report --corpus my_articles/ -o reports/

or from Python::

    from .report import build_report
    build_report("my_articles/", "reports/")      # reports/00-start-here.html, ...

Each page works with no network: the pages share one ``plotly.min.js`` in the report folder
(``self_contained=True``, ``--self-contained``: plotly.js embedded once per page instead), and
the scripts nbconvert and plotly would fetch from the internet (require.js, MathJax, the widget
manager) are left out. Interactive controls (ipywidgets) need a live kernel, so each one
is replaced by a short note, followed by what its output area showed when the notebook ran;
progress bars are left out.
Article text is shown as text, never run as markup: tables, KWIC views and chart labels
escape it before it reaches the page.

Parameters are passed the way papermill does: a code cell tagged ``injected-parameters``
is inserted right after the cell tagged ``parameters``, so the given values win.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path, PurePath

from ..core.resources import notebooks_dir
from .html_export import export_html, write_plotlyjs
from .notebooks import run_notebook

NOTEBOOK_DIR = notebooks_dir()  # installed with the package (corpus_tools/notebooks) or the repository's notebooks/
# ---------------------------------------------------------------------------------------------
# Running


# ---------------------------------------------------------------------------------------------
# Exporting


# ---------------------------------------------------------------------------------------------
# Building a report


def default_notebooks(folder=None) -> list[Path]:
    """The numbered notebooks (``00-...ipynb``, ``01-...``) of ``folder`` (default: the notebooks
    installed with the package, i.e. the repository's ``notebooks/``), sorted by name."""
    folder = Path(folder) if folder is not None else NOTEBOOK_DIR
    if not folder.is_dir():
        raise FileNotFoundError(f"No notebooks folder at {folder}: pass notebooks=[...] explicitly")
    return sorted(p for p in folder.glob("[0-9]*.ipynb") if p.is_file())


def _resolve_notebooks(notebooks) -> list[Path]:
    if notebooks is None:
        paths = default_notebooks()
    else:
        items = [notebooks] if isinstance(notebooks, (str, PurePath)) else list(notebooks)
        paths = []
        for item in items:
            item = Path(item)
            if item.is_dir():
                paths += sorted(p for p in item.glob("*.ipynb") if p.is_file())
            elif item.is_file():
                paths.append(item)
            else:
                raise FileNotFoundError(f"No such notebook or folder: {item}")
    if not paths:
        raise FileNotFoundError("No notebooks to run")
    stems = [p.stem for p in paths]
    clashes = sorted({s for s in stems if stems.count(s) > 1})
    if clashes:
        raise ValueError(f"Two notebooks would write the same page: {', '.join(clashes)}")
    return paths


def _absolute_corpus(corpus) -> str:
    text = str(corpus)
    absolute = Path(text).expanduser().absolute()
    if not any(ch in text for ch in "*?[") and not absolute.exists():
        raise FileNotFoundError(f"No such file or folder: {corpus}")
    return str(absolute)


@contextlib.contextmanager
def _quiet_kernel():
    """Kernels started inside run with text progress bars off (the report shows its own progress)."""
    before = os.environ.get("TQDM_DISABLE")
    os.environ["TQDM_DISABLE"] = "1"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TQDM_DISABLE", None)
        else:
            os.environ["TQDM_DISABLE"] = before


def build_report(corpus, out_dir, *, notebooks=None, timeout: float = 600, parameters: dict | None = None,
                 progress: bool = True, self_contained: bool = False) -> list[Path]:
    """Run each notebook on ``corpus`` and write ``out_dir/<name>.html`` (and the executed ``.ipynb``).

    ``corpus`` is a folder, a file or a glob; it is made absolute and given to every notebook as
    ``CORPUS`` (with any other ``parameters``). ``notebooks``: notebook files and/or folders
    (default: the numbered notebooks in ``notebooks/``, sorted). ``timeout``: seconds per cell.
    The pages share one ``out_dir/plotly.min.js`` (send the folder); ``self_contained=True``
    embeds plotly.js in every page instead (4.8 MB each; any one page can be sent alone).
    Returns the HTML paths in order. A failing notebook raises :class:`NotebookError` naming the
    notebook and the cell; the pages already written stay.
    """
    import nbformat
    from tqdm.auto import tqdm

    paths = _resolve_notebooks(notebooks)
    params = {"CORPUS": _absolute_corpus(corpus), **(parameters or {})}
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    plotlyjs = None if self_contained else write_plotlyjs(out_dir).name
    bar = tqdm(paths, desc="Notebooks", unit="notebook", disable=not progress)
    for path in bar:
        bar.set_postfix_str(path.name)
        # Long notebooks on a large corpus run for minutes: say which cell is running.
        with _quiet_kernel():
            nb = run_notebook(path, parameters=params, timeout=timeout,
                              on_cell=lambda i, n, name=path.name: bar.set_postfix_str(f"{name}: cell {i}/{n}"))
        nbformat.write(nb, out_dir / f"{path.stem}.ipynb")
        written.append(export_html(nb, out_dir / f"{path.stem}.html", plotlyjs=plotlyjs))
    bar.close()
    return written

