"""Every built page carries a Content-Security-Policy, and nothing the site itself writes is blocked by it.

The browser tests (tests/browser/test_csp.py) prove that Chromium enforces it; these read every built page.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from engines.mkdocs.csp import script_hash
from tests.conftest import SAMPLE_SCHOOLS


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def meta_policy(soup: BeautifulSoup) -> str:
    first = soup.head.find(True)
    assert first.name == "meta" and first.get("http-equiv") == "Content-Security-Policy", first
    return first["content"]


@pytest.mark.parametrize("slug", ["national", *SAMPLE_SCHOOLS])
def test_every_page_carries_a_policy_that_allows_exactly_what_the_site_needs(built, slug):
    site: Path = built[slug]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    policies: dict[str, set[str]] = {}
    for path in pages:
        raw = path.read_bytes()
        where = path.relative_to(site)
        assert 0 <= raw.find(b"<meta charset") < 1024, f"{where}: the charset comes too late"
        soup = BeautifulSoup(raw, "html.parser")
        policy = directives(meta_policy(soup))
        base = json.loads(soup.select_one('script#__config').string)["base"]  # the page's way to the site's root
        policies.setdefault(base, set()).add(meta_policy(soup))
        # no inline script but the theme's, named by hash; nothing from other hosts; WebAssembly for search
        # (engines/search.py) and no eval() of JavaScript
        scripts = policy["script-src"]
        assert scripts[:2] == ["'self'", "'wasm-unsafe-eval'"], where
        assert all(s.startswith("'sha256-") for s in scripts[2:]), where
        assert "'unsafe-eval'" not in scripts and "'unsafe-inline'" not in scripts, where
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"], where
        assert policy["default-src"] == ["'none'"] and policy["style-src"] == ["'self'"], where
        assert policy["connect-src"] == ["'self'"] and "worker-src" not in policy, where
        for script in soup.find_all("script", src=False):
            if script.get("type") != "application/json":  # data, never run
                text = script.string or ""
                assert script_hash(text) in scripts, f"{where}: an inline script the policy blocks: {text[:80]}"
        # nothing in the markup the policy would block: inline style, event handlers, javascript: links
        for element in soup.find_all(True):
            blocked = [name for name in element.attrs if name == "style" or name.startswith("on")]
            assert blocked == [], f"{where}: <{element.name} {' '.join(blocked)}> is blocked by the policy"
        for link in soup.select("[href^='javascript:' i], [src^='javascript:' i]"):
            raise AssertionError(f"{where}: {link}")
    # a page's content never changes its policy: pages with the same way to the site's root share one
    assert all(len(texts) == 1 for texts in policies.values()), policies
