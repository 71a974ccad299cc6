"""Accessibility in a real browser: axe-core on every page type of every sample school, and
the keyboard alone for the things readers do most."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import site_url
from tests.browser.test_privacy import PAGE_TYPES
from tests.conftest import SAMPLE_SCHOOLS

TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
E5 = "self-studies/developing-your-practice-in-assessment-and-feedback/"
axe = Axe()


def violations(page) -> list[str]:
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]]


@pytest.mark.parametrize("slug", ["national", *SAMPLE_SCHOOLS])
def test_axe_finds_no_violations_on_any_page_type(server, page, slug):
    found = {}
    for name, path in {**PAGE_TYPES, "accessibility statement": "accessibility/"}.items():
        page.goto(site_url(server, slug, path))
        problems = violations(page)
        if problems:
            found[name] = problems
    assert found == {}


@pytest.mark.parametrize("slug", ["national", "oakfield-primary"])
def test_axe_finds_no_violations_on_passages_notes_and_whats_different(server, page, slug):
    """Passages labelled with their phases, a mentor page with a note for mentors, and (schools only)
    the "What's different here" page."""
    paths = ["self-studies/providing-high-quality-feedback/", "mentor-support/providing-high-quality-feedback/",
             "handbook/things-to-consider/"] + (["whats-different/"] if slug != "national" else [])
    found = {}
    for path in paths:
        page.goto(site_url(server, slug, path))
        problems = violations(page)
        if problems:
            found[path] = problems
    assert found == {}


def test_axe_finds_no_violations_on_a_phone(server, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        for path in (E5, "year-1/e-assessment-for-learning/", "glossary/"):
            page.goto(site_url(server, "national", path))
            assert violations(page) == [], path
    finally:
        context.close()


def tab_until(page, condition: str, limit: int = 300) -> None:
    """Press Tab until a JavaScript condition on document.activeElement holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const e = document.activeElement; return !!({condition}); }})()"):
            return
    raise AssertionError(f"never reached: {condition}")


def test_keyboard_switches_phase_tabs(server, page):
    page.goto(site_url(server, "national", E5))
    tab_until(page, "e && e.matches('.tabbed-set > input')")
    first = page.evaluate("document.activeElement.id")
    page.keyboard.press("ArrowRight")
    second = page.evaluate("document.activeElement.id")
    assert second != first
    assert page.locator(f"#{second}").is_checked()
    block = page.locator(".tabbed-set").first.locator(".tabbed-block").nth(1)
    assert block.is_visible()


def test_keyboard_runs_a_search(server, page):
    page.goto(site_url(server, "national", ""))
    page.keyboard.press("/")
    page.keyboard.type("Kowalczyk")
    first = page.locator(".md-search-result__item").first
    first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + E5 + "**")


def test_the_glossary_is_reachable_without_hover(server, page):
    page.goto(site_url(server, "national", ""))
    tab_until(page, "e && e.tagName === 'A' && e.getAttribute('href').includes('glossary')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/glossary/")
    assert page.locator("dt", has_text="ECT").first.is_visible()


def test_there_is_an_accessibility_statement(server, page):
    page.goto(site_url(server, "oakfield-primary", "accessibility/"))
    assert "WCAG" in page.locator("article").inner_text()
    assert "Oakfield Primary School" in page.locator("article").inner_text()
