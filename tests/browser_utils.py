"""Shared helpers for tests that open pages in a real browser (Debian's chromium via Playwright).

Browser tests skip, with the reason, when Playwright or chromium is missing (``.ci/run``
installs chromium; Playwright comes with the ``test`` extra). Never run ``playwright install``:
it downloads a browser, which these machines cannot do.

    from .browser_utils import block_network, browser_or_skip, external, open_report   # ..browser_utils below tests/

    @pytest.fixture(scope="module")
    def browser():
        with browser_or_skip() as b:
            yield b

    def test_page(browser):
        page = browser.new_page()
        requests = block_network(page)
        open_report(page, path)
        assert not external(requests)
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCREENSHOTS = REPO / "artifacts" / "screenshots"
# CORPUS_TOOLS_CHROMIUM names another binary (and only that one: set it to a missing path to see the skips).
CHROMIUM = os.environ.get("CORPUS_TOOLS_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync"]
LOCAL_SCHEMES = ("file:", "data:", "blob:")
# Every chart on the page has drawn (plotly adds .main-svg when it renders).
CHARTS_DRAWN = "() => [...document.querySelectorAll('.js-plotly-plot')].every(el => el.querySelector('.main-svg'))"


def chromium_path() -> str | None:
    """The chromium binary to drive, or None when there is none."""
    candidates = [CHROMIUM]
    if "CORPUS_TOOLS_CHROMIUM" not in os.environ:
        candidates += [shutil.which("chromium"), shutil.which("chromium-browser")]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


@contextmanager
def browser_or_skip():
    """A launched chromium (Playwright ``Browser``); skips the test when it cannot be had."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install playwright)",
                                   exc_type=ImportError)
    path = chromium_path()
    if path is None:
        pytest.skip(f"chromium not found at {CHROMIUM} (apt-get install -y chromium; .ci/run does it)")
    with sync_api.sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
        except sync_api.Error as e:
            pytest.skip(f"chromium at {path} did not start: {str(e).splitlines()[0]}")
        try:
            yield browser
        finally:
            browser.close()


def block_network(page) -> list[str]:
    """Abort every request that is not file:/data:/blob:; returns the live list of all requested URLs."""
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(LOCAL_SCHEMES) else r.abort())
    return requests


def external(urls) -> list[str]:
    """The URLs that would have left the machine (anything but file:/data:/blob:)."""
    return [u for u in urls if not u.startswith(LOCAL_SCHEMES)]


def collect_errors(page) -> list[str]:
    """A live list of uncaught JavaScript errors on ``page``."""
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def open_report(page, path, *, timeout: float = 30_000) -> int:
    """Open an exported HTML page and wait until every plotly chart has drawn; returns the number of charts."""
    page.goto(Path(path).resolve().as_uri(), wait_until="load", timeout=timeout)
    page.wait_for_function(CHARTS_DRAWN, timeout=timeout)
    return page.locator(".js-plotly-plot").count()


def screenshot_path(name: str) -> Path:
    """``artifacts/screenshots/<name>.png`` (git-ignored), the folder created."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / (re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") + ".png")


# ---------------------------------------------------------------------------------------------
# Throw-away folders (the sample report is the ``sample_report`` fixture of conftest.py)


def _tmpdir(prefix: str) -> Path:
    path = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


# ---------------------------------------------------------------------------------------------
# Live JupyterLab


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_jupyterlab(root_dir, *, timeout: float = 60) -> tuple[str, str, subprocess.Popen]:
    """Start ``jupyter lab`` on 127.0.0.1 (a free port, a random token) serving ``root_dir``.

    Returns ``(url, token, process)``; stop it with :func:`stop_jupyterlab`. Its settings,
    workspaces and runtime files live in a throw-away folder: no news or update pop-up, no
    autosave (nothing is written back into ``root_dir``'s notebooks), every cell kept in the
    DOM. ``--allow-root`` is added when running as root. Open
    ``f"{url}/lab/tree/<notebook>?token={token}&reset"``.
    """
    home = _tmpdir("jupyterlab_")
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False, "doNotDisturbMode": True}))
    for plugin, values in {"docmanager-extension/plugin": {"autosave": False},
                           # Every cell in the DOM (no virtual scrolling), so tests can find any output.
                           "notebook-extension/tracker": {"windowingMode": "none"}}.items():
        folder, name = plugin.split("/")
        (home / "settings" / "@jupyterlab" / folder).mkdir(parents=True, exist_ok=True)
        (home / "settings" / "@jupyterlab" / folder / f"{name}.jupyterlab-settings").write_text(json.dumps(values))
    port, token = free_port(), uuid.uuid4().hex
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"), "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
           "JUPYTER_CONFIG_DIR": str(home / "config")}
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip", "127.0.0.1", f"--port={port}",
           f"--ServerApp.token={token}", f"--ServerApp.root_dir={root_dir}", "--ServerApp.port_retries=0",
           "--LabApp.news_url=None"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = open(home / "jupyterlab.log", "wb")
    process = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=str(root_dir))
    process.log_path = home / "jupyterlab.log"
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with {process.returncode}: {process.log_path.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            stop_jupyterlab(process)
            raise TimeoutError(f"jupyter lab did not answer within {timeout} s")
        time.sleep(0.25)
    return url, token, process


def stop_jupyterlab(process: subprocess.Popen, *, timeout: float = 10) -> None:
    """Stop the server started by :func:`start_jupyterlab` (by its process id only)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)
