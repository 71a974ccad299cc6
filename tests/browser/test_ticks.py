"""Ticks and progress in Chromium, kept by the tasks' and sections' ids: they survive a reordering of the
content, a study with choose-one sections can be finished, and ticks saved by position carry over."""

from __future__ import annotations

import yaml

from engines.mkdocs.build import build_site
from tests.browser.conftest import site_url
from tests.browser.test_csp import serving

SETTING_UP = "handbook/setting-up/"
YEAR_2_STUDY = "self-studies/assessment-for-learning-year-2/"
YEAR_2_MODULE = "year-2/e-assessment-for-learning/"
TASK = "Book mentors onto mentor training"


def ticked(page) -> list[str]:
    """The text of every ticked task on the page."""
    return page.evaluate("""() => [...document.querySelectorAll('.ect-checklist li')]
        .filter(li => li.querySelector('input[type=checkbox]').checked)
        .map(li => li.textContent.trim())""")


def test_a_tick_stays_with_its_task_when_the_tasks_are_reordered(page, content_copy, tmp_path):
    site = tmp_path / "sites" / "national"
    assert build_site(site, content_dir=content_copy).ok
    with serving(tmp_path / "sites") as base:
        page.goto(f"{base}/national/{SETTING_UP}")
        page.locator(".ect-checklist li", has_text=TASK).locator("input").focus()
        page.keyboard.press("Space")
        assert ticked(page) == [TASK]

        # the writers move the task to the top and add another; the site is rebuilt and published again
        checklist = content_copy / "checklist.yml"
        tasks = yaml.safe_load(checklist.read_text(encoding="utf-8"))["tasks"]
        reordered = [TASK, *(task for task in tasks if task != TASK), "Agree the dates of the first mentor meetings"]
        checklist.write_text(yaml.safe_dump({"tasks": reordered}), encoding="utf-8")
        assert build_site(site, content_dir=content_copy).ok
        page.reload()
        labels = page.locator(".ect-checklist li").all_inner_texts()
        assert labels.index(TASK) != tasks.index(TASK)  # it really moved
        assert ticked(page) == [TASK]


def test_a_study_with_choose_one_sections_reaches_done(server, page):
    page.goto(site_url(server, "national", YEAR_2_STUDY))
    status = page.locator("[data-study-status]")
    assert status.inner_text() == "0 of 4 sections done"  # introduction, 1, one of 2a–2c, next steps
    for section in ("introduction", "research-summaries", "choosing-feedback-focus", "next-steps"):
        page.locator(f'input[data-progress="assessment-for-learning-year-2:{section}"]').check()
    assert status.inner_text() == "4 of 4 sections done"
    assert page.locator("button[data-study-done]").inner_text() == "Mark the study as not done"
    page.goto(site_url(server, "national", YEAR_2_MODULE))
    cell = page.locator('[data-study-progress="assessment-for-learning-year-2"]')
    assert cell.inner_text() == "Done"

    # "Mark the study as not done", then the whole study as done with the button: the two pages agree
    page.goto(site_url(server, "national", YEAR_2_STUDY))
    button = page.locator("button[data-study-done]")
    button.click()
    assert status.inner_text() == "0 of 4 sections done"
    page.locator('input[data-progress="assessment-for-learning-year-2:planning-formative-assessment"]').check()
    assert status.inner_text() == "1 of 4 sections done"
    button.click()
    assert status.inner_text() == "4 of 4 sections done"
    # the reader's choice in the group is kept; the other alternatives stay as they were
    assert not page.locator('input[data-progress="assessment-for-learning-year-2:moving-learning-forwards"]') \
        .is_checked()
    page.goto(site_url(server, "national", YEAR_2_MODULE))
    assert cell.inner_text() == "Done"


def test_ticks_saved_by_position_carry_over_once_to_their_tasks(server, page):
    page.goto(site_url(server, "national", SETTING_UP))
    tasks = page.locator(".ect-checklist li").all_inner_texts()
    # what the earlier version of the site saved: ect:<site>:tick:<list>:<position>
    page.evaluate("""(position) => {
        localStorage.setItem('ect:national:tick:set-up:' + position, '1');
        localStorage.setItem('ect:national:tick:set-up:99', '1');     // a position no task has now
        localStorage.setItem('ect:national:tick:cycle-1:2:0', '1');   // another list, carried over on its page
    }""", tasks.index(TASK))
    page.reload()
    assert ticked(page) == [TASK]
    stored = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('ect:national:')).sort()")
    assert stored == ["ect:national:task:set-up:book-mentors-onto-mentor-training",
                      "ect:national:tick:cycle-1:2:0"]
    page.reload()
    assert ticked(page) == [TASK]

    page.goto(site_url(server, "national", "mentor/year-2/cycle-1/"))
    second = page.locator(".ect-checklist").nth(1)
    assert second.locator("input").first.is_checked()
    assert page.locator(".ect-checklist input:checked").count() == 1
    assert page.evaluate("Object.keys(localStorage).some(k => k.includes(':tick:'))") is False
