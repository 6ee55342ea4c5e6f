"""02-words in a real JupyterLab, driven by Debian's chromium: run all, change the outlet filter,
see the chart change."""

import os
import shutil

import pytest

from .browser_utils import (
    browser_or_skip,
    screenshot_path,
    start_jupyterlab,
    stop_jupyterlab,
)
from .conftest import REPO

pytestmark = pytest.mark.browser
CHART = ".ct-termsexplorer .js-plotly-plot"


@pytest.fixture
def lab(tmp_path):
    # A copy of the notebooks and sample, so nothing is written into the repo's notebooks.
    shutil.copytree(REPO / "notebooks", tmp_path / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copytree(REPO / "data", tmp_path / "data")
    with browser_or_skip() as browser:
        url, token, process = start_jupyterlab(tmp_path / "notebooks")
        try:
            yield browser, url, token
        finally:
            stop_jupyterlab(process)


def _accept_kernel_dialog(page):
    """JupyterLab may ask which kernel to start: take the proposed one (Python 3)."""
    try:
        page.locator(".jp-Dialog .jp-mod-accept").click(timeout=3_000)
    except Exception:  # no dialog this time
        pass


def _open_and_run_all(page, url, token, notebook):
    page.goto(f"{url}/lab/tree/{notebook}?token={token}&reset")
    page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=90_000)
    _accept_kernel_dialog(page)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator('.lm-Menu-itemLabel:text-is("Run All Cells")').click()
    _accept_kernel_dialog(page)


def _names(page):
    return page.locator(CHART).first.evaluate("el => el.data.map(t => t.name)")


def test_changing_the_outlet_filter_in_02_words_redraws_the_chart(lab):
    browser, url, token = lab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        _open_and_run_all(page, url, token, "02-words.ipynb")
        page.wait_for_function(f"() => {{ const el = document.querySelector('{CHART}');"
                               " return el && el.data && el.data.length > 1; }",
                               timeout=120_000)
        before = _names(page)
        errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        assert not any("Traceback" in t or "Error:" in t for t in errors.all_inner_texts())
        page.locator(".ct-termsexplorer .ct-outlets select").first.select_option(["TASS"])
        page.wait_for_function(f"() => {{ const el = document.querySelector('{CHART}');"
                               " return el && el.data && el.data.length === 1 && el.data[0].name === 'TASS'; }",
                               timeout=60_000)
        after = _names(page)
        # The chosen date range is shown whole, not cut off at the panel's edge.
        dates = page.locator(".ct-termsexplorer .ct-date-range").first
        assert dates.inner_text().strip() == "2023-11-27 to 2024-06-27"
        assert dates.evaluate("el => el.scrollWidth <= el.clientWidth + 1 && "
                              "el.getBoundingClientRect().right <= el.closest('.ct-filter-panel')"
                              ".getBoundingClientRect().right + 1")
        page.locator(".ct-termsexplorer").first.scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot_path("live-02-words")))
        if os.environ.get("UPDATE_SCREENSHOTS"):
            (REPO / "docs" / "screenshots").mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(REPO / "docs" / "screenshots" / "02-words-live.png"))
    except Exception:
        page.screenshot(path=str(screenshot_path("live-02-words-failure")))
        raise
    assert len(before) == 4 and "TASS" in before
    assert after == ["TASS"]


def test_a_classroom_prediction_locks_and_the_tool_view_appears_under_it(lab):
    browser, url, token = lab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        _open_and_run_all(page, url, token, "classroom/2-whose-words.ipynb")
        boxes = page.locator(".ct-predict-reveal")
        page.wait_for_function("() => document.querySelectorAll('.ct-predict-reveal').length >= 3", timeout=120_000)
        quote_box = boxes.nth(1)  # "What was left out of the 'absolutely certain' quote?"
        quote_box.scroll_into_view_if_needed()
        answer = quote_box.locator("textarea")
        answer.fill("They cut the part about the summit")
        quote_box.locator("button", has_text="Reveal").click()
        quote_box.locator(".ct-quote-group").wait_for(timeout=60_000)
        shown = quote_box.locator(".ct-quote-group").inner_text()
        page.screenshot(path=str(screenshot_path("live-classroom-reveal")))
        if os.environ.get("UPDATE_SCREENSHOTS"):
            page.screenshot(path=str(REPO / "docs" / "screenshots" / "classroom-reveal.png"))
    except Exception:
        page.screenshot(path=str(screenshot_path("live-classroom-failure")))
        raise
    assert "Washington Summit" in shown and "absolutely certain" in shown
    assert answer.is_disabled() and answer.input_value() == "They cut the part about the summit"
