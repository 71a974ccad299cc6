"""The preview (`mkdocs serve`) with a broken source: the browser shows each problem at once, with its
file and line, and comes back by itself when the file is fixed. Nothing keeps a request waiting."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.helpers import project_copy

STUDY = "content/self-studies/providing-high-quality-feedback.md"
SCENARIOS = "content/scenarios/feedback-in-six-settings.yml"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float) -> tuple[str, float]:
    """The page's text (or the error) and how long the answer took."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return answer.read().decode("utf-8"), time.monotonic() - started
    except (urllib.error.URLError, OSError) as error:
        return f"no answer: {error}", time.monotonic() - started


def start_preview(project: Path, port: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"),
                             "-a", f"127.0.0.1:{port}"], cwd=project, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env={**os.environ, "ECT_CONTENT": "content"})


def wait_until(check, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def test_a_broken_source_is_shown_at_once_and_the_page_recovers_after_the_fix(tmp_path, page):
    project = project_copy(tmp_path)
    scenarios = project / SCENARIOS
    good = scenarios.read_text()
    broken = good.replace("phase: secondary", "phase: secondry", 1)
    line = broken.splitlines().index("  - phase: secondry") + 1
    scenarios.write_text(broken)  # broken before the preview starts: it starts all the same
    port = free_port()
    url = f"http://127.0.0.1:{port}/self-studies/providing-high-quality-feedback/"
    server = start_preview(project, port)
    try:
        assert wait_until(lambda: "cannot be built" in fetch(url, 1)[0], 90), "the preview did not start"
        page.goto(url)
        assert page.locator("h1").inner_text() == "The preview cannot be built: 1 problem in the sources"
        problem = page.locator("li").first.inner_text()
        assert problem.startswith(f"content/scenarios/feedback-in-six-settings.yml:{line}: ")
        assert "'secondry' is not a phase — did you mean 'secondary'?" in problem

        scenarios.write_text(good)  # the page reloads by itself
        page.locator("h1", has_text="Providing high-quality feedback").wait_for(timeout=30_000)

        scenarios.write_text(broken)
        page.locator("h1", has_text="cannot be built").wait_for(timeout=30_000)
        # every request is answered within a second: the page, another page, an asset
        for address in (url, f"http://127.0.0.1:{port}/glossary/", f"http://127.0.0.1:{port}/assets/ect.css"):
            text, seconds = fetch(address, 5)
            assert seconds < 1, (address, seconds, text[:200])
        assert "secondry" in fetch(url, 5)[0]

        scenarios.write_text(good)
        page.locator("h1", has_text="Providing high-quality feedback").wait_for(timeout=30_000)
        text, seconds = fetch(url, 5)
        assert "cannot be built" not in text and seconds < 1
    finally:
        server.terminate()
        server.wait(timeout=10)
