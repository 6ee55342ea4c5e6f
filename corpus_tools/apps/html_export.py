"""An executed notebook as an HTML page that works offline: charts drawn, widgets explained,
progress bars left out, nothing fetched from the web.

A page embeds plotly.js (4.8 MB: one self-contained file), or loads it from a file beside it
(``plotlyjs="plotly.min.js"``: the pages of a report share one copy, see :func:`write_plotlyjs`, and
one copy of JupyterLab's stylesheet, ``notebook-<hash>.css``).
"""

from __future__ import annotations

import copy
import html
import re
import warnings
from html.parser import HTMLParser
from pathlib import Path

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

PLOTLY_MIME = "application/vnd.plotly.v1+json"

_PLOTLYJS_MARK = "window.Plotly = Plotly"  # the last lines of the embedded plotly.js bundle

# The file a report's pages share (written by write_plotlyjs): plotly.js as the plotly package ships it.
PLOTLYJS_FILE = "plotly.min.js"

_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL)

# A text progress bar (tqdm): "Reading files:  45%|████▌     | 1000/2226 [00:01<00:01, 900.00file/s]".
_PROGRESS_TEXT = re.compile(r"\d+%\|[^|\n]*\|\s*\d+(?:\.\d+)?[kMG]?/\d+(?:\.\d+)?[kMG]?\s*\[")

WIDGET_NOTE = (
    "Interactive controls need a live Jupyter kernel (open this notebook in JupyterLab to use them). "
    "The charts on this page keep their own menus, zoom and hover."
)

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


def _is_progress_bar(data: dict, state: dict) -> bool:
    """A tqdm bar shown as a widget: a box holding a progress widget (or, without saved state, its text)."""
    model = state.get(str(data.get(WIDGET_MIME, {}).get("model_id", "")), {})
    refs = model.get("state", {}).get("children", [])
    names = [model.get("model_name", "")] + [state.get(str(r)[len("IPY_MODEL_"):], {}).get("model_name", "")
                                             for r in refs if isinstance(r, str)]
    if any(name.endswith("ProgressModel") for name in names):
        return True
    plain = data.get("text/plain", "")
    plain = "".join(plain) if isinstance(plain, list) else plain
    return not model and bool(_PROGRESS_TEXT.search(plain) or re.search(r"\b(?:Float|Int)Progress\(", plain))


def _without_progress_text(out):
    """A stream output without its text progress bars (lines redrawn with \\r); None when nothing is left."""
    if out.get("output_type") != "stream" or not _PROGRESS_TEXT.search(out.get("text", "")):
        return out
    lines = []
    for line in out["text"].split("\n"):
        kept = [part for part in line.split("\r") if part.strip() and not _PROGRESS_TEXT.search(part)]
        if kept or not line.strip():
            lines.append(kept[-1] if kept else line)
    text = "\n".join(lines)
    if not text.strip():
        return None
    out = copy.deepcopy(out)
    out["text"] = text
    return out


def _strip_remote(markup: str) -> str:
    return _REMOTE_LINK.sub("", _REMOTE_SCRIPT.sub("", markup))


def _plotly_html(figure: dict) -> str:
    """A chart given only in Plotly's own format (e.g. inside an explorer), as HTML without plotly.js."""
    import plotly.io as pio

    fig = {"data": figure.get("data", []), "layout": figure.get("layout", {})}
    return pio.to_html(fig, include_plotlyjs=False, full_html=False, config=figure.get("config") or {},
                       validate=False)


# Numbers in a chart need no more than float32's seven digits on a screen; below 2**24 every whole
# number stays exact, so counts and years are unchanged (epoch times and larger values are left alone).
_EXACT_BELOW = 2.0 ** 24


def _compact(value):
    if isinstance(value, float):
        return float(f"{value:.7g}") if abs(value) < _EXACT_BELOW else value
    if isinstance(value, list):
        return [_compact(v) for v in value]
    if isinstance(value, dict):
        if value.get("dtype") == "f8" and isinstance(value.get("bdata"), str):
            import base64

            import numpy as np

            numbers = np.frombuffer(base64.b64decode(value["bdata"]), dtype="<f8")
            finite = numbers[np.isfinite(numbers)]
            if finite.size and np.abs(finite).max() >= _EXACT_BELOW:
                return value
            return {**value, "dtype": "f4", "bdata": base64.b64encode(numbers.astype("<f4").tobytes()).decode()}
        return {k: _compact(v) for k, v in value.items()}
    return value


def compact_figure(figure: dict) -> dict:
    """A copy of a chart (plotly's JSON) with its numbers written to float32 precision: often a third lighter.

    >>> compact_figure({"data": [{"y": [0.1234567890123, 2.0, 1.7e12]}]})["data"][0]["y"]
    [0.1234568, 2.0, 1700000000000.0]
    """
    return _compact(figure)


def compact_notebook(nb):
    """A copy of an executed notebook for saving beside the pages: charts compacted (:func:`compact_figure`),
    their HTML made from the compact chart and without the 4.8 MB plotly.js bundle (JupyterLab draws them)."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            _compact_output(data)
            if "text/html" in data and _PLOTLYJS_MARK in _text_html(data):
                data["text/html"] = _without_plotlyjs(_text_html(data))
        # plotly's notebook renderer shows its bundle once, in an output of its own: nothing is left of it.
        cell.outputs = [o for o in cell.get("outputs", []) if set(o.get("data", {})) != {"text/html"}
                        or _text_html(o["data"]).strip()]
    return nb


def _without_plotlyjs(markup: str) -> str:
    return _SCRIPT.sub(lambda m: "" if _PLOTLYJS_MARK in m.group(0) else m.group(0), markup)


def _compact_output(data: dict) -> None:
    if PLOTLY_MIME in data:
        data[PLOTLY_MIME] = compact_figure(data[PLOTLY_MIME])
        data["text/html"] = _plotly_html(data[PLOTLY_MIME])


def _text_html(data) -> str | None:
    value = data.get("text/html")
    return "".join(value) if isinstance(value, list) else value


def prepare_for_html(nb, *, plotlyjs: str | None = None):
    """A copy of ``nb`` ready for a static page.

    Each ipywidgets output becomes a note (:data:`WIDGET_NOTE`) followed by what its ``Output``
    areas held when the notebook ran (a chart, a table), so the page keeps the explorer's first
    view; progress bars (tqdm widgets and text bars) are left out; the widget state is dropped;
    charts given only in Plotly's own format get an HTML version; scripts and stylesheets that
    outputs would fetch from the internet are removed. plotly.js is embedded once per page
    (``plotlyjs=None``), or loaded once from the file ``plotlyjs`` names (relative to the page).
    """
    nb = copy.deepcopy(nb)
    state = nb.metadata.pop("widgets", {}).get(_WIDGET_STATE_MIME, {}).get("state", {})
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            out = _without_progress_text(out)
            if out is None or (WIDGET_MIME in data and _is_progress_bar(data, state)):
                continue
            if WIDGET_MIME in data:
                captured = _captured_outputs(str(data[WIDGET_MIME].get("model_id", "")), state, set())
                outputs.append(_widget_note_output(snapshot=bool(captured)))
                outputs += captured
            else:
                outputs.append(out)
        for out in outputs:
            data = out.get("data", {})
            # The page's HTML of each chart is made from the compact chart (plotly.js is added once below).
            _compact_output(data)
            if "text/html" in data:
                data["text/html"] = _strip_remote(_text_html(data))
        cell.outputs = outputs
    _plotlyjs_once(nb, plotlyjs)
    return nb


def _plotlyjs_once(nb, src: str | None) -> None:
    """plotly.js exactly once, before the first chart: embedded (``src=None``) or loaded from ``src``."""
    html_outputs = [o.data for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                    if "text/html" in o.get("data", {})]
    if src is not None:  # the bundle plotly's notebook renderer put in an output goes: the file replaces it
        for data in html_outputs:
            if _PLOTLYJS_MARK in _text_html(data):
                data["text/html"] = _without_plotlyjs(_text_html(data))
    has_charts = [d for d in html_outputs if 'class="plotly-graph-div"' in _text_html(d)]
    if not has_charts or any(_PLOTLYJS_MARK in _text_html(d) for d in html_outputs):
        return
    if src is None:
        from plotly.offline import get_plotlyjs

        script = f'<script type="text/javascript">{get_plotlyjs()}</script>'
    else:
        script = f'<script type="text/javascript" src="{html.escape(src)}"></script>'
    has_charts[0]["text/html"] = script + _text_html(has_charts[0])


def write_plotlyjs(folder) -> Path:
    """``folder/plotly.min.js``: the plotly.js of the installed plotly package, for pages that share it.

    Written only when missing or different, so the pages of a report folder share one copy.
    """
    from plotly.offline import get_plotlyjs

    path = Path(folder) / PLOTLYJS_FILE
    code = get_plotlyjs()
    if not path.is_file() or path.stat().st_size != len(code.encode("utf-8")) or path.read_text("utf-8") != code:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(code, encoding="utf-8")
    return path


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


_HEAD_STYLE = re.compile(r"<style type=\"text/css\">(.*?)</style>", re.DOTALL)


def _share_stylesheet(body: str, folder: Path) -> str:
    """The page's large head styles (JupyterLab's theme, 250 KB) moved to one file its folder's pages share."""
    head_end = body.find("</head>")
    big = [m for m in _HEAD_STYLE.finditer(body, 0, max(head_end, 0)) if len(m.group(1)) > 10_000]
    if not big:
        return body
    import hashlib

    css = "\n".join(m.group(1) for m in big)
    name = f"notebook-{hashlib.sha1(css.encode()).hexdigest()[:10]}.css"
    target = folder / name
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        target.write_text(css, encoding="utf-8")
    link = f'<link rel="stylesheet" href="{name}">'
    for m in reversed(big):
        body = body[:m.start()] + (link if m is big[0] else "") + body[m.end():]
    return body


def export_html(nb, path, *, title: str | None = None, plotlyjs: str | None = None) -> Path:
    """Write ``nb`` (an executed notebook) to ``path`` as an HTML page and return the path.

    JupyterLab's look (nbconvert's ``lab`` template) without anything fetched from the internet;
    every ipywidgets output becomes a short note (:data:`WIDGET_NOTE`), progress bars are left
    out. ``plotlyjs=None``: one self-contained file (plotly.js embedded); a file name such as
    ``"plotly.min.js"``: the page loads plotly.js from that file beside it (see
    :func:`write_plotlyjs`) and its stylesheet from ``notebook-<hash>.css``, written beside it.
    A warning lists any external resource that is still referenced
    (e.g. an image linked from a markdown cell).
    """
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    path = Path(path)
    exporter = HTMLExporter(template_name="lab", extra_loaders=[DictLoader({_TEMPLATE_NAME: _TEMPLATE})],
                            template_file=_TEMPLATE_NAME, embed_images=True)
    body, _ = exporter.from_notebook_node(prepare_for_html(nb, plotlyjs=plotlyjs),
                                          resources={"metadata": {"name": title or path.stem}})
    if plotlyjs is not None:
        body = _share_stylesheet(body, path.parent)
    remote = external_resources(body)
    if remote:
        warnings.warn(f"{path.name} still loads from the network: {', '.join(sorted(set(remote))[:5])}", stacklevel=2)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


