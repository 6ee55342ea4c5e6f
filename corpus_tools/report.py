"""Run the notebooks on a corpus and save each one as a self-contained HTML page.

    corpus-tools report --corpus my_articles/ -o reports/

or from Python::

    from corpus_tools.report import build_report
    build_report("my_articles/", "reports/")      # reports/00-start-here.html, ...

Each page works with no network: plotly.js is embedded once per page, and the scripts
nbconvert and plotly would fetch from the internet (require.js, MathJax, the widget
manager) are left out. Interactive controls (ipywidgets) need a live kernel, so each one
is replaced by a short note, followed by what its output area showed when the notebook ran.
Article text is shown as text, never run as markup: tables, KWIC views and chart labels
escape it before it reaches the page.

Parameters are passed the way papermill does: a code cell tagged ``injected-parameters``
is inserted right after the cell tagged ``parameters``, so the given values win.
"""

from __future__ import annotations

import ast
import copy
import html
import keyword
import re
import tempfile
import warnings
from html.parser import HTMLParser
from pathlib import Path, PurePath

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
_PLOTLYJS_MARK = "window.Plotly = Plotly"  # the last lines of the embedded plotly.js bundle
WIDGET_NOTE = (
    "Interactive controls need a live Jupyter kernel (open this notebook in JupyterLab to use them). "
    "The charts on this page keep their own menus, zoom and hover."
)
PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"

# The lab template without the parts that fetch from the internet: require.js (unused: plotly.js is
# embedded as a plain script), MathJax (it would also typeset "$40 ... $60" in article text), the
# ipywidgets manager (widgets are replaced by a note) and mermaid (no diagrams in our notebooks).
_TEMPLATE_NAME = "corpus_tools_report.html.j2"
_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}
<style type="text/css">
.corpus-tools-widget-note { border-left: 4px solid #E69F00; background: #FFF8E6; color: #333;
  padding: 0.5em 1em; margin: 0.25em 0; font-family: var(--jp-ui-font-family, sans-serif); }
</style>
{%- endblock extra_css -%}
"""

# <script src="http://..."></script>, <script src="//..."></script> and <link href="https://...">:
# plotly's notebook output adds a MathJax script from a CDN to every figure.
_REMOTE_SCRIPT = re.compile(
    r"""<script\b[^>]*?\bsrc\s*=\s*(["']?)\s*(?:https?:)?//[^>]*>\s*</script\s*>""", re.IGNORECASE)
_REMOTE_LINK = re.compile(r"""<link\b[^>]*?\bhref\s*=\s*(["']?)\s*(?:https?:)?//[^>]*>""", re.IGNORECASE)


class NotebookError(RuntimeError):
    """A notebook failed: names the notebook, the cell (counted from 1) and the error."""

    def __init__(self, message: str, *, notebook: str | None = None, cell: int | None = None,
                 ename: str | None = None, evalue: str | None = None):
        super().__init__(message)
        self.notebook, self.cell, self.ename, self.evalue = notebook, cell, ename, evalue


# ---------------------------------------------------------------------------------------------
# Running


def _literal(name: str, value) -> str:
    """``value`` as Python source that evaluates back to the same value (or a clear error)."""
    if isinstance(value, PurePath):
        value = str(value)
    text = repr(value)
    try:
        ok = ast.literal_eval(text) == value
    except (ValueError, SyntaxError, TypeError, RecursionError):
        ok = False
    if not ok:
        raise TypeError(f"parameter {name}={value!r} cannot be written into a notebook: use a str, number, "
                        "bool, None, or a list/tuple/dict/set of these")
    return text


def inject_parameters(nb, parameters: dict) -> None:
    """Insert (in place) a cell tagged ``injected-parameters`` assigning ``parameters``.

    It goes right after the first cell tagged ``parameters`` (at the top when there is none, as
    papermill does); an earlier injected cell is removed first. Values are written with
    ``repr`` and checked to read back unchanged, so a string holding quotes or newlines
    stays a string.
    """
    import nbformat

    lines = ["# Parameters injected by corpus_tools.report"]
    for name, value in parameters.items():
        if not (isinstance(name, str) and name.isidentifier() and not keyword.iskeyword(name)):
            raise ValueError(f"{name!r} is not a valid Python variable name")
        lines.append(f"{name} = {_literal(name, value)}")
    nb.cells = [c for c in nb.cells if INJECTED_TAG not in c.get("metadata", {}).get("tags", [])]
    cell = nbformat.v4.new_code_cell("\n".join(lines), metadata={"tags": [INJECTED_TAG]})
    if nb.get("nbformat", 4) == 4 and nb.get("nbformat_minor", 0) < 5:
        cell.pop("id", None)  # cell ids came with nbformat 4.5
    where = next((i + 1 for i, c in enumerate(nb.cells)
                  if c.cell_type == "code" and PARAMETERS_TAG in c.get("metadata", {}).get("tags", [])), 0)
    nb.cells.insert(where, cell)


def _cell_label(nb, index: int | None) -> tuple[int | None, str]:
    """(number counted from 1 among the notebook's own cells, first line of its source)."""
    if index is None or not (0 <= index < len(nb.cells)):
        return None, ""
    injected = [i for i, c in enumerate(nb.cells) if INJECTED_TAG in c.get("metadata", {}).get("tags", [])]
    number = index + 1 - sum(1 for i in injected if i < index)
    first = next((line for line in nb.cells[index].source.splitlines() if line.strip()), "")
    return number, first.strip()[:100]


def run_notebook(path, *, parameters: dict | None = None, timeout: float = 600, cwd=None,
                 kernel_name: str | None = None, on_cell=None):
    """Execute the notebook at ``path`` and return it (an ``nbformat.NotebookNode``) with its outputs.

    ``parameters`` (e.g. ``{"CORPUS": "/abs/path"}``) are assigned in a cell tagged
    ``injected-parameters`` inserted after the cell tagged ``parameters``. ``timeout`` is in
    seconds per cell (required: a stalled cell must not hang the run). The notebook runs in
    ``cwd`` (default: its own folder), so its relative paths mean what they mean in JupyterLab.

    ``on_cell(number, total)`` is called as each code cell starts (for a progress display).
    A failing cell raises :class:`NotebookError` naming the notebook, the cell and the error.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    if timeout is None or timeout <= 0:
        raise ValueError("run_notebook needs a positive timeout (seconds per cell)")
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    if parameters:
        inject_parameters(nb, parameters)
    cwd = Path(cwd) if cwd is not None else path.resolve().parent
    kernel = kernel_name or nb.metadata.get("kernelspec", {}).get("name") or "python3"
    client = NotebookClient(nb, timeout=timeout, startup_timeout=max(60, min(timeout, 300)), kernel_name=kernel,
                            resources={"metadata": {"path": str(cwd)}})
    current: dict = {}
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]

    def on_cell_start(cell=None, cell_index=None, **_):
        current["index"] = cell_index
        if on_cell is not None and cell_index in code_cells:
            on_cell(code_cells.index(cell_index) + 1, len(code_cells))

    client.on_cell_start = on_cell_start
    # The kernel's own log (e.g. ipykernel's warning about TCP transport) goes to a file, not the
    # terminal; its end is quoted if the kernel dies.
    log = tempfile.TemporaryFile()
    try:
        client.execute(stderr=log, stdout=log)
    except CellExecutionError as e:
        number, first = _cell_label(nb, current.get("index"))
        raise NotebookError(
            f"{path.name}: cell {number} ({first!r}) failed with {e.ename}: {e.evalue}",
            notebook=str(path), cell=number, ename=e.ename, evalue=e.evalue) from e
    except (CellTimeoutError, TimeoutError) as e:
        number, first = _cell_label(nb, current.get("index"))
        raise NotebookError(f"{path.name}: cell {number} ({first!r}) did not finish within {timeout} s",
                            notebook=str(path), cell=number, ename="TimeoutError", evalue=str(e)) from e
    except DeadKernelError as e:
        number, first = _cell_label(nb, current.get("index"))
        log.seek(0)
        tail = log.read().decode("utf-8", "replace").strip()[-1500:]
        raise NotebookError(f"{path.name}: the kernel died while running cell {number} ({first!r})"
                            + (f"\nKernel log:\n{tail}" if tail else ""),
                            notebook=str(path), cell=number, ename="DeadKernelError", evalue=str(e)) from e
    finally:
        log.close()
    return nb


# ---------------------------------------------------------------------------------------------
# Exporting


WIDGET_SNAPSHOT_NOTE = "Below: what they showed when this page was made."
_WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json"


def _widget_note_output(*, snapshot: bool = False):
    import nbformat

    text = WIDGET_NOTE + (" " + WIDGET_SNAPSHOT_NOTE if snapshot else "")
    markup = f'<div class="corpus-tools-widget-note" role="note"><p>{html.escape(text)}</p></div>'
    return nbformat.v4.new_output("display_data", data={"text/html": markup, "text/plain": text})


def _captured_outputs(model_id: str, state: dict, seen: set) -> list:
    """The outputs held by the ``Output`` widgets inside widget ``model_id`` (children first to last)."""
    import nbformat

    if model_id in seen or model_id not in state:
        return []
    seen.add(model_id)
    model = state[model_id]
    values = model.get("state", {})
    found = []
    if model.get("model_name") == "OutputModel":
        for out in values.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_MIME in data:
                found += _captured_outputs(str(data[WIDGET_MIME].get("model_id", "")), state, seen)
            elif out.get("output_type") != "display_data" or data:
                found.append(nbformat.from_dict(out))
    for value in values.values():
        for ref in value if isinstance(value, list) else [value]:
            if isinstance(ref, str) and ref.startswith("IPY_MODEL_"):
                found += _captured_outputs(ref[len("IPY_MODEL_"):], state, seen)
    return found


def _strip_remote(markup: str) -> str:
    return _REMOTE_LINK.sub("", _REMOTE_SCRIPT.sub("", markup))


def _plotly_html(figure: dict) -> str:
    """A chart given only in Plotly's own format (e.g. inside an explorer), as HTML without plotly.js."""
    import plotly.io as pio

    fig = {"data": figure.get("data", []), "layout": figure.get("layout", {})}
    return pio.to_html(fig, include_plotlyjs=False, full_html=False, config=figure.get("config") or {},
                       validate=False)


def _text_html(data) -> str | None:
    value = data.get("text/html")
    return "".join(value) if isinstance(value, list) else value


def prepare_for_html(nb):
    """A copy of ``nb`` ready for a static page.

    Each ipywidgets output becomes a note (:data:`WIDGET_NOTE`) followed by what its ``Output``
    areas held when the notebook ran (a chart, a table), so the page keeps the explorer's first
    view; the widget state is dropped; charts given only in Plotly's own format get an HTML
    version, with plotly.js embedded once per page; scripts and stylesheets that outputs would
    fetch from the internet are removed.
    """
    nb = copy.deepcopy(nb)
    state = nb.metadata.pop("widgets", {}).get(_WIDGET_STATE_MIME, {}).get("state", {})
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_MIME in data:
                captured = _captured_outputs(str(data[WIDGET_MIME].get("model_id", "")), state, set())
                outputs.append(_widget_note_output(snapshot=bool(captured)))
                outputs += captured
            else:
                outputs.append(out)
        for out in outputs:
            data = out.get("data", {})
            if PLOTLY_MIME in data and "text/html" not in data:
                data["text/html"] = _plotly_html(data[PLOTLY_MIME])
            if "text/html" in data:
                data["text/html"] = _strip_remote(_text_html(data))
        cell.outputs = outputs
    _embed_plotlyjs_once(nb)
    return nb


def _embed_plotlyjs_once(nb) -> None:
    """Charts but no plotly.js on the page (e.g. only explorer charts): put plotly.js before the first."""
    html_outputs = [o.data for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                    if "text/html" in o.get("data", {})]
    has_charts = [d for d in html_outputs if 'class="plotly-graph-div"' in _text_html(d)]
    if not has_charts or any(_PLOTLYJS_MARK in _text_html(d) for d in html_outputs):
        return
    from plotly.offline import get_plotlyjs

    has_charts[0]["text/html"] = f'<script type="text/javascript">{get_plotlyjs()}</script>' + _text_html(has_charts[0])


class _ResourceFinder(HTMLParser):
    """Collects the URLs a page would load by itself (not the links a reader may click)."""

    _ATTRS = {"script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "frame": ("src",),
              "embed": ("src",), "object": ("data",), "source": ("src", "srcset"), "video": ("src", "poster"),
              "audio": ("src",), "track": ("src",), "input": ("src",), "image": ("href", "xlink:href"),
              "use": ("href", "xlink:href"), "feimage": ("href", "xlink:href")}
    _CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.IGNORECASE)

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = {k.lower(): (v or "") for k, v in attrs}
        names = self._ATTRS.get(tag, ())
        if tag == "link":
            names = ("href",)
        for name in names:
            for value in attrs.get(name, "").split(","):
                value = value.strip().split(" ")[0]
                if re.match(r"(?:https?:)?//", value, re.IGNORECASE):
                    self.urls.append(value)
        if "style" in attrs:
            self.urls += self._CSS_URL.findall(attrs["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.urls += self._CSS_URL.findall(data)


def external_resources(markup: str) -> list[str]:
    """The http(s) URLs that ``markup`` would fetch when opened (scripts, stylesheets, images,
    frames, CSS ``url()``/``@import``); links a reader may click are not counted.

    >>> external_resources('<script src="https://cdn.example/x.js"></script><a href="https://example.org">x</a>')
    ['https://cdn.example/x.js']
    """
    finder = _ResourceFinder()
    finder.feed(markup)
    finder.close()
    return finder.urls


def export_html(nb, path, *, title: str | None = None) -> Path:
    """Write ``nb`` (an executed notebook) to ``path`` as one self-contained HTML page and return the path.

    JupyterLab's look (nbconvert's ``lab`` template) without anything fetched from the internet;
    every ipywidgets output becomes a short note (:data:`WIDGET_NOTE`). A warning lists any
    external resource that is still referenced (e.g. an image linked from a markdown cell).
    """
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    path = Path(path)
    exporter = HTMLExporter(template_name="lab", extra_loaders=[DictLoader({_TEMPLATE_NAME: _TEMPLATE})],
                            template_file=_TEMPLATE_NAME, embed_images=True)
    body, _ = exporter.from_notebook_node(prepare_for_html(nb), resources={"metadata": {"name": title or path.stem}})
    remote = external_resources(body)
    if remote:
        warnings.warn(f"{path.name} still loads from the network: {', '.join(sorted(set(remote))[:5])}", stacklevel=2)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# Building a report


def default_notebooks(folder=None) -> list[Path]:
    """The numbered notebooks (``00-...ipynb``, ``01-...``) of ``folder`` (default: the repository's
    ``notebooks/``), sorted by name."""
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


def build_report(corpus, out_dir, *, notebooks=None, timeout: float = 600, parameters: dict | None = None,
                 progress: bool = True) -> list[Path]:
    """Run each notebook on ``corpus`` and write ``out_dir/<name>.html`` (and the executed ``.ipynb``).

    ``corpus`` is a folder, a file or a glob; it is made absolute and given to every notebook as
    ``CORPUS`` (with any other ``parameters``). ``notebooks``: notebook files and/or folders
    (default: the numbered notebooks in ``notebooks/``, sorted). ``timeout``: seconds per cell.
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
    bar = tqdm(paths, desc="Notebooks", unit="notebook", disable=not progress)
    for path in bar:
        bar.set_postfix_str(path.name)
        # Long notebooks on a large corpus run for minutes: say which cell is running.
        nb = run_notebook(path, parameters=params, timeout=timeout,
                          on_cell=lambda i, n, name=path.name: bar.set_postfix_str(f"{name}: cell {i}/{n}"))
        nbformat.write(nb, out_dir / f"{path.stem}.ipynb")
        written.append(export_html(nb, out_dir / f"{path.stem}.html"))
    bar.close()
    return written


__all__ = [
    "WIDGET_NOTE",
    "WIDGET_SNAPSHOT_NOTE",
    "NotebookError",
    "build_report",
    "default_notebooks",
    "export_html",
    "external_resources",
    "inject_parameters",
    "prepare_for_html",
    "run_notebook",
]
