"""The schedule and progress pages in Chromium: the half term that holds today is marked, from the
browser's own date (set here with Playwright's clock), and the pages still make sense without script."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser.conftest import site_url

SLUG = "oakfield-primary"  # its module order is A, C, B, E, D, F; its own term dates for 2026-27
E3 = "self-studies/providing-high-quality-feedback/"


def open_on(page, server, day: dt.date, path: str = "schedule/"):
    page.clock.set_fixed_time(dt.datetime.combine(day, dt.time(12)))
    page.goto(site_url(server, SLUG, path))
    return page


@pytest.mark.parametrize(("day", "anchor"), [
    (dt.date(2026, 9, 3), "year-1-autumn-1"),    # its first day
    (dt.date(2027, 1, 20), "year-1-spring-1"),
    (dt.date(2027, 7, 21), "year-1-summer-2"),   # its last day
    (dt.date(2027, 11, 10), "year-2-autumn-2"),  # year 2: the typical pattern
])
def test_the_half_term_that_holds_today_is_marked(server, page, day, anchor):
    open_on(page, server, day)
    current = page.locator(".ect-half-term.ect-current")
    assert current.count() == 1
    assert current.get_attribute("data-anchor") == anchor
    assert current.locator(".ect-now").inner_text() == "This half term"
    summary = page.locator("[data-this-half-term]")
    assert summary.inner_text().startswith(f"This half term: {current.get_attribute('data-label')}, until ")
    summary.locator("a").click()
    page.wait_for_url(f"**#{anchor}")


def test_in_the_holidays_the_next_half_term_is_marked(server, page):
    open_on(page, server, dt.date(2026, 10, 28))
    assert page.locator(".ect-half-term.ect-current").count() == 0
    assert page.locator(".ect-half-term.ect-next").get_attribute("data-anchor") == "year-1-autumn-2"
    assert page.locator("[data-this-half-term]").inner_text().startswith(
        "Holidays. Next half term: Year 1, Autumn 2 2026-27: Module 3: Planning and Delivery, from Monday 2 November")


def test_before_the_induction_and_after_it(server, page):
    open_on(page, server, dt.date(2026, 8, 1))
    assert page.locator("[data-this-half-term]").inner_text().startswith("Not started yet. First half term: Year 1, "
                                                                          "Autumn 1 2026-27")
    open_on(page, server, dt.date(2029, 1, 1))
    assert page.locator("[data-this-half-term]").inner_text() == "Every half term of this schedule is over."
    assert page.locator(".ect-current, .ect-next").count() == 0


def test_the_progress_page_shows_this_half_term_beside_the_ticks(server, page):
    day = dt.date(2027, 3, 1)  # Spring 2: module E at Oakfield
    open_on(page, server, day, E3)
    page.locator("button[data-study-done]").click()
    open_on(page, server, day, "progress/")
    current = page.locator(".ect-half-term.ect-current")
    assert current.get_attribute("data-anchor") == "year-1-spring-2"
    assert page.locator("[data-this-half-term]").inner_text().startswith("This half term: Year 1, Spring 2 2026-27: "
                                                                          "Module 5: Assessment for Learning")
    row = current.locator("tr", has=page.locator("a[href*='providing-high-quality-feedback']"))
    assert row.locator("[data-study-progress]").inner_text() == "Done"
    others = current.locator("[data-study-progress]:not([data-study-progress='providing-high-quality-feedback'])")
    assert set(others.all_inner_texts()) == {"Not started"}


def test_without_script_the_schedule_still_gives_every_date(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url(server, SLUG, "schedule/"))
        assert page.locator("[data-this-half-term]").inner_text().startswith("Find today among the half terms below")
        dates = page.locator(".ect-half-term .ect-half-term-dates").all_inner_texts()
        assert len(dates) == 12 and dates[0].startswith("Thursday 3 September to Friday 23 October 2026")
        assert page.locator(".ect-current, .ect-next, .ect-now").count() == 0
    finally:
        context.close()
