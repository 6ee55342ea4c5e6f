"""Pages people can send: a report's pages share plotly.js and JupyterLab's stylesheet, charts carry no more
digits than a screen shows, the executed notebooks saved beside the pages hold no copy of plotly.js, and the
notebooks run side by side without losing their order or the name of a failing one."""

import base64

import nbformat
import numpy as np
import pytest

from corpus_tools.apps.html_export import PLOTLY_MIME, compact_figure
from corpus_tools.apps.notebooks import NotebookError
from corpus_tools.apps.report import build_report

from .test_report import write_notebook

CHART = ("import corpus_tools as ct, numpy as np, pandas as pd\nct.setup_notebook()\n"
         "ct.plot_counts(pd.DataFrame({'outlet': ['AP', 'TASS'], 'n': np.array([1 / 3, 2 / 3])}), x='outlet')")


def test_numbers_keep_seven_digits_and_large_ones_stay_exact():
    fig = {"data": [{"x": [1 / 3, 2.0, 123456789.123], "y": {"dtype": "f8", "bdata": base64.b64encode(
        np.array([0.1, 1 / 7, 16_000_000.0]).tobytes()).decode(), "shape": "3"}}],
        "layout": {"xaxis": {"range": [1.7e12, 1.8e12]}}}
    small = compact_figure(fig)
    assert small["data"][0]["x"] == [0.3333333, 2.0, 123456789.123]
    assert small["layout"]["xaxis"]["range"] == [1.7e12, 1.8e12]  # epoch milliseconds: untouched
    y = small["data"][0]["y"]
    assert y["dtype"] == "f4" and len(y["bdata"]) < len(fig["data"][0]["y"]["bdata"]) * 0.6
    assert np.allclose(np.frombuffer(base64.b64decode(y["bdata"]), "<f4"), [0.1, 1 / 7, 16_000_000.0], rtol=1e-7)
    big = {"dtype": "f8", "bdata": base64.b64encode(np.array([1.0, 2.0 ** 30]).tobytes()).decode()}
    assert compact_figure({"data": [{"y": big}]})["data"][0]["y"] == big  # beyond float32's whole numbers
    assert fig["data"][0]["x"][0] == 1 / 3  # the figure given is not changed


@pytest.fixture(scope="module")
def two_page_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("weight")
    (folder / "corpus").mkdir()
    notebooks = [write_notebook(folder / f"{name}.ipynb", CHART, params="CORPUS = None") for name in ("a", "b", "c")]
    pages = build_report(folder / "corpus", folder / "out", notebooks=notebooks, timeout=120, progress=False, jobs=2)
    return folder, pages


def test_pages_share_one_stylesheet_and_come_back_in_order(two_page_report):
    folder, pages = two_page_report
    assert [p.name for p in pages] == ["a.html", "b.html", "c.html"]
    sheets = list((folder / "out").glob("notebook-*.css"))
    assert len(sheets) == 1 and sheets[0].stat().st_size > 100_000
    for page in pages:
        text = page.read_text()
        assert text.count(f'<link rel="stylesheet" href="{sheets[0].name}">') == 1
        assert len(text) < 100_000  # the theme is no longer copied into every page
        assert "plotly-graph-div" in text


def test_saved_notebooks_hold_the_chart_but_not_plotlyjs(two_page_report):
    folder, _ = two_page_report
    saved = folder / "out" / "a.ipynb"
    assert saved.stat().st_size < 200_000 and "window.Plotly = Plotly" not in saved.read_text()
    nb = nbformat.read(saved, as_version=4)
    charts = [o["data"] for c in nb.cells for o in c.get("outputs", []) if PLOTLY_MIME in o.get("data", {})]
    assert len(charts) == 1 and "plotly-graph-div" in charts[0]["text/html"]
    y = charts[0][PLOTLY_MIME]["data"][0]["y"]  # 1/3 and 2/3: written with seven digits, not seventeen
    assert (isinstance(y, dict) and y["dtype"] == "f4") or y == [0.3333333, 0.6666667], y


def test_a_self_contained_page_keeps_its_stylesheet(tmp_path):
    (tmp_path / "corpus").mkdir()
    nb = write_notebook(tmp_path / "one.ipynb", "print('hello')", params="CORPUS = None")
    (page,) = build_report(tmp_path / "corpus", tmp_path / "out", notebooks=[nb], timeout=120, progress=False,
                           self_contained=True)
    assert not list((tmp_path / "out").glob("*.css")) and 'rel="stylesheet"' not in page.read_text()
    assert len(page.read_text()) > 200_000


def test_notebooks_side_by_side_name_the_one_that_failed(tmp_path):
    (tmp_path / "corpus").mkdir()
    good = write_notebook(tmp_path / "1-good.ipynb", "x = 1", params="CORPUS = None")
    bad = write_notebook(tmp_path / "2-bad.ipynb", "x = 1", "1 / 0", params="CORPUS = None")
    also = write_notebook(tmp_path / "3-also.ipynb", "x = 2", params="CORPUS = None")
    with pytest.raises(NotebookError, match=r"2-bad.ipynb: cell 4 .*ZeroDivisionError") as caught:
        build_report(tmp_path / "corpus", tmp_path / "out", notebooks=[good, bad, also], timeout=120,
                     progress=False, jobs=2)
    assert caught.value.notebook == str(bad) and caught.value.cell == 4 and caught.value.ename == "ZeroDivisionError"
    assert (tmp_path / "out" / "1-good.html").exists()  # the pages already written stay
