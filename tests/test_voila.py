"""A live class through Voilà, driven by Debian's chromium: ``corpus-tools classroom --serve`` on the sample,
a student answers, locks and reveals in the served page, and no answer key reaches the browser."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from corpus_tools.apps.serve import answer_key_phrases, normalized

from .browser_utils import REPO, browser_or_skip, free_port, screenshot_path

pytestmark = pytest.mark.browser
TEACHER = REPO / "notebooks" / "classroom"
EXERCISE = "2-whose-words.ipynb"


def _start(port: int, log: Path, *, timeout: float = 60) -> subprocess.Popen:
    """``corpus-tools classroom --serve`` as a subprocess (this checkout's code), answering on ``port``."""
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    process = subprocess.Popen([sys.executable, "-m", "corpus_tools.apps.cli", "classroom", "--serve", "--no-browser",
                                "--port", str(port)], cwd=str(REPO), env=env, stdout=log.open("wb"),
                               stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/voila/tree/", timeout=2) as r:
                if r.status == 200:
                    return process
        except OSError:
            pass
        if time.monotonic() > deadline:
            _stop(process)
            raise TimeoutError(f"the server did not answer within {timeout} s: {log.read_text()[-2000:]}")
        time.sleep(0.25)


def _stop(process: subprocess.Popen) -> None:
    """Stop the server by its process id (Voilà stops its kernels on SIGTERM)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=20) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


@pytest.fixture
def served(tmp_path):
    with browser_or_skip() as browser:
        port, log = free_port(), tmp_path / "serve.log"
        process = _start(port, log)
        try:
            yield browser, f"http://127.0.0.1:{port}", log
        finally:
            _stop(process)


def _received(page) -> list[str]:
    """A live list of every response body and websocket frame ``page`` receives, as text."""
    bodies: list[str] = []

    def on_response(response):
        try:
            bodies.append(response.body().decode("utf-8", "replace"))
        except Exception:  # a redirect or an aborted request has no body
            pass

    def on_websocket(ws):
        ws.on("framereceived", lambda frame: bodies.append(
            frame if isinstance(frame, str) else bytes(frame).decode("utf-8", "replace")))

    page.on("response", on_response)
    page.on("websocket", on_websocket)
    return bodies


def test_a_served_classroom_exercise_reveals_the_tool_view_and_never_an_answer_key(served):
    browser, url, log = served
    phrases = answer_key_phrases(TEACHER)
    assert len(phrases) > 20 and "putin is mentioned often but never quoted" in phrases

    # The teacher notebooks cannot be had through the server, whatever the path.
    teacher_nb = TEACHER / EXERCISE
    for path in [f"/voila/render/../classroom/{EXERCISE}", f"/voila/render/%2E%2E/classroom/{EXERCISE}",
                 f"/voila/render/{teacher_nb}", f"/voila/render/%2F{str(teacher_nb).lstrip('/')}",
                 f"/voila/files/{EXERCISE}", f"/voila/files/%2E%2E/classroom/{EXERCISE}",
                 "/voila/files/../../README.md",
                 f"/voila/api/contents/..%2Fclassroom%2F{EXERCISE}", "/api/contents/", "/lab", "/tree"]:
        assert _status(url + path) in (403, 404), path

    page = browser.new_page(viewport={"width": 1200, "height": 900})
    received = _received(page)
    try:
        page.goto(f"{url}/voila/render/{EXERCISE}", wait_until="commit", timeout=60_000)
        page.wait_for_function("() => document.querySelectorAll('.ct-predict-reveal').length >= 3", timeout=90_000)
        # Before "reveal" the tool's view is nowhere in what the browser got: it is computed on the click.
        before = normalized(" ".join(received))
        assert "washington summit" not in before
        html = page.content()
        assert "import corpus_tools as ct" not in html and "ct.predict_then_reveal(" not in html  # no code shown

        quote_box = page.locator(".ct-predict-reveal").nth(1)  # "What was left out of the 'absolutely certain' quote?"
        quote_box.scroll_into_view_if_needed()
        answer = quote_box.locator("textarea")
        answer.fill("They cut the part about the summit")
        quote_box.locator(".widget-button", has_text="Reveal").click()
        quote_box.locator(".ct-quote-group").wait_for(timeout=30_000)
        shown = quote_box.locator(".ct-quote-group").inner_text()
        assert "Washington Summit" in shown and "absolutely certain" in shown
        assert answer.is_disabled() and answer.input_value() == "They cut the part about the summit"
        # The question (its heading and text above the box), the locked answer and the tool's view.
        quote_box.evaluate("el => { el.scrollIntoView({block: 'start'}); window.scrollBy(0, -160); }")
        page.wait_for_timeout(300)
        box = quote_box.bounding_box()
        clip = {"x": 0, "y": max(0, box["y"] - 140), "width": 1200, "height": min(box["height"] + 160, 900)}
        page.screenshot(path=str(screenshot_path("voila-classroom-reveal")), clip=clip)
        if os.environ.get("UPDATE_SCREENSHOTS"):
            page.screenshot(path=str(REPO / "docs" / "screenshots" / "classroom-served.png"), clip=clip)
    except Exception:
        page.screenshot(path=str(screenshot_path("voila-classroom-failure")))
        print(log.read_text()[-3000:])
        raise
    finally:
        page.close()

    everything = normalized(" ".join(received))
    assert len(everything) > 100_000  # the page, its scripts, the kernel's messages
    leaked = [p for p in phrases if p in everything]
    assert not leaked, leaked
    assert "answer key" not in everything and "for teachers" not in everything
