"""What a school takes away: the offline bundle (opened from file://) and the handbook PDF."""

from __future__ import annotations

import zipfile
from urllib.parse import urlparse

import pytest
from pypdf import PdfReader

from tests.test_build import removed_phase_traces

E5 = "self-studies/developing-your-practice-in-assessment-and-feedback.html"


@pytest.fixture
def outputs(printed):
    """oakfield-primary built with --zip --pdf and no --site-url (tests/browser/conftest.py)."""
    return printed["unpublished"]


def test_the_offline_bundle_works_from_the_file_system(outputs, tmp_path, page):
    with zipfile.ZipFile(outputs / "oakfield-primary.zip") as archive:
        archive.extractall(tmp_path)
    home = tmp_path / "oakfield-primary" / "index.html"
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(home.as_uri())
    assert "Oakfield Primary School" in page.locator("article .ect-edition").inner_text()
    # navigation: follow a link to a study
    page.goto((tmp_path / "oakfield-primary" / E5).as_uri())
    page.locator(".tabbed-set").first.locator("label", has_text="Primary").click()
    assert page.locator(".tabbed-set").first.locator(".tabbed-block").nth(1).is_visible()
    page.locator("a[href$='mentor-support/developing-your-practice-in-assessment-and-feedback.html']").first.click()
    page.wait_for_url("**/mentor-support/developing-your-practice-in-assessment-and-feedback.html")
    # search: from file:// the index is read through the bundle's script files (engines/search.py)
    page.locator("input.md-search__input").click()
    page.keyboard.type("Kowalczyk", delay=20)
    first = page.locator(".md-search-result__item > a").first
    first.wait_for()
    assert "developing-your-practice-in-assessment-and-feedback" in first.get_attribute("href")
    # the result lands in its phase's tab (EYFS is selected first), the name highlighted and in view
    assert first.locator(".ect-search-phase").inner_text() == "Primary"
    page.goto((tmp_path / "oakfield-primary" / E5).as_uri())
    page.locator(".tabbed-set").first.locator("label", has_text="EYFS").click()
    page.locator("input.md-search__input").click()
    page.keyboard.type("Kowalczyk", delay=20)
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_function("() => !!document.querySelector('mark.ect-found')")
    landed = page.evaluate("""() => {
        const m = document.querySelector('mark.ect-found'), box = m.getBoundingClientRect();
        const set = m.closest('.tabbed-set'), checked = set.querySelector(':scope > input:checked');
        return [set.querySelector(`label[for="${checked.id}"]`).innerText.trim(), m.textContent,
                box.top >= 0 && box.bottom <= innerHeight]; }""")
    assert landed == ["Primary", "Kowalczyk", True]
    assert [url for url in requests if urlparse(url).scheme not in ("file", "data", "blob", "about")] == []


def test_the_handbook_pdf_has_a_cover_contents_page_numbers_and_no_removed_phase(outputs, programme):
    pdf = PdfReader(outputs / "oakfield-primary.pdf")
    pages = [p.extract_text() for p in pdf.pages]
    assert len(pages) > 10
    assert "Oakfield Primary School" in pages[0]
    assert "Contents" in pages[1] and "Flexible module sequence" in pages[1]
    assert f"page 3 of {len(pages)}" in pages[2]
    text = "\n".join(pages)
    assert "Mrs J. Whitcombe" in text  # the school's contact
    for phase_id in ("secondary", "post-16", "send", "alternative-provision"):
        for trace in removed_phase_traces(programme, phase_id):
            assert trace not in text, trace
    assert not (outputs / "oakfield-primary" / "oakfield-primary.pdf").exists()  # beside the site, not in it


def test_the_offline_bundle_holds_the_calendar_feeds_linked_from_its_schedule(outputs, tmp_path, page):
    with zipfile.ZipFile(outputs / "oakfield-primary.zip") as archive:
        names = archive.namelist()
        archive.extractall(tmp_path)
    feeds = sorted(name for name in names if name.endswith(".ics"))
    assert feeds == ["oakfield-primary/schedule/oakfield-primary-schedule-year-1.ics",
                     "oakfield-primary/schedule/oakfield-primary-schedule-year-2.ics",
                     "oakfield-primary/schedule/oakfield-primary-schedule.ics"]
    page.goto((tmp_path / "oakfield-primary" / "schedule" / "index.html").as_uri())
    links = page.locator("article a[href$='.ics']")
    assert links.count() == 3
    assert (tmp_path / "oakfield-primary" / "schedule" / links.first.get_attribute("href")).is_file()


def test_the_handbook_pdf_ends_with_the_schedule(outputs):
    pages = [p.extract_text() for p in PdfReader(outputs / "oakfield-primary.pdf").pages]
    assert "Appendix: schedule and time budget" in pages[1]
    text = "\n".join(pages)
    appendix = text[text.rindex("Appendix: schedule and time budget"):]  # headed as the contents list it
    assert "Thursday 3 September to Friday 23 October 2026" in appendix
    assert "Find today among the half terms" not in appendix  # the reader's "this half term" is for the screen


def test_the_handbook_pdf_prints_the_appendices_as_tables_in_the_schools_order(outputs, programme):
    """The appendices, seminars and time commitments print as generated: the school's order, flags, and
    times as written (90 minutes, never 1.5 hours)."""
    from pipeline import SCHOOLS_DIR, check_school

    school, _ = check_school(SCHOOLS_DIR / "oakfield-primary" / "school.yml", programme)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(outputs / "oakfield-primary.pdf").pages)
    appendices = text[text.index("Modules and their electives"):]
    labels = [programme.module(code).label for code in school.module_order]
    positions = [appendices.index(label) for label in labels]
    assert positions == sorted(positions)  # the school's order, not A to F
    for code in school.module_order:
        module = programme.module(code)
        assert f"1. {module.electives[0]}" in appendices and f"5. {module.electives[4]}" in appendices
    assert "Half term Module Electives (year 1)" in appendices
    assert "90 minutes" in text and "4.5 hours" in text and "1.5 hours" not in text
    assert "Subject or phase group" in text and "once in Autumn 1" in text
