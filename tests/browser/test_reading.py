"""The ECT's reading experience in Chromium: phase tabs, search, progress, reflections, phone, print."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from engines.mkdocs.build import build_site
from tests.browser.conftest import requests_sending, site_url
from tests.browser.test_every_page_type import PAGE_TYPES
from tests.conftest import SITE_URL

E5 = "self-studies/developing-your-practice-in-assessment-and-feedback/"
E3 = "self-studies/providing-high-quality-feedback/"
MODULE_E = "year-1/e-assessment-for-learning/"


def selected_tab(page) -> str:
    """The label of the selected tab in the first set of phase tabs."""
    return page.evaluate("""() => {
        const set = document.querySelector('.tabbed-set');
        const checked = set.querySelector(':scope > input:checked');
        return set.querySelector(`label[for="${checked.id}"]`).innerText.trim();
    }""")


def test_a_chosen_phase_stays_chosen_across_pages_and_reloads(server, page):
    page.goto(site_url(server, "national", E5))
    assert selected_tab(page) == "EYFS"
    page.locator(".tabbed-set").first.locator("label", has_text="Secondary").click()
    assert selected_tab(page) == "Secondary"
    page.goto(site_url(server, "national", E3))
    page.wait_for_function("() => document.querySelector('.tabbed-set > input:checked')")
    assert selected_tab(page) == "Secondary"
    page.reload()
    assert selected_tab(page) == "Secondary"
    # every set of tabs on the page follows, including the reflection at the end
    labels = page.evaluate("""() => [...document.querySelectorAll('.tabbed-set')].map(set => {
        const checked = set.querySelector(':scope > input:checked');
        return set.querySelector(`label[for="${checked.id}"]`).innerText.trim(); })""")
    assert set(labels) == {"Secondary"}


def search(page, query: str) -> list[str]:
    """Type a query into the search box of a freshly loaded page; the results' links, in order."""
    page.reload()
    page.locator("input.md-search__input").click()
    page.keyboard.type(query, delay=10)
    page.wait_for_function("text => document.querySelector('.md-search-result__list').dataset.query === text",
                           arg=query)
    return page.evaluate("() => [...document.querySelectorAll('.md-search-result__item > a')].map(a => a.href)")


def test_search_in_the_browser_finds_the_page_first(server, page):
    page.goto(site_url(server, "national", ""))
    results = search(page, "Kowalczyk")  # in an ECT's study and in its mentor page, which say the same of her
    assert results and urlparse(results[0]).path.endswith((E5, E5.replace("self-studies/", "mentor-support/")))
    results = search(page, "meeting template")
    assert urlparse(results[0]).path.endswith("mentor-materials/meeting-template/")


def test_a_removed_phases_teacher_cannot_be_found(server, page, programme):
    scenarios = programme.scenario_sets["assessment-and-feedback-in-six-settings"].scenarios
    removed = next(s for s in scenarios if s.phase == "secondary").teacher.split()[-1]
    kept = next(s for s in scenarios if s.phase == "primary").teacher.split()[-1]
    page.goto(site_url(server, "oakfield-primary", ""))
    assert search(page, removed) == []
    assert "No matching pages" in page.locator(".md-search-result__meta").inner_text()
    assert search(page, kept)


def test_progress_is_kept_shown_on_the_module_page_and_survives_a_rebuild(server, page, built):
    page.goto(site_url(server, "northgate-academy", E5))
    assert "only in this browser" in page.locator(".ect-privacy").first.inner_text()
    first = page.locator("input[data-progress]").first
    first.check()
    page.reload()
    assert page.locator("input[data-progress]").first.is_checked()
    sections = page.locator("input[data-progress]").count()
    assert page.locator("[data-study-status]").inner_text() == f"1 of {sections} sections done"

    page.goto(site_url(server, "northgate-academy", MODULE_E))
    cell = page.locator('[data-study-progress="developing-your-practice-in-assessment-and-feedback"]')
    assert cell.inner_text() == f"1 of {sections} sections done"

    page.goto(site_url(server, "northgate-academy", E5))
    page.locator("button[data-study-done]").click()
    assert page.locator("[data-study-status]").inner_text() == f"{sections} of {sections} sections done"
    # the site is rebuilt (new content could have been published): the ticks are still there
    assert build_site(built["northgate-academy"], "northgate-academy",
                      site_url=f"{SITE_URL}northgate-academy/").ok
    page.goto(site_url(server, "northgate-academy", MODULE_E))
    assert cell.inner_text() == "Done"
    # and they belong to this school's site only
    page.goto(site_url(server, "brookside-school", MODULE_E))
    assert page.locator('[data-study-progress="developing-your-practice-in-assessment-and-feedback"]') \
        .inner_text() == "Not started"


def test_the_keyboard_alone_can_tick_progress(server, page):
    page.goto(site_url(server, "national", E3))
    page.locator("input[data-progress]").first.focus()
    page.keyboard.press("Space")
    assert page.locator("input[data-progress]").first.is_checked()


def test_reflections_stay_on_the_device_and_can_be_exported_and_printed(server, page):
    sent = requests_sending(page, server)
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; }")
    page.goto(site_url(server, "oakfield-primary", E5))
    note = page.locator("textarea[data-note]").first
    note.fill("I will plan one hinge question for Tuesday's maths.")
    page.reload()
    assert page.locator("textarea[data-note]").first.input_value() == \
        "I will plan one hinge question for Tuesday's maths."
    with page.expect_download() as download:
        page.locator("[data-notes-action=text]").click()
    path = download.value.path()
    text = open(path, encoding="utf-8").read()
    assert text.startswith("My reflections: Developing your practice")
    assert "I will plan one hinge question for Tuesday's maths." in text
    page.locator("[data-notes-action=print]").click()
    assert page.evaluate("window.__printed") == 1
    assert "hinge question" in page.locator("#ect-notes-print").inner_text()
    assert sent == []


@pytest.mark.parametrize("slug", ["national", "brookside-school"])
def test_no_page_scrolls_sideways_at_360_pixels(server, browser, slug):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        wide = {}
        for path in [*PAGE_TYPES.values(), "mentor/sessions/module-e-week-1/", "mentor/year-2/cycle-1/",
                     "handbook/flexible-module-sequence/", "mentor/forms/expert-observation/"]:
            page.goto(site_url(server, slug, path))
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 360:
                wide[path] = width
        assert wide == {}
    finally:
        context.close()


def test_a_study_prints_cleanly(server, page):
    page.goto(site_url(server, "national", E5))
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".md-header").is_visible()
    # every phase's scenario is printed, each under its own heading
    headings = page.locator(".tabbed-block h3")
    visible = [headings.nth(i).inner_text() for i in range(headings.count()) if headings.nth(i).is_visible()]
    assert sum("Secondary scenario" in h for h in visible) == 2
    assert sum("EYFS scenario" in h for h in visible) == 2
    assert not page.locator("button[data-study-done]").is_visible()
