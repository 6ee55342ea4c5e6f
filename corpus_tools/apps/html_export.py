"""An executed notebook as a self-contained HTML page that works offline: charts drawn, widgets
explained, nothing fetched from the web.
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


