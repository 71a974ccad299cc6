"""The Content-Security-Policy in Chromium: enforced, and everything the site does still works under it."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import _QuietHandler, site_url
from tests.browser.test_every_page_type import PAGE_TYPES
from tests.browser.test_reading import selected_tab
from tests.conftest import PROJECT

E5 = "self-studies/developing-your-practice-in-assessment-and-feedback/"
E3 = "self-studies/providing-high-quality-feedback/"
CSP = "Content Security Policy"
# Each violation is also reported as an event on the page's document, with the directive that blocked it.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.effectiveDirective));
"""


@pytest.fixture
def console(page) -> list[str]:
    """Every console message of the page (its frames included), as 'type: text'."""
    messages: list[str] = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: messages.append(f"pageerror: {error}"))
    return messages


def violations(console: list[str]) -> list[str]:
    return [message for message in console if CSP in message]


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def test_every_page_type_carries_the_policy_and_nothing_of_the_site_is_blocked(server, page, console):
    """Every page of every sample site is read in tests/test_csp_build.py; here Chromium loads each type."""
    page.add_init_script(WATCH_VIOLATIONS)
    for path in PAGE_TYPES.values():
        page.goto(site_url(server, "national", path))
        first = page.evaluate("document.head.firstElementChild.outerHTML")
        assert 'http-equiv="Content-Security-Policy"' in first and "script-src 'self'" in first, path
        assert page.evaluate("document.documentElement.classList.contains('js')"), path  # the theme's script ran
        assert page.evaluate("window.__violations") == [], path
    assert violations(console) == []


INJECTED = ('<script>window.__injected = "inline script"</script>'
            '<img src="missing.png" alt="" onerror="window.__injected = \'event handler\'">')


def test_an_injected_inline_script_does_not_run_and_is_reported(built, page, console, tmp_path):
    site = tmp_path / "national"
    shutil.copytree(built["national"], site)
    study = (site / E5 / "index.html").read_text(encoding="utf-8")
    injected = study.replace("</article>", INJECTED + "</article>", 1)
    assert injected != study
    (site / E5 / "injected.html").write_text(injected, encoding="utf-8")
    # the same page without its policy: the payload runs, so this test can tell the difference
    unprotected = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", injected, count=1)
    (site / E5 / "unprotected.html").write_text(unprotected, encoding="utf-8")

    page.add_init_script(WATCH_VIOLATIONS)
    with serving(tmp_path) as base:
        page.goto(f"{base}/national/{E5}unprotected.html", wait_until="load")
        page.wait_for_function("() => window.__injected === 'event handler'")
        assert violations(console) == []

        page.goto(f"{base}/national/{E5}injected.html", wait_until="load")
        page.wait_for_function("() => window.__violations.length >= 2")
        assert page.evaluate("window.__injected") is None
        assert sorted(page.evaluate("window.__violations")) == ["script-src-attr", "script-src-elem"]
        reported = violations(console)
        assert len(reported) == 2 and all(m.startswith("error:") for m in reported), reported
        assert any("inline script" in m for m in reported) and any("event handler" in m for m in reported)
        # the site's own scripts still run: the phase tabs work
        page.locator(".tabbed-set").first.locator("label", has_text="Primary").click()
        assert selected_tab(page) == "Primary"


def test_tabs_search_progress_and_reflections_work_under_the_policy(server, page, console):
    page.goto(site_url(server, "national", E5))
    # phase tabs switch, and the choice persists across pages
    page.locator(".tabbed-set").first.locator("label", has_text="Post-16").click()
    assert selected_tab(page) == "Post-16"
    page.goto(site_url(server, "national", E3))
    page.wait_for_function("() => document.querySelector('.tabbed-set > input:checked')")
    assert selected_tab(page) == "Post-16"
    # search: Pagefind's WebAssembly runs under 'wasm-unsafe-eval', its index fetched from the site
    page.locator("input.md-search__input").click()
    page.keyboard.type("Kowalczyk", delay=10)
    first = page.locator(".md-search-result__item > a").first
    first.wait_for()
    study = E5.removeprefix("self-studies/")  # the study or its mentor support: both tell the scenario
    assert study in first.get_attribute("href")
    page.keyboard.press("Enter")  # Enter opens the first result: the search form never submits
    page.wait_for_url(lambda url: study in url)
    page.goto(site_url(server, "national", E5))
    # a section's done box and a reflection persist after a reload
    page.locator("input[data-progress]").nth(1).check()
    page.locator("textarea[data-note]:visible").first.fill("Try a hinge question on Thursday.")
    page.reload()
    assert page.locator("input[data-progress]").nth(1).is_checked()
    assert page.locator("textarea[data-note]:visible").first.input_value() == "Try a hinge question on Thursday."
    assert violations(console) == []


def test_the_offline_bundle_works_from_the_file_system_under_the_policy(page, console, tmp_path):
    run = subprocess.run([sys.executable, "scripts/build.py", "--school", "oakfield-primary", "--zip",
                          "--out", str(tmp_path / "out")], cwd=PROJECT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    with zipfile.ZipFile(tmp_path / "out" / "oakfield-primary.zip") as archive:
        archive.extractall(tmp_path / "unzipped")
    site = tmp_path / "unzipped" / "oakfield-primary"
    for path in ("index.html", "year-1/e-assessment-for-learning/index.html", "mentor/forms/expert-observation.html",
                 "handbook/setting-up.html"):
        page.goto((site / path).as_uri())
        assert "script-src 'self'" in page.evaluate("document.head.firstElementChild.content"), path
        assert page.locator("article h1").inner_text()
    page.goto((site / E5.rstrip("/")).with_suffix(".html").as_uri())
    page.locator(".tabbed-set").first.locator("label", has_text="Primary").click()
    assert selected_tab(page) == "Primary"
    page.locator("input.md-search__input").click()
    page.keyboard.type("Kowalczyk", delay=20)
    first = page.locator(".md-search-result__item > a").first
    first.wait_for()  # search read its index through the bundle's script files, under the same policy
    assert "developing-your-practice-in-assessment-and-feedback" in first.get_attribute("href")
    assert violations(console) == []


def test_the_preview_reloads_itself_under_its_policy(page, console, content_copy):
    """`mkdocs serve` adds an inline live-reload script to each page: the preview's policy lets it run."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    preview = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}",
                                "-f", str(PROJECT / "mkdocs.yml")],
                               env={**os.environ, "ECT_CONTENT": str(content_copy), "NO_MKDOCS_2_WARNING": "1"},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/{E5}"
    try:
        deadline = time.monotonic() + 120
        while True:
            with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    break
            assert time.monotonic() < deadline and preview.poll() is None, "the preview did not start"
            time.sleep(0.3)
        page.goto(url)
        assert "'unsafe-inline'" in page.evaluate("document.head.firstElementChild.content")
        source = content_copy / "self-studies" / "developing-your-practice-in-assessment-and-feedback.md"
        source.write_text(source.read_text(encoding="utf-8") + "\nSaved a moment ago.\n", encoding="utf-8")
        # while the page reloads there is a moment with no body yet
        page.wait_for_function("() => (document.body?.innerText ?? '').includes('Saved a moment ago.')",
                               timeout=60_000)
        assert violations(console) == []
    finally:
        preview.terminate()
        preview.wait(timeout=30)
