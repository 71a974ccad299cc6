"""Accessibility in a real browser: axe-core on phase passages, on a phone and in states a page load never
reaches (on every page type of every sample school: test_every_page_type.py), and the keyboard alone for
the things readers do most."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import site_url

TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
E5 = "self-studies/developing-your-practice-in-assessment-and-feedback/"
axe = Axe()


def violations(page) -> list[str]:
    # only violations in full: passes and the rest, collected node by node, would double the time
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]]


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


@pytest.mark.parametrize("width", [1280, 360])
def test_axe_finds_no_violations_in_states_a_page_load_never_reaches(server, browser, width):
    """Search results open, a phase tab other than the first chosen, and on a phone the navigation drawer open."""
    phone = {"is_mobile": True, "has_touch": True} if width < 600 else {}
    context = browser.new_context(viewport={"width": width, "height": 740}, **phone)
    page = context.new_page()
    found = {}
    try:
        page.goto(site_url(server, "national", E5))
        if phone:
            page.locator("label.md-header__button[for='__search']").click()
        page.locator("input.md-search__input").click()
        page.keyboard.type("Trevaskis feedback", delay=10)
        page.locator(".md-search-result__link .ect-search-phase").first.wait_for()
        found["results open"] = violations(page)
        page.keyboard.press("Escape")
        page.locator(".tabbed-set").first.locator("label", has_text="Post-16").click()
        found["a tab chosen"] = violations(page)
        if phone:
            page.locator("label.md-header__button[for='__drawer']").click()
            page.locator(".md-sidebar--primary .md-nav__title").first.wait_for()
            page.wait_for_timeout(300)  # the drawer slides in
            found["drawer open"] = violations(page)
    finally:
        context.close()
    assert found == {name: [] for name in found}


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
    page.wait_for_url("**/developing-your-practice-in-assessment-and-feedback/**")  # the study or its mentor page


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
