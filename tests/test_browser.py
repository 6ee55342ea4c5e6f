"""The HTML report of the sample, opened in chromium with the network cut off: every chart draws,
nothing is fetched from another machine. Screenshots go to artifacts/screenshots/."""

import json
import shutil

import nbformat
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from corpus_tools.apps.html_export import export_html
from corpus_tools.apps.notebooks import run_notebook

from .browser_utils import (
    REPO,
    block_network,
    browser_or_skip,
    collect_errors,
    external,
    open_report,
    screenshot_path,
    start_jupyterlab,
    stop_jupyterlab,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    """One chromium for the module's browser tests (skips them when it cannot be had)."""
    with browser_or_skip() as b:
        yield b


DOCS = REPO / "docs" / "screenshots"


def _readme_screenshot(page, name):
    """With UPDATE_SCREENSHOTS=1 (``make screenshots``), the README's picture of this notebook: its first chart."""
    import os

    if not os.environ.get("UPDATE_SCREENSHOTS"):
        return
    DOCS.mkdir(parents=True, exist_ok=True)
    charts = page.locator(".js-plotly-plot")
    if charts.count():
        charts.first.evaluate("el => { el.scrollIntoView({block: 'start'}); window.scrollBy(0, -120); }")
    page.screenshot(path=str(DOCS / f"{name}.png"))


def _tiny_chart_page(folder):
    """A notebook that only sets up and shows one plotly express bar chart, exported to HTML."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import corpus_tools, plotly.express as px\ncorpus_tools.setup_notebook()\n"
        "px.bar(x=['AP', 'TASS'], y=[3, 5], title='tiny chart')")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "tiny-chart.ipynb"
    nbformat.write(nb, path)
    return export_html(run_notebook(path, timeout=120), folder / "tiny-chart.html")


def test_sample_report_draws_every_chart_with_the_network_blocked(browser, sample_report, tmp_path):
    pages = list(sample_report)
    charts_seen = 0
    for _attempt in range(2):
        for path in pages:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            requests, errors = block_network(page), collect_errors(page)
            n = open_report(page, path)
            drawn = page.locator(".js-plotly-plot .main-svg").count()
            assert drawn >= n, path.name  # plotly draws 2-3 svg layers per chart
            assert page.locator(".js-plotly-plot .main-svg .trace, .js-plotly-plot .main-svg .bars").count() >= n
            assert external(requests) == [], (path.name, external(requests)[:5])
            assert errors == [], (path.name, errors)
            page.screenshot(path=screenshot_path(f"sample-{path.stem}"), full_page=True)
            _readme_screenshot(page, path.stem)
            charts_seen += n
            page.close()
        if charts_seen:
            break
        # The notebooks have no chart yet: prove the mechanism on a tiny one instead.
        pages = [_tiny_chart_page(tmp_path)]
    assert charts_seen > 0


def test_chart_menus_work_without_a_kernel(browser, sample_report):
    """Plotly's own dropdown menus (what the static page offers instead of widgets) still switch traces."""
    pages = [p for p in sample_report if '"updatemenus":[' in p.read_text()]
    if not pages:
        pytest.skip("no chart with a dropdown menu in the sample report")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    block_network(page)
    open_report(page, pages[0])
    gd = page.locator(".js-plotly-plot:has(.updatemenu-header-group)").first
    gd.scroll_into_view_if_needed()
    before = gd.evaluate("el => el.data.map(t => t.visible)")
    gd.locator(".updatemenu-header").first.click()
    options = gd.locator(".updatemenu-dropdown-button")
    options.nth(1).wait_for()
    assert options.count() >= 2
    options.nth(1).click()
    page.wait_for_function(f"el => el.data.some((t, i) => t.visible !== {json.dumps(before)}[i])",
                           arg=gd.element_handle(), timeout=5_000)
    page.screenshot(path=screenshot_path(f"menu-{pages[0].stem}"))
    page.close()


# Some code cell has started or run: its prompt shows "[*]" or a number.
STARTED = ("() => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputArea-prompt')]"
           ".some(el => /\\[(\\*|\\d+)\\]/.test(el.textContent))")


def test_start_here_runs_in_live_jupyterlab(browser, tmp_path):
    """Open notebooks/00-start-here.ipynb in a real JupyterLab, run all cells, and find no error output."""
    # A copy, so that nothing JupyterLab saves can reach the committed notebook.
    (tmp_path / "notebooks").mkdir()
    shutil.copy(REPO / "notebooks" / "00-start-here.ipynb", tmp_path / "notebooks")
    shutil.copytree(REPO / "data" / "sample", tmp_path / "data" / "sample")
    url, token, process = start_jupyterlab(tmp_path / "notebooks")
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors = collect_errors(page)
        page.goto(f"{url}/lab/tree/00-start-here.ipynb?token={token}&reset", timeout=60_000)
        page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(timeout=60_000)
        # On a busy machine a click can land before JupyterLab listens: run all again until a cell starts.
        for attempt in range(4):
            page.locator(".jp-Notebook .jp-Cell").first.click()
            page.get_by_role("menuitem", name="Run", exact=True).click()
            page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
            try:
                page.wait_for_function(STARTED, timeout=30_000, polling=500)
                break
            except PlaywrightTimeout:
                if attempt == 3:
                    raise
        # Busy first, then idle again once the last cell has run.
        page.wait_for_function(
            "() => [...document.querySelectorAll('.jp-Notebook .jp-InputArea-prompt')]"
            ".filter(el => el.closest('.jp-CodeCell')).every(el => /\\[\\d+\\]/.test(el.textContent))",
            timeout=240_000, polling=500)  # a busy machine needs more than a quiet one
        page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(timeout=90_000)
        assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").filter(
            has_text="Traceback").count() == 0
        assert page.locator(".jp-OutputArea-output .jp-RenderedText[data-mime-type*='error']").count() == 0
        assert page.locator(".jp-Notebook table.dataframe").count() >= 3
        # The upload button is a live widget here (in the HTML page it is a note).
        assert page.locator(".jp-Notebook .widget-upload").count() >= 1
        assert page.get_by_text("Error displaying widget").count() == 0
        page.screenshot(path=screenshot_path("live-00-start-here"))
        assert errors == []
        page.close()
    finally:
        stop_jupyterlab(process)
