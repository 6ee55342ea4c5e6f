"""Run the notebooks on a corpus and save each one as a self-contained HTML page.

    corpus-tools report --corpus my_articles/ -o reports/

or from Python::

    from .report import build_report
    build_report("my_articles/", "reports/")      # reports/00-start-here.html, ...

Each page works with no network: the pages share one ``plotly.min.js`` and one stylesheet in the report folder
(``self_contained=True``, ``--self-contained``: plotly.js embedded once per page instead), and
the scripts nbconvert and plotly would fetch from the internet (require.js, MathJax, the widget
manager) are left out. Interactive controls (ipywidgets) need a live kernel, so each one
is replaced by a short note, followed by what its output area showed when the notebook ran;
progress bars are left out.
Article text is shown as text, never run as markup: tables, KWIC views and chart labels
escape it before it reaches the page.

Parameters are passed the way papermill does: a code cell tagged ``injected-parameters``
is inserted right after the cell tagged ``parameters``, so the given values win. Each notebook
gets the parameters its parameters cell names (``CORPUS`` always); a name no notebook has is
an error listing the ones they have. Paths (``CORPUS``, ``METADATA``, ``LEXICON``) are made
absolute for the run and shown by their last part only in the pages.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path, PurePath

from ..core.resources import notebooks_dir
from .html_export import export_html, write_plotlyjs
from .notebooks import hide_paths, notebook_parameters, run_notebook

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


# Parameters that name a file or folder: made absolute for the run, shown by their last part in the pages.
PATH_PARAMETERS = ("CORPUS", "METADATA", "LEXICON")


def _parameters_for(paths, corpus, parameters) -> tuple[list[dict], dict]:
    """The parameters each notebook gets, and ``{absolute path: shown name}`` for the pages."""
    params = {"CORPUS": _absolute_corpus(corpus), **(parameters or {})}
    shown = {}
    for name in PATH_PARAMETERS:
        value = params.get(name)
        if isinstance(value, (str, PurePath)) and value and name != "CORPUS":
            value = str(Path(value).expanduser().absolute()) if Path(value).expanduser().exists() else str(value)
            params[name] = value
        if isinstance(value, str) and Path(value).is_absolute():
            parts = Path(value).parts  # a glob's folder: the part before the first wildcard
            base = Path(*parts[:next((i for i, p in enumerate(parts) if any(c in p for c in "*?[")), len(parts))])
            shown[str(base)] = shown[str(base.resolve())] = base.name
    declared = {path: notebook_parameters(path) for path in paths}
    known = {n for names in declared.values() for n in names} | {"CORPUS"}
    unknown = [n for n in params if n not in known]
    if unknown:
        listing = "; ".join(f"{p.stem}: {', '.join(names) or '(none)'}" for p, names in declared.items())
        raise ValueError(f"Unknown parameter(s) {', '.join(unknown)}. The notebooks' parameters are: {listing}")
    return [{n: v for n, v in params.items() if n == "CORPUS" or n in declared[p]} for p in paths], shown


def _run_page(path: Path, params: dict, shown: dict, out_dir: Path, timeout: float, plotlyjs: str | None) -> Path:
    """Run one notebook and write its page and executed notebook (in a worker process or here)."""
    import nbformat

    from .html_export import compact_notebook

    with _quiet_kernel():
        nb = run_notebook(path, parameters=params, timeout=timeout)
    hide_paths(nb, shown)
    nbformat.write(compact_notebook(nb), out_dir / f"{path.stem}.ipynb")
    return export_html(nb, out_dir / f"{path.stem}.html", plotlyjs=plotlyjs)


def build_report(corpus, out_dir, *, notebooks=None, timeout: float = 600, parameters: dict | None = None,
                 progress: bool = True, self_contained: bool = False, jobs: int | None = None) -> list[Path]:
    """Run each notebook on ``corpus`` and write ``out_dir/<name>.html`` (and the executed ``.ipynb``).

    ``corpus`` is a folder, a file or a glob; it is made absolute and given to every notebook as
    ``CORPUS``. ``parameters`` (e.g. ``{"TARGET": "TASS", "FREQ": "M"}``) go to the notebooks whose
    parameters cell names them; a name none of them has is a ``ValueError`` listing theirs.
    Parameters not given keep the notebooks' defaults (``None``: chosen from the corpus, each choice
    printed with its reason). The pages name paths by their last part only (``my_articles``, not
    the folders above it). ``notebooks``: notebook files and/or folders
    (default: the numbered notebooks in ``notebooks/``, sorted). ``timeout``: seconds per cell.
    The pages share one ``out_dir/plotly.min.js`` (send the folder); ``self_contained=True``
    embeds plotly.js in every page instead (4.8 MB each; any one page can be sent alone).
    ``jobs``: notebooks run at once (default: one per core, see ``set_cores``); the first runs
    alone, so that the others find the corpus already read and cached.
    Returns the HTML paths in order. A failing notebook raises :class:`NotebookError` naming the
    notebook and the cell; the pages already written stay.
    """
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from tqdm.auto import tqdm

    from ..core.parallel import n_cores

    paths = _resolve_notebooks(notebooks)
    per_notebook, shown = _parameters_for(paths, corpus, parameters)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    plotlyjs = None if self_contained else write_plotlyjs(out_dir).name
    jobs = max(1, min(jobs or n_cores(), len(paths) - 1)) if len(paths) > 1 else 1
    bar = tqdm(total=len(paths), desc="Notebooks", unit="notebook", disable=not progress)
    bar.set_postfix_str(paths[0].name)
    written = {0: _run_page(paths[0], per_notebook[0], shown, out_dir, timeout, plotlyjs)}
    bar.update()
    rest = list(range(1, len(paths)))
    if jobs == 1:
        for i in rest:
            bar.set_postfix_str(paths[i].name)
            written[i] = _run_page(paths[i], per_notebook[i], shown, out_dir, timeout, plotlyjs)
            bar.update()
    elif rest:
        import multiprocessing

        # Each notebook runs in its own kernel; a worker only waits on it and writes the page.
        # "spawn": a fresh interpreter, safe whatever threads this process has started.
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
            futures = {pool.submit(_run_page, paths[i], per_notebook[i], shown, out_dir, timeout, plotlyjs): i
                       for i in rest}
            failures = {}
            for future in as_completed(futures):
                i = futures[future]
                try:
                    written[i] = future.result()
                except Exception as e:  # noqa: BLE001 (raised below, the first notebook's first)
                    failures[i] = e
                    for other in futures:
                        other.cancel()
                bar.set_postfix_str(paths[i].name)
                bar.update()
            if failures:
                bar.close()
                raise failures[min(failures)]
    bar.close()
    return [written[i] for i in sorted(written)]
