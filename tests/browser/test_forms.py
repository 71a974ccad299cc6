"""Mentor forms and checklists in Chromium: filled in, kept on the device, printed on A4."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from tests.browser.conftest import site_url

FORMS = ["mentor-materials/meeting-template/", "mentor/forms/expert-observation/", "mentor/forms/expert-discussion/"]


@pytest.mark.parametrize("path", FORMS)
def test_a_form_prints_on_a4_as_a_form_without_site_chrome(server, page, path):
    page.goto(site_url(server, "oakfield-primary", path))
    labels = page.locator("form.ect-form label").all_inner_texts()
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    assert 1 <= len(pdf.pages) <= 3
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
    text = "\n".join(p.extract_text() for p in pdf.pages)
    for label in labels:
        assert label.split()[0] in text
    # no navigation, search or buttons on paper
    for chrome in ("Search", "Year 1", "Induction tutor handbook", "Print or save as PDF", "Clear the form"):
        assert chrome not in text, chrome


def test_a_form_is_filled_in_kept_on_the_device_and_downloaded(server, page):
    page.goto(site_url(server, "northgate-academy", FORMS[1]))
    first = page.locator("form.ect-form textarea").first
    first.fill("Ms Dube, Year 9 science, Tuesday period 3")
    page.reload()
    assert page.locator("form.ect-form textarea").first.input_value() == "Ms Dube, Year 9 science, Tuesday period 3"
    with page.expect_download() as download:
        page.locator("[data-form-action=download]").click()
    text = open(download.value.path(), encoding="utf-8").read()
    assert text.startswith("# Engage with an expert: observation")
    assert "Ms Dube, Year 9 science, Tuesday period 3" in text
    # the answers are printed with the form
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert "Ms Dube" in "".join(p.extract_text() for p in pdf.pages)
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator("[data-form-action=clear]").click()
    page.reload()
    assert page.locator("form.ect-form textarea").first.input_value() == ""


def test_checklist_ticks_persist_on_the_device(server, page):
    page.goto(site_url(server, "brookside-school", "handbook/setting-up/"))
    boxes = page.locator(".ect-checklist input[type=checkbox]")
    assert boxes.count() >= 10
    tasks = page.locator(".ect-checklist li").all_inner_texts()
    assert any("alternative provision centre" in task for task in tasks)  # the school's own task
    boxes.nth(2).focus()
    page.keyboard.press("Space")
    assert boxes.nth(2).is_checked()
    page.reload()
    assert boxes.nth(2).is_checked() and not boxes.nth(1).is_checked()


def test_cycle_checklists_can_be_ticked_with_the_keyboard(server, page):
    page.goto(site_url(server, "national", "mentor/year-2/cycle-1/"))
    box = page.locator(".ect-checklist input[type=checkbox]").first
    box.focus()
    page.keyboard.press("Space")
    page.reload()
    assert page.locator(".ect-checklist input[type=checkbox]").first.is_checked()


CYCLE = "mentor/year-2/cycle-1/"
STEP = "Name the purpose of each new topic in one sentence"


def test_a_cycles_writing_spaces_and_planner_dates_are_kept_on_the_device_and_printed(server, page):
    page.goto(site_url(server, "oakfield-primary", CYCLE))
    space = page.get_by_label("The action step", exact=True)
    space.fill(STEP)
    dates = page.locator("input.ect-date")
    assert dates.count() == 11  # cycle 1's planner rows
    first = page.get_by_label("Date: Refocus 1 – diagnostic discussion")
    first.fill("2025-09-15")
    page.reload()
    assert page.get_by_label("The action step", exact=True).input_value() == STEP
    assert page.get_by_label("Date: Refocus 1 – diagnostic discussion").input_value() == "2025-09-15"
    assert dates.nth(1).input_value() == ""
    # on paper: what was written, the date, and the empty spaces as ruled lines; no site chrome
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert STEP in text and "Success criteria" in text and "Looking ahead" in text
    assert re.search(r"15/09/2025|09/15/2025|2025-09-15", text), "the planner's date is printed"
    assert "Search" not in text
    # the same space on another school's site is that site's own
    page.goto(site_url(server, "northgate-academy", CYCLE))
    assert page.get_by_label("The action step", exact=True).input_value() == ""


def test_a_planner_date_can_be_typed_with_the_keyboard(server, page):
    page.goto(site_url(server, "national", "mentor/year-2/cycle-2/"))
    date = page.locator("input.ect-date").first
    date.focus()
    page.keyboard.type("03022026")  # dd mm yyyy, as the en-GB date field takes it
    page.keyboard.press("Tab")
    value = date.input_value()
    page.reload()
    assert value and page.locator("input.ect-date").first.input_value() == value
