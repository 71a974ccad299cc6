"""Self-studies and their meeting templates in Chromium: the diagram loads under the page's policy, option
feedback opens and prints, a study's own template is filled in, downloaded and printed, and axe finds nothing."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.browser.conftest import site_url
from tests.browser.test_accessibility import violations

E3 = "self-studies/providing-high-quality-feedback/"
E3_TEMPLATE = "mentor-materials/meeting-templates/providing-high-quality-feedback/"


def pdf_text(page) -> str:
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    return " ".join(" ".join(p.extract_text() for p in pdf.pages).split())


@pytest.mark.parametrize("slug", ["national", "brookside-school"])
def test_the_study_diagram_loads_under_the_pages_policy(server, page, slug):
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
            else None)
    page.goto(site_url(server, slug, E3))
    image = page.locator("article figure img")
    image.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('article figure img').complete")
    assert image.evaluate("img => img.naturalWidth") > 0
    assert refused == []


def test_option_feedback_opens_when_chosen_and_prints_with_the_page(server, page, programme):
    scenario = programme.scenario_sets["feedback-in-six-settings"].scenarios[0]
    page.goto(site_url(server, "national", E3))
    feedback = page.locator(".tabbed-set").nth(1).locator("details.option-feedback").first
    assert not feedback.evaluate("d => d.open")
    feedback.locator("summary").click()
    assert feedback.evaluate("d => d.open")
    assert " ".join(scenario.options[0].feedback.split()) in " ".join(feedback.inner_text().split())
    page.reload()
    text = pdf_text(page)
    for option in scenario.options:  # every option's feedback is on paper, open or not
        assert " ".join(option.feedback.split())[:50] in text
    assert "How the study fits together" in text  # the figure's caption
    assert "Mark this section as done" not in text


def test_a_studys_own_template_is_filled_in_downloaded_and_printed(server, page):
    page.goto(site_url(server, "oakfield-primary", E3_TEMPLATE))
    box = page.get_by_label("The feedback given")
    box.fill("Next step: add 'because' to link the two causes")
    page.reload()
    assert page.get_by_label("The feedback given").input_value() == "Next step: add 'because' to link the two causes"
    with page.expect_download() as download:
        page.locator("[data-form-action=download]").click()
    text = open(download.value.path(), encoding="utf-8").read()
    assert "## Look at feedback together: The feedback given\n\nNext step: add 'because'" in text
    assert "## Check-in\n" in text  # a step's one box of notes is named by the step
    printed = pdf_text(page)
    assert "Look at feedback together" in printed and "What the pupil did with it" in printed
    for chrome in ("Search", "Print or save as PDF", "Clear the form"):
        assert chrome not in printed


@pytest.mark.parametrize("path", [E3, E3_TEMPLATE, "mentor-materials/meeting-template/",
                                  "mentor-support/providing-high-quality-feedback/"])
def test_axe_finds_no_violations_on_the_new_parts(server, page, path):
    page.goto(site_url(server, "national", path))
    for summary in page.locator("details.option-feedback > summary").all()[:3]:
        summary.click()  # opened, as a reader would
    assert violations(page) == []
