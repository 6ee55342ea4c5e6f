"""Issue 14, part 7: what the data holds cannot reorder, hide or recolour what a page or chart shows."""

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.ui.chart_base import escape_label
from corpus_tools.ui.display import escape_text, html_table
from corpus_tools.ui.notebook import safe_table_html

RLO_TASS = "\u202eSSAT"  # displays as "TASS"


def _articles():
    return pd.DataFrame({
        "doc_id": ["a", "b", "c"], "outlet": [RLO_TASS, "AP", "AP"], "text": ["x", "y", "z"],
        "date": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-02"]), "n_words": [1, 1, 1],
    })


def _strings(obj):
    if isinstance(obj, dict):
        return [s for v in obj.values() for s in _strings(v)]
    if isinstance(obj, (list, tuple)):
        return [s for v in obj for s in _strings(v)]
    return [obj] if isinstance(obj, str) else []


def test_chart_labels_never_carry_bidi_or_control_characters():
    arts = _articles()
    figs = [ct.plot_counts(ct.count_articles(arts, by="outlet"), x="outlet", color="outlet"),
            ct.plot_timeline(ct.timeline(arts, by="outlet"), color="outlet")]
    for fig in figs:
        texts = _strings(fig.to_plotly_json()["data"]) + _strings(fig.to_plotly_json()["layout"])
        assert not any("\u202e" in t for t in texts)
        assert any("\\u202eSSAT" in t for t in texts)  # shown, in the order stored


def test_escape_label_and_escape_text_show_controls():
    assert escape_label(RLO_TASS) == "\\u202eSSAT"
    assert escape_label("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert escape_text(RLO_TASS) == "&#92;u202eSSAT"
    assert "\u202e" not in html_table(_articles())


def test_notebook_tables_show_bidi_and_control_characters_as_escapes():
    report = pd.DataFrame({"path": ["x\u202etxt.exe", "a\x1b[2Jb.txt"], "reason": ["ok", "ok"]})
    page = safe_table_html(report)
    assert "\u202e" not in page and "\x1b" not in page
    assert "x\\u202etxt.exe" in page and "a\\x1b[2Jb.txt" in page


def test_describe_corpus_escapes_outlet_names():
    text = ct.describe_corpus(_articles())
    assert "\u202e" not in text and "\\u202eSSAT" in text
    assert "\u202e" not in text._repr_html_()


def test_setup_notebook_makes_pandas_tables_show_escapes():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        ct.setup_notebook()
        shown, _ = shell.display_formatter.format(pd.DataFrame({"outlet": [RLO_TASS]}))
        assert "\\u202eSSAT" in shown["text/html"] and "\u202e" not in shown["text/html"]
        shown, _ = shell.display_formatter.format(pd.Series(["a\x1b[2Jb"]))
        assert "\x1b" not in shown["text/plain"] and "a\\x1b[2Jb" in shown["text/plain"]
    finally:
        InteractiveShell.clear_instance()


def test_setup_notebook_does_not_build_jsonschemas_iri_grammar():
    # Building it cost 1.5 s of CPU before a notebook's first chart; the module stays importable.
    import importlib.util
    import subprocess
    import sys

    if importlib.util.find_spec("rfc3987_syntax") is None:
        pytest.skip("rfc3987-syntax is not installed: nothing to avoid")

    code = ("import sys, corpus_tools as ct; ct.setup_notebook(); import plotly.io as pio, jsonschema; "
            "print(pio.renderers.default, 'rfc3987_syntax' in sys.modules); import rfc3987_syntax")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["plotly_mimetype+notebook", "False"]
