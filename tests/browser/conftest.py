"""Browser tests: Debian's Chromium driven by Playwright, against the built sample sites.

One HTTP server and one browser for the whole session; every site is served under its own
sub-path (/national/, /oakfield-primary/, …), as a school's host might serve it.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.conftest import made_once

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def server(built) -> Iterator[str]:
    """Serve every built site from one folder; yields the base URL."""
    root = next(iter(built.values())).parent
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(accept_downloads=True)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def site_url(server: str, slug: str, path: str = "") -> str:
    return f"{server}/{slug}/{path}"


def requests_sending(page, server: str) -> list[str]:
    """Filled, as the page runs, with every request that sends something (not a GET) or leaves the site's host."""
    own = urlparse(server).netloc
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if r.method != "GET" or urlparse(r.url).netloc != own else None)
    return sent


PRINTED_SCHOOL = "oakfield-primary"
PRINTED_SITE_URL = "https://ect.example.org/"


def _print_handbooks(out: Path) -> dict[str, Path]:
    import subprocess
    import sys

    from tests.conftest import PROJECT

    found = {}
    for name, extra in (("published", ["--site-url", PRINTED_SITE_URL]), ("unpublished", ["--zip"])):
        found[name] = out / name
        run = subprocess.run([sys.executable, "scripts/build.py", "--school", PRINTED_SCHOOL, "--pdf",
                              "--out", str(found[name]), *extra], cwd=PROJECT, capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr
    return found


@pytest.fixture(scope="session")
def printed(tmp_path_factory, worker_id) -> dict[str, Path]:
    """One school built as a user would with `--pdf`, twice: published at an address (--site-url), and with
    none but with the offline bundle (--zip). Printing is slow: once per run, shared by parallel workers."""
    out = made_once(tmp_path_factory, worker_id, "printed", _print_handbooks)
    return {name: out / name for name in ("published", "unpublished")}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in tests/browser/ drives Chromium: `-m "not browser"` leaves them out."""
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)
