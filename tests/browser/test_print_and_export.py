"""A study on paper, and the ECT's reflections taken away: printed without on-screen instructions, with the
reflections only when asked for, long scenarios free to break across pages, and reflections exported as a
print-ready page, a Word-compatible file and plain text, all made in the browser."""

from __future__ import annotations

import io

from pypdf import PdfReader

from tests.browser.conftest import requests_sending, site_url

E5 = "self-studies/developing-your-practice-in-assessment-and-feedback/"
NOTE = "I will plan one hinge question for Tuesday’s maths, and note who answers: quokka."


def visible(page, selector: str) -> list[str]:
    found = page.locator(selector)
    return [found.nth(i).inner_text().strip() for i in range(found.count()) if found.nth(i).is_visible()]


def test_a_study_prints_without_on_screen_instructions(server, page):
    page.goto(site_url(server, "national", E5))
    on_screen = {selector: visible(page, selector) for selector in (".ect-privacy", ".ect-done", ".ect-notes-actions")}
    assert all(on_screen.values()), on_screen  # they are there on screen
    assert any("Choose the scenario" in p for p in visible(page, "article p"))
    page.emulate_media(media="print")
    for selector in (".ect-privacy", ".ect-done", ".ect-notes-actions", ".ect-study-progress", ".ect-form-actions"):
        assert visible(page, selector) == [], selector
    assert not any("Choose the scenario" in p for p in visible(page, "article p"))
    assert not any("remembered on every page" in p for p in visible(page, "article p"))


def test_scenarios_may_break_across_pages(server, page):
    page.goto(site_url(server, "national", E5))
    page.emulate_media(media="print")
    breaks = page.locator(".tabbed-block").evaluate_all("blocks => blocks.map(b => getComputedStyle(b).breakInside)")
    assert breaks and set(breaks) == {"auto"}
    # a heading is kept with the text under it
    assert page.locator(".tabbed-block h3").first.evaluate("h => getComputedStyle(h).breakAfter") == "avoid"


def printed_text(page) -> str:
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    return " ".join(p.extract_text() for p in pdf.pages)


def test_reflections_print_with_the_study_only_when_asked_for(server, page):
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; }")
    page.goto(site_url(server, "oakfield-primary", E5))
    page.locator("textarea[data-note]").first.fill(NOTE)
    page.emulate_media(media="print")
    plain = printed_text(page)
    assert "Your reflection" in plain and "quokka" not in plain  # empty lines to write on
    page.emulate_media(media="screen")
    page.locator("[data-notes-action=print-study]").click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    assert "quokka" in printed_text(page)
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert "quokka" not in printed_text(page)  # asked for once, not for ever


def test_reflections_export_as_a_page_a_word_file_and_plain_text_sending_nothing(server, page):
    sent = requests_sending(page, server)
    page.add_init_script("window.print = () => {}")
    page.goto(site_url(server, "oakfield-primary", E5))
    page.locator("textarea[data-note]").first.fill(NOTE)

    with page.expect_download() as download:
        page.locator("[data-notes-action=rtf]").click()
    assert download.value.suggested_filename == "developing-your-practice-in-assessment-and-feedback-reflections.rtf"
    rtf = open(download.value.path(), encoding="ascii").read()  # RTF is 7-bit: other characters are escaped
    assert rtf.startswith("{\\rtf1") and rtf.rstrip().endswith("}")
    assert "Tuesday\\u8217?s maths" in rtf and "Oakfield Primary School" in rtf
    assert rtf.count("{") == rtf.count("}")

    with page.expect_download() as download:
        page.locator("[data-notes-action=text]").click()
    assert download.value.suggested_filename.endswith("-reflections.txt")
    text = open(download.value.path(), "rb").read().decode("utf-8")
    assert text.startswith("My reflections: Developing your practice") and NOTE in text
    assert "\n" not in text.replace("\r\n", "")  # Windows line ends: Notepad shows the lines too

    page.locator("[data-notes-action=print]").click()
    page.emulate_media(media="print")
    sheet = page.locator("#ect-notes-print")
    assert sheet.is_visible() and not page.locator(".md-container").is_visible()
    assert sheet.locator("h1").inner_text().startswith("My reflections: Developing your practice")
    assert NOTE in sheet.locator("p").all_inner_texts()
    assert sheet.locator("h2").count() == 1  # one reflection written: one question on the sheet
    assert sent == []


def test_a_checklist_prints_as_empty_boxes_to_tick_by_hand(server, page):
    page.goto(site_url(server, "oakfield-primary", "handbook/setting-up/"))
    page.locator(".task-list-control input").first.focus()
    page.keyboard.press("Space")  # ticked on screen
    assert page.locator(".task-list-control input").first.is_checked()
    page.emulate_media(media="print")
    boxes = page.locator(".task-list-indicator").evaluate_all("""marks => marks.map(mark => {
        const box = getComputedStyle(mark, '::before'), tick = getComputedStyle(mark, '::after');
        return [box.backgroundColor, box.borderTopColor, parseFloat(box.borderTopWidth), box.maskImage,
                tick.display === 'none' || tick.content === 'none'];
    })""")
    assert boxes and all(box == ["rgb(255, 255, 255)", "rgb(11, 12, 12)", 2, "none", True] for box in boxes), boxes
