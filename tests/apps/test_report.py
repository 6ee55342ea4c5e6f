"""HTML reports: parameters injected papermill-style, pages that need no network, widgets
replaced by a note, and article text that is shown as text (never run) in a real browser."""

import csv
import html
import re

import nbformat
import pytest

from corpus_tools.apps.cli import main
from corpus_tools.apps.html_export import (
    PLOTLYJS_FILE,
    WIDGET_MIME,
    WIDGET_NOTE,
    WIDGET_SNAPSHOT_NOTE,
    export_html,
    external_resources,
    prepare_for_html,
)
from corpus_tools.apps.notebooks import (
    INJECTED_TAG,
    NotebookError,
    inject_parameters,
    run_notebook,
)
from corpus_tools.apps.report import build_report, default_notebooks

from ..browser_utils import (
    block_network,
    browser_or_skip,
    collect_errors,
    external,
    open_report,
    screenshot_path,
)

# Tags that would load something from another machine, wherever they appear.
REMOTE_TAG = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""",
                        re.IGNORECASE)


def write_notebook(path, *cells, params=None):
    """A notebook of code cells (a str each); ``params``: source of a cell tagged ``parameters`` put first."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    if params is not None:
        nb.cells.append(nbformat.v4.new_markdown_cell("# A tiny notebook"))
        nb.cells.append(nbformat.v4.new_code_cell(params, metadata={"tags": ["parameters"]}))
    nb.cells += [nbformat.v4.new_code_cell(src) for src in cells]
    nbformat.write(nb, path)
    return path


def stdout(nb) -> str:
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                   if o.get("output_type") == "stream")


# ---------------------------------------------------------------------------------------------
# Parameters and running


def test_injected_parameters_win_and_survive_quotes(tmp_path):
    path = write_notebook(tmp_path / "p.ipynb", "print(repr(CORPUS), N, WORDS, FLAG)",
                          params='CORPUS = "../data/sample"\nN = 1\nWORDS = []\nFLAG = True')
    tricky = tmp_path / "it's a \"folder\"\n</script>"
    started = []
    nb = run_notebook(path, parameters={"CORPUS": tricky, "N": 5, "WORDS": ["a", "b"]}, timeout=60,
                      on_cell=lambda i, n: started.append((i, n)))
    assert stdout(nb).strip() == f"{str(tricky)!r} 5 ['a', 'b'] True"
    # Progress is reported for every code cell (parameters, injected, body), in order.
    assert started == [(1, 3), (2, 3), (3, 3)]
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    assert tags.index(["parameters"]) + 1 == tags.index([INJECTED_TAG])
    # The file on disk is untouched.
    assert INJECTED_TAG not in path.read_text()


def test_parameter_injection_replaces_an_old_cell_and_checks_names_and_values():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("X = 1", metadata={"tags": ["parameters"]})])
    inject_parameters(nb, {"X": 2})
    inject_parameters(nb, {"X": 3})
    assert [c.source.splitlines()[-1] for c in nb.cells] == ["X = 1", "X = 3"]
    with pytest.raises(ValueError, match="variable name"):
        inject_parameters(nb, {"import": 1})
    with pytest.raises(ValueError, match="variable name"):
        inject_parameters(nb, {"X = 1; import os; Y": 1})
    with pytest.raises(TypeError, match="cannot be written"):
        inject_parameters(nb, {"X": object()})
    # No parameters cell: the values go first, as papermill does.
    bare = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(X)")])
    inject_parameters(bare, {"X": "a"})
    assert bare.cells[0].source.endswith("X = 'a'")


def test_run_notebook_always_has_a_timeout(tmp_path):
    path = write_notebook(tmp_path / "t.ipynb", "1")
    with pytest.raises(ValueError, match="timeout"):
        run_notebook(path, timeout=None)


def test_a_stalled_cell_is_stopped_by_the_timeout(tmp_path):
    path = write_notebook(tmp_path / "slow.ipynb", "x = 1", "import time\ntime.sleep(60)")
    with pytest.raises(NotebookError, match=r"slow.ipynb: cell 2 \('import time'\) did not finish within 2 s"):
        run_notebook(path, timeout=2)


def test_a_failing_notebook_names_itself_and_the_cell(tmp_path):
    path = write_notebook(tmp_path / "broken.ipynb", "x = 1", "y = x / 0", "print('never')", params="Z = 0")
    with pytest.raises(NotebookError) as info:
        build_report(tmp_path, tmp_path / "out", notebooks=[path], timeout=60, progress=False)
    message = str(info.value)
    assert "broken.ipynb" in message and "cell 4" in message and "ZeroDivisionError" in message
    assert "y = x / 0" in message
    assert info.value.cell == 4 and info.value.ename == "ZeroDivisionError"


def test_default_notebooks_are_the_numbered_ones_in_order():
    names = [p.name for p in default_notebooks()]
    assert names and names == sorted(names) and names[0] == "00-start-here.ipynb"
    assert all(re.match(r"\d", n) for n in names)


def test_missing_corpus_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope"):
        build_report(tmp_path / "nope", tmp_path / "out", progress=False)


def test_cli_report(tmp_path, capsys):
    nb = write_notebook(tmp_path / "tiny.ipynb", "print('corpus is', CORPUS)", params="CORPUS = None")
    (tmp_path / "corpus").mkdir()
    assert main(["report", "--corpus", str(tmp_path / "corpus"), "-o", str(tmp_path / "out"),
                 "--notebook", str(nb), "--timeout", "60"]) == 0
    assert "1 page(s) written" in capsys.readouterr().out
    page = (tmp_path / "out" / "tiny.html").read_text()
    # The corpus is named by its folder's name only: the folders above it stay on this machine.
    assert "corpus is corpus" in page and str(tmp_path) not in page
    assert (tmp_path / "out" / "tiny.ipynb").exists()
    assert main(["report", "--corpus", str(tmp_path / "absent"), "-o", str(tmp_path / "out")]) == 2
    assert "absent" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# Exported pages


def test_sample_start_here_page_is_complete_and_self_contained(sample_report):
    pages = {p.stem: p for p in sample_report}
    assert "00-start-here" in pages
    page = pages["00-start-here"].read_text()
    for expected in ("Start here", "The load report", "files loaded: 5", "TASS", "date_evidence", "inferred",
                     "corpus-tools-widget-note", html.escape(WIDGET_NOTE)):
        assert expected in page, expected
    assert WIDGET_MIME not in page and "widget-state" not in page
    assert external_resources(page) == [] and not REMOTE_TAG.search(page)
    assert not re.search(r"require(?:\.min)?\.js|cdnjs|unpkg|jsdelivr", page)
    assert (pages["00-start-here"].with_suffix(".ipynb")).exists()
    for name, path in pages.items():
        text = path.read_text()
        assert external_resources(text) == [] and not REMOTE_TAG.search(text), name
        charts = text.count('class="plotly-graph-div"')
        # The pages share the folder's plotly.min.js, loaded once by every page that has charts.
        assert len(re.findall(r'<script[^>]*\bsrc="plotly.min.js"', text)) == (1 if charts else 0), name
        assert "window.Plotly = Plotly" not in text and len(text) < 1_000_000, name
    shared = pages["00-start-here"].parent / PLOTLYJS_FILE
    assert "window.Plotly = Plotly" in shared.read_text()


def _chart_notebook(path):
    return write_notebook(path, "import corpus_tools as ct, pandas as pd\nct.setup_notebook()",
                          "ct.plot_counts(pd.DataFrame({'outlet': ['AP', 'TASS'], 'n': [3, 5]}), x='outlet')",
                          "from tqdm.auto import tqdm\nfor _ in tqdm(range(3), desc='Counting'): pass",
                          "import os, sys\nfrom tqdm import tqdm as text_tqdm\n"
                          "for _ in text_tqdm(range(3), desc='Plain', file=sys.stderr, disable=False): pass\n"
                          "print('kernel TQDM_DISABLE', os.environ.get('TQDM_DISABLE'))",
                          "import ipywidgets as w\nw.IntSlider()", params="CORPUS = None")


def test_pages_share_plotlyjs_or_embed_it_with_self_contained(tmp_path, capsys):
    nb = _chart_notebook(tmp_path / "chart.ipynb")
    (tmp_path / "corpus").mkdir()
    (shared,) = build_report(tmp_path / "corpus", tmp_path / "shared", notebooks=[nb], timeout=120, progress=False)
    page = shared.read_text()
    assert len(re.findall(r'<script[^>]*\bsrc="plotly.min.js"', page)) == 1
    assert "window.Plotly = Plotly" not in page and len(page) < 500_000
    assert (tmp_path / "shared" / PLOTLYJS_FILE).stat().st_size > 3_000_000
    assert main(["report", "--corpus", str(tmp_path / "corpus"), "-o", str(tmp_path / "single"),
                 "--notebook", str(nb), "--timeout", "120", "--self-contained"]) == 0
    single = (tmp_path / "single" / "chart.html").read_text()
    assert single.count("window.Plotly = Plotly") == 1 and "plotly.min.js" not in single
    assert not (tmp_path / "single" / PLOTLYJS_FILE).exists()
    for text in (page, single):
        assert external_resources(text) == [] and not REMOTE_TAG.search(text)


def test_progress_bars_never_reach_a_page(tmp_path):
    nb = _chart_notebook(tmp_path / "bars.ipynb")
    (tmp_path / "corpus").mkdir()
    (page,) = build_report(tmp_path / "corpus", tmp_path / "out", notebooks=[nb], timeout=120, progress=False)
    executed = nbformat.read(page.with_suffix(".ipynb"), as_version=4)
    # The report's kernel runs with TQDM_DISABLE=1; a notebook bar (a widget) is drawn all the same.
    assert "kernel TQDM_DISABLE 1" in stdout(executed)
    assert any("Counting" in str(o.get("data", {}).get("text/plain", "")) for c in executed.cells
               for o in c.get("outputs", []))
    text = page.read_text()
    assert not re.search(r"\d+%\|", text) and "3/3 [" not in text and "Counting:" not in text
    # The slider is still explained; the bar is not taken for a control.
    assert text.count(html.escape(WIDGET_NOTE)) == 1


def test_progress_outputs_are_recognised_without_a_kernel():
    bar = "Reading files:  45%|████▌     | 1000/2226 [00:01<00:01, 900.00file/s]"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x", outputs=[
        nbformat.v4.new_output("stream", name="stderr", text=f"\r{bar}\rdone: 5%|x| 1/20 [00:00]\nA warning\n"),
        nbformat.v4.new_output("stream", name="stderr", text=f"\r{bar}"),
        nbformat.v4.new_output("display_data", data={WIDGET_MIME: {"model_id": "m1"}, "text/plain": bar}),
        nbformat.v4.new_output("display_data", data={WIDGET_MIME: {"model_id": "m2"},
                                                     "text/plain": "HBox(children=(FloatProgress(value=0.0),))"}),
    ])])
    outputs = prepare_for_html(nb).cells[0].outputs
    assert [o.get("text") for o in outputs] == ["A warning\n"]


def test_widget_outputs_become_a_note_followed_by_what_they_showed(tmp_path):
    path = write_notebook(
        tmp_path / "w.ipynb",
        "import ipywidgets as w\nw.IntSlider(value=3, description='N')",
        "from IPython.display import HTML\nout = w.Output()\n"
        "out.append_display_data(HTML('<b id=snap>first view</b>'))\n"
        "w.VBox([w.Dropdown(options=['a', 'b']), out])",
        # As the explorers do: a chart in Plotly's own format only, inside an Output widget.
        "import plotly.express as px, plotly.io as pio\nchart = w.Output()\n"
        "chart.outputs = ({'output_type': 'display_data', 'metadata': {},\n"
        "                  'data': pio.renderers['plotly_mimetype'].to_mimebundle(px.bar(x=['a'], y=[1]))},)\n"
        "w.VBox([w.IntSlider(), chart])",
        "print('after')")
    nb = run_notebook(path, timeout=60)
    assert any(WIDGET_MIME in o.get("data", {}) for o in nb.cells[0].outputs)
    page = export_html(nb, tmp_path / "w.html").read_text()
    assert page.count(html.escape(WIDGET_NOTE)) == 3 and page.count(WIDGET_SNAPSHOT_NOTE) == 2
    # The Output widgets' content follows their note, in the cell that displayed them; the chart
    # gets an HTML version and plotly.js once.
    assert page.index(WIDGET_SNAPSHOT_NOTE) < page.index("first view</b>") < page.index('class="plotly-graph-div"')
    assert page.index('class="plotly-graph-div"') < page.index("<pre>after")
    assert page.count("window.Plotly = Plotly") == 1
    assert WIDGET_MIME not in page and "widget-state" not in page and "IntSlider(" not in page
    assert external_resources(page) == [] and not REMOTE_TAG.search(page)


def test_remote_scripts_in_outputs_are_left_out(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output(
        "display_data", data={"text/html": '<script src="https://cdn.example/x.js"></script>'
                                           "<link rel=stylesheet href=//cdn.example/x.css><p>kept</p>"})])])
    page = export_html(nb, tmp_path / "x.html").read_text()
    assert "<p>kept</p>" in page and "cdn.example" not in page


# ---------------------------------------------------------------------------------------------
# Article text is shown, never run


@pytest.fixture(scope="module")
def browser():
    """One chromium for the module's browser tests (skips them when it cannot be had)."""
    with browser_or_skip() as b:
        yield b

PAYLOADS = {
    "script": "<script>window.__pwned=1</script>",
    "img": '<img src=x onerror="window.__pwned=2">',
    "svg": '<svg onload="window.__pwned=3">',
    "link": '<a href="javascript:window.__pwned=4">read more</a>',
    "markdown_link": "[click here](javascript:window.__pwned=5)",
    "bare_javascript": "javascript:window.__pwned=6",
    "maths": "It cost $x$ then $y$",
}


def _body(topic, extra):
    # Words the notebooks look for by default (Kyiv, NATO, Putin) so every section has something to show.
    return (f"{extra} The city council in Kyiv spent the whole evening debating {topic}, and NATO officials said "
            f"Putin was watching.\n\nResidents who came to the meeting said {topic} had been ignored for years and "
            f"asked for a clear plan. {PAYLOADS['maths']}.\n\nOfficials promised to publish a report on {topic} "
            "before the summer and to hold another public hearing.")


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    """Every numbered notebook run on a corpus whose titles, texts and outlets hold markup and scripts."""
    corpus = tmp_path_factory.mktemp("hostile") / "corpus"
    corpus.mkdir()
    p = PAYLOADS
    rows = [
        dict(title=f"{p['script']} Council vote", text=_body("the harbour", f"{p['img']} {p['link']}"),
             outlet=p["img"], date="2023-11-27"),
        dict(title=f"{p['img']} Harbour plan", text=_body("the bridge", f"{p['svg']} {p['markdown_link']}"),
             outlet=p["svg"], date="2023-11-28"),
        dict(title=f"{p['maths']} budget {p['link']}", text=_body("the budget", p["script"]),
             outlet=p["bare_javascript"], date="2023-12-02"),
    ]
    with open(corpus / "export.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["title", "text", "outlet", "date"])
        writer.writeheader()
        writer.writerows(rows)
    (corpus / "story.txt").write_text(f"{p['svg']} {p['markdown_link']}\n\n"
                                      + _body("the school", f"{p['script']} {p['img']} {p['link']}") + "\n")
    return build_report(corpus, tmp_path_factory.mktemp("hostile_report"), timeout=300, progress=False)


def test_hostile_article_text_is_escaped_in_the_page_source(hostile_report):
    assert [p.stem for p in hostile_report] == [p.stem for p in default_notebooks()]
    for path in hostile_report:
        page = path.read_text()
        for name in ("script", "img", "svg", "link"):
            assert PAYLOADS[name] not in page, (path.name, name)
        assert not re.search(r"<(?:img|svg)\b[^>]*\bon(?:error|load)\s*=", page, re.IGNORECASE), path.name
        assert external_resources(page) == [], path.name


# Attributes that would run code: on* handlers mentioning the payload, or a javascript: URL where a
# URL is followed (plotly keeps raw label text in data-unformatted, which is inert).
_LIVE_MARKUP = """() => {
  const bad = [];
  const urlAttr = /^(?:.*:)?(?:href|src|action|formaction|data|srcdoc|poster)$/;
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase(), v = a.value.replace(/[\\s\\u0000-\\u001f]+/g, '').toLowerCase();
      if ((name.startsWith('on') && v.includes('__pwned')) || (urlAttr.test(name) && v.startsWith('javascript:')))
        bad.push(el.tagName + ' ' + a.name + '=' + a.value);
    }
  }
  return bad;
}"""

# Hover the first point of every trace so hover boxes (article titles, sentences) are drawn too.
_HOVER_ALL = """() => {
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    (gd.data || []).forEach((trace, i) => {
      if (trace.visible === false || trace.visible === 'legendonly') return;
      const subplot = (trace.xaxis || 'x') + (trace.yaxis || 'y');
      try { Plotly.Fx.hover(gd, [{curveNumber: i, pointNumber: 0}], subplot); } catch (e) {}
    });
  }
  return document.querySelectorAll('.hoverlayer *').length;
}"""


@pytest.mark.browser
def test_hostile_article_text_never_runs_in_a_browser(hostile_report, browser):
    visible = ""
    for path in hostile_report:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        dialogs = []
        page.on("dialog", lambda d, seen=dialogs: (seen.append(d.message), d.dismiss()))
        requests, errors = block_network(page), collect_errors(page)
        open_report(page, path)
        page.evaluate(_HOVER_ALL)
        page.wait_for_timeout(100)
        assert page.evaluate("typeof window.__pwned") == "undefined", path.name
        assert page.evaluate(_LIVE_MARKUP) == [], path.name
        assert dialogs == [], path.name
        assert external(requests) == [], path.name
        assert errors == [], path.name
        text = page.inner_text("body")
        visible += text
        if path.stem == "00-start-here":
            page.screenshot(path=screenshot_path(f"hostile-{path.stem}"), full_page=True)
            # The articles table shows every title and outlet as plain text.
            for name in ("script", "img", "svg", "link", "markdown_link", "bare_javascript", "maths"):
                assert PAYLOADS[name] in text, name
        page.close()
    assert "$x$" in visible and "$y$" in visible
