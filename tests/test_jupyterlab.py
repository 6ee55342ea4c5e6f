"""02-words in a real JupyterLab, driven by Debian's chromium: run all, change the outlet filter, see the chart change."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import REPO

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "artifacts" / "screenshots"
pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def jupyterlab(tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api")
    # A copy of the notebooks and sample, so the test never writes outputs into the repo's notebooks.
    shutil.copytree(REPO / "notebooks", tmp_path / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copytree(REPO / "data", tmp_path / "data")
    settings = tmp_path / "settings"
    (settings / "@jupyterlab" / "apputils-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    (settings / "@jupyterlab" / "notebook-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
        json.dumps({"windowingMode": "none"}))
    port, token = _free_port(), "corpus-tools-test"
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings), JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "ws"))
    jupyter = Path(sys.executable).with_name("jupyter")
    proc = subprocess.Popen(
        [str(jupyter), "lab", "--no-browser", "--ip", "127.0.0.1", f"--port={port}", f"--ServerApp.token={token}",
         f"--ServerApp.root_dir={tmp_path / 'notebooks'}", "--allow-root"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}", token
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_changing_the_outlet_filter_in_02_words_redraws_the_chart(jupyterlab):
    from playwright.sync_api import sync_playwright

    url, token = jupyterlab
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            return _drive(page, url, token)
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "02-words-live-failure.png"))
            raise
        finally:
            browser.close()


def _accept_kernel_dialog(page):
    """JupyterLab may ask which kernel to start: take the proposed one (Python 3)."""
    dialog = page.locator(".jp-Dialog .jp-mod-accept")
    try:
        dialog.wait_for(timeout=3_000)
        dialog.click()
    except Exception:  # no dialog this time
        pass


def _drive(page, url, token):
    if True:
        if True:
            page.goto(f"{url}/lab/tree/02-words.ipynb?token={token}&reset")
            page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=90_000)
            _accept_kernel_dialog(page)
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
            page.locator('.lm-Menu-itemLabel:text-is("Run All Cells")').click()
            _accept_kernel_dialog(page)
            chart = page.locator(".ct-termsexplorer .js-plotly-plot").first
            chart.wait_for(timeout=60_000)
            page.wait_for_function(
                "() => { const el = document.querySelector('.ct-termsexplorer .js-plotly-plot');"
                " return el && el.data && el.data.length > 1; }", timeout=60_000)
            before = chart.evaluate("el => el.data.map(t => t.name)")
            errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
            assert not any("Error" in t for t in errors.all_inner_texts())
            page.locator(".ct-termsexplorer .ct-outlets select").first.select_option(["TASS"])
            page.wait_for_function(
                "() => { const el = document.querySelector('.ct-termsexplorer .js-plotly-plot');"
                " return el && el.data && el.data.length === 1 && el.data[0].name === 'TASS'; }", timeout=60_000)
            after = page.locator(".ct-termsexplorer .js-plotly-plot").first.evaluate("el => el.data.map(t => t.name)")
            page.locator(".ct-termsexplorer").first.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "02-words-live.png"))
    assert len(before) == 4 and "TASS" in before
    assert after == ["TASS"]
