"""Self-studies and scenarios as providers write them, read from the built sites.

The sample programme (the `built` sites) uses each construct; the minimal fixture programme, built
here once, shows the forms the sample does not need (a code such as 8I, a role written with a full
stop, an image next to its page, a scenario's own options line).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from engines.mkdocs.build import build_site
from pipeline import DEFAULT_CONTENT, check_programme, model
from tests.helpers import article, page
from tests.test_rules import MINIMAL

E3 = "providing-high-quality-feedback"
E5 = "developing-your-practice-in-assessment-and-feedback"
E4 = "making-marking-and-feedback-manageable"
YEAR_2 = "assessment-for-learning-year-2"


def text_of(element) -> str:
    return " ".join(element.get_text(" ").split())


def words(text: str) -> str:
    """Markdown source text as a reader sees its words: no emphasis marks, one space between words."""
    return " ".join(re.sub(r"[*_`]", "", text).split())


def tab_blocks(body, moment: str) -> dict[str, object]:
    """The scenarios of a page at the start or at the end of the study, by their phase's tab label."""
    mark = ".scenario-prompt" if moment == "start" else ".scenario-reflection"
    tabs = next(t for t in body.select(".tabbed-set") if t.select_one(mark))
    labels = [text_of(label) for label in tabs.select(".tabbed-labels > label")]
    return dict(zip(labels, tabs.select(".tabbed-block"), strict=True))


@pytest.fixture(scope="module")
def minimal_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("minimal") / "site"
    result = build_site(site, None, content_dir=MINIMAL)
    assert result.ok, result.messages
    return site


# ---- timings as written ---------------------------------------------------------------------


def test_a_study_shows_its_stated_total_and_each_section_as_written(built, programme):
    study = programme.self_studies[E3]
    body = article(page(built["national"], f"self-studies/{E3}/"))
    rows = [[text_of(cell) for cell in row.select("td")] for row in body.select("table")[0].select("tbody tr")]
    written = {s.title: (str(s.minutes) if s.minutes else "not timed") for s in study.sections}
    assert dict(rows[:-1]) == written
    assert "5–8" in written.values() and "not timed" in written.values()  # the sample uses both
    assert rows[-1] == ["Total", "about 45"]
    assert "About 45 minutes" in text_of(body.select_one(".study-meta"))
    # each timed section's heading says its time; the untimed one says none
    times = {heading(h): text_of(h.find_next_sibling("p")) for h in body.select("h2")
             if h.find_next_sibling("p") and "section-time" in (h.find_next_sibling("p").get("class") or [])}
    assert times["Applying your learning: reflection"].startswith("About 5–8 minutes")
    assert not times["Applying your learning: scenarios"].startswith("About")
    # the module page lists the stated total, not what the timed sections add up to (28–31)
    module_page = article(page(built["national"], "year-1/e-assessment-for-learning/"))
    row = next(r for r in module_page.select("tr") if text_of(r).startswith("3. Providing high-quality feedback"))
    assert "about 45 minutes" in text_of(row)


def test_alternatives_are_timed_as_a_range(built):
    body = article(page(built["national"], f"self-studies/{YEAR_2}/"))
    rows = dict([text_of(cell) for cell in row.select("td")] for row in body.select("table")[0].select("tbody tr"))
    assert rows["2a. Using formative assessment to move learning forwards (choose one)"] == "35–40"


def heading(element) -> str:
    return text_of(element).removesuffix("¶").strip()


# ---- the scenario arc -----------------------------------------------------------------------


def test_each_scenario_starts_with_its_situation_then_the_writers_own_prompt(built, programme):
    scenarios = programme.scenario_sets[programme.self_studies[E3].scenario_set].scenarios
    blocks = tab_blocks(article(page(built["national"], f"self-studies/{E3}/")), "start")
    for scenario in scenarios:
        block = blocks[programme.phase(scenario.phase).name]
        paragraphs = [text_of(p) for p in block.select("p")]
        situation = [words(part) for part in scenario.situation.strip().split("\n\n")]
        start = paragraphs.index(situation[0])
        assert paragraphs[start:start + len(situation)] == situation
        assert paragraphs[start + len(situation)] == words(scenario.prompt)  # the writer's prompt, after it
        assert "scenario-prompt" in block.select("p")[start + len(situation)]["class"]
    assert "consider which strategy would help" not in text_of(article(page(built["national"], f"self-studies/{E3}/")))


def test_each_scenario_ends_with_the_situation_options_and_their_feedback_then_the_reflection(built, programme):
    scenario_set = programme.scenario_sets[programme.self_studies[E3].scenario_set]
    blocks = tab_blocks(article(page(built["national"], f"self-studies/{E3}/")), "end")
    for scenario in scenario_set.scenarios:
        block = blocks[programme.phase(scenario.phase).name]
        # the reader's order: situation again (repeated in full here), the line into the options, each option
        # followed by its feedback, then the reflection prompt and the place to answer it
        seen = [text_of(e) for e in block.select("p, details") if "ect-note-label" not in str(e)[:80]]
        expected = [words(part) for part in scenario.situation.strip().split("\n\n")]
        expected.append(words(scenario.options_intro or scenario_set.options_intro))
        for letter, option in zip("ABC", scenario.options, strict=True):
            expected += [f"Option {letter}: {words(option.text)}",
                         f"Feedback on option {letter} {words(option.feedback)}", words(option.feedback)]
        expected.append(words(scenario.reflection))
        assert [s for s in seen if s in expected] == expected
        assert block.select_one(".scenario-reflection + p textarea, .scenario-reflection ~ p textarea")
        assert not block.select("details[open]")  # feedback waits until the reader has chosen
    assert "Reflect:" not in text_of(article(page(built["national"], f"self-studies/{E3}/")))


def test_a_summarised_situation_is_shown_at_the_end_instead_of_the_whole(built, programme):
    scenarios = programme.scenario_sets[programme.self_studies[E4].scenario_set].scenarios
    blocks = tab_blocks(article(page(built["national"], f"self-studies/{E4}/")), "end")
    for scenario in scenarios:
        block = text_of(blocks[programme.phase(scenario.phase).name])
        assert scenario.revisit != "repeat"
        assert words(scenario.revisit) in block
        assert words(scenario.situation.strip().split("\n\n")[-1]) not in block


def test_the_teacher_is_named_with_a_short_role(built, programme, minimal_site):
    scenarios = programme.scenario_sets[programme.self_studies[E3].scenario_set].scenarios
    body = article(page(built["national"], f"self-studies/{E3}/"))
    shown = [text_of(p).replace(" ,", ",") for p in body.select(".scenario-teacher")]
    assert shown[:len(scenarios)] == [f"{s.teacher}, {s.role}" for s in scenarios]
    # a role written with a full stop at its end is shown without doubling it
    minimal = article(page(minimal_site, "self-studies/test-elective/"))
    teachers = [text_of(p).replace(" ,", ",") for p in minimal.select(".scenario-teacher")]
    assert "Mr Sample, test class teacher" in teachers
    assert ".." not in text_of(minimal)


def test_a_scenario_may_have_its_own_line_into_the_options(minimal_site):
    blocks = tab_blocks(article(page(minimal_site, "self-studies/test-elective/")), "end")
    assert "Test options intro of Mr Sample." in text_of(blocks["Secondary"])
    assert "Test options intro." in text_of(blocks["Primary"]) and "of Mr Sample" not in text_of(blocks["Primary"])


@pytest.mark.parametrize("slug", ["national", "oakfield-primary"])
def test_the_mentor_page_shows_each_kept_phases_situation(built, programme, slug):
    scenarios = programme.scenario_sets[programme.self_studies[E4].scenario_set].scenarios
    body = article(page(built[slug], f"mentor-support/{E4}/"))
    blocks = tab_blocks(body, "end")
    kept = {scenario.phase: scenario for scenario in scenarios if programme.phase(scenario.phase).name in blocks}
    assert kept and (slug == "national") == (len(kept) == len(scenarios))
    for phase, scenario in kept.items():
        block = text_of(blocks[programme.phase(phase).name])
        assert words(scenario.situation) in block  # in full, though the ECT's end shows a summary
        assert f"Option C: {words(scenario.options[2].text)}" in block
    # by reference: the mentor page's source never copies a situation
    source = (DEFAULT_CONTENT / "mentor-support" / f"{E4}.md").read_text(encoding="utf-8")
    assert not any(words(s.situation)[:60] in words(source) for s in scenarios)


# ---- example slots with their own guidance ----------------------------------------------------


def test_each_example_slot_shows_its_own_guidance_on_the_national_site(built, programme):
    study = programme.self_studies[E3]
    body = article(page(built["national"], f"self-studies/{E3}/"))
    slots = body.select(".admonition.example-slot")
    assert len(slots) == len(study.example_slots) == 2
    for slot, shown in zip(study.example_slots, slots, strict=True):
        assert words(slot.guidance) in text_of(shown)
        assert words(programme.info.example_guidance) in text_of(shown)
    # a school's own site shows no guidance: its report lists it (tests/test_handbook.py)
    assert not article(page(built["northgate-academy"], f"self-studies/{E3}/")).select(".admonition.example-slot")


# ---- framework statements as the framework prints them ------------------------------------------


def test_statements_are_grouped_under_their_heading_stem_and_group(built, programme):
    body = article(page(built["national"], f"self-studies/{E5}/"))
    standard = next(s for s in programme.standards if s.number == 8)
    h3 = next(h for h in body.select("h3") if heading(h) == standard.heading)
    learn_how_to = next(h for h in h3.find_all_next("h4") if heading(h) == "Learn how to…")
    group = learn_how_to.find_next("p")
    assert "statement-group" in group["class"] and text_of(group) == "Develop as a professional, by…"
    item = text_of(group.find_next("li"))
    assert item.startswith("8.a making the most of mentoring")
    index = article(page(built["national"], "framework/"))
    row = next(r for r in index.select("tr") if text_of(r).startswith("8.a "))
    assert "Learn how to… Develop as a professional, by… making the most" in text_of(row)
    assert standard.heading in [heading(h) for h in index.select("h2")]


def test_codes_in_other_forms_and_groups_of_a_standard(minimal_site):
    body = article(page(minimal_site, "self-studies/test-elective/"))
    assert "Test heading as printed" in [heading(h) for h in body.select("h3")]
    item = next(li for li in body.select("li") if text_of(li).startswith("8I "))
    assert text_of(item.find_previous("p")) == "Test group stem, by…"
    assert item.select_one("a[href='../../framework/#statement-8I']")
    assert article(page(minimal_site, "framework/")).select_one("#statement-8I")


@pytest.fixture(scope="module")
def reworded_site(tmp_path_factory) -> Path:
    """The sample with the statements' stems worded once, differently, in programme.yml."""
    import shutil

    content = tmp_path_factory.mktemp("reworded") / "content"
    shutil.copytree(DEFAULT_CONTENT, content)
    programme_file = content / "programme.yml"
    text = programme_file.read_text(encoding="utf-8")
    text = text.replace("stem: Learn that…", "stem: ECTs learn that…").replace("stem: Learn how to…",
                                                                               "stem: ECTs learn how to…")
    programme_file.write_text(text, encoding="utf-8")
    site = content.parent / "site"
    result = build_site(site, None, content_dir=content)
    assert result.ok, result.messages
    return site


def test_a_programme_words_the_stems_once_for_every_page(reworded_site, programme):
    for study in programme.self_studies.values():
        h4s = [heading(h) for h in article(page(reworded_site, f"self-studies/{study.id}/")).select("h4")]
        assert "ECTs learn that…" in h4s and "Learn that…" not in h4s, study.id
    session = article(page(reworded_site, "mentor/sessions/module-e-week-1/"))
    assert "ECTs learn how to…" in [heading(h) for h in session.select("h4")]
    assert "ECTs learn that…" in text_of(article(page(reworded_site, "framework/")))


# ---- meeting templates per study ---------------------------------------------------------------


def steps(body) -> list[str]:
    return [text_of(legend) for legend in body.select("fieldset.ect-step > legend")]


def test_the_programmes_template_has_steps_boxes_criteria_and_markdown_guidance(built, programme):
    body = article(page(built["national"], "mentor-materials/meeting-template/"))
    rows = programme.meeting_template.rows
    assert steps(body) == [f"{n}. {row.title}" for n, row in enumerate(rows, 1)]
    follow_up = next(f for f in body.select("fieldset.ect-step") if "Follow-up observation" in text_of(f.legend))
    assert [text_of(label) for label in follow_up.select("label")] == ["Date", "Lesson and class"]
    assert len(follow_up.select("textarea")) == 2
    practise = next(f for f in body.select("fieldset.ect-step") if "Practise" in text_of(f.legend))
    assert [text_of(li) for li in practise.select("ol li")] == next(r for r in rows if r.id == "practise").steps
    actions = next(f for f in body.select("fieldset.ect-step") if "Set precise actions" in text_of(f.legend))
    assert len(actions.select(".ect-guidance ul li")) == 4  # the criteria
    check_in = body.select_one("fieldset.ect-step .ect-guidance")
    assert check_in.select_one("strong") and "**" not in text_of(check_in)  # Markdown, rendered
    # every answer box is labelled and described by its step's guidance
    for textarea in body.select("textarea"):
        assert body.select_one(f"label[for='{textarea['id']}']")
        assert body.find(id=textarea["aria-describedby"])


def test_a_study_extends_the_programmes_template_with_its_own_step(built, programme):
    src = f"mentor-materials/meeting-templates/{E3}/"
    body = article(page(built["national"], src))
    names = [name.split(". ", 1)[1] for name in steps(body)]
    base = [row.title for row in programme.meeting_template.rows]
    assert names == base[:3] + ["Look at feedback together"] + base[3:]
    own = next(f for f in body.select("fieldset.ect-step") if "Look at feedback together" in text_of(f.legend))
    assert [text_of(label) for label in own.select("label")] == [
        "The feedback given", "What the pupil did with it", "The ingredient that was missing"]
    assert len(own.select("ol li")) == 3
    # its mentor page leads to it; a study without a template of its own leads to the programme's
    mentor = article(page(built["national"], f"mentor-support/{E3}/"))
    assert mentor.select_one(f"a[href='../../mentor-materials/meeting-templates/{E3}/']")
    other = article(page(built["national"], f"mentor-support/{E5}/"))
    assert other.select_one("a[href='../../mentor-materials/meeting-template/']")
    # and the navigation lists it beside the mentor support
    nav = page(built["national"], src).select_one("nav.md-nav--primary")
    study, module = programme.self_studies[E3], programme.module(programme.self_studies[E3].module)
    short = f"{module.number}.{study.number}" if module.number else f"{module.code}{study.number}"
    assert f"{short}: meeting template" in text_of(nav)


def test_a_study_can_have_a_meeting_template_of_its_own(built, programme):
    study_id = "checking-prior-knowledge-and-understanding"
    own = programme.mentor_page_for(study_id).meeting_template
    assert own.extends is None  # not the programme's with a step added: the study's own steps only
    soup = page(built["national"], f"mentor-materials/meeting-templates/{study_id}/")
    body = article(soup)
    assert heading(body.h1) == own.title
    assert [name.split(". ", 1)[1] for name in steps(body)] == [row.title for row in own.rows]
    boxes = [text_of(label) for label in body.select("fieldset.ect-step label")]
    assert {"What most pupils know", "The change to the plan"} <= set(boxes)
    mentor = article(page(built["national"], f"mentor-support/{study_id}/"))
    assert mentor.select_one(f"a[href='../../mentor-materials/meeting-templates/{study_id}/']")


# ---- images and figures -----------------------------------------------------------------------


IMAGE = "images/providing-high-quality-feedback-sections.svg"


@pytest.mark.parametrize("slug", ["national", "oakfield-primary", "northgate-academy", "brookside-school"])
def test_a_study_shows_its_diagram_with_alt_text_in_every_site(built, slug):
    body = article(page(built[slug], f"self-studies/{E3}/"))
    figure = body.select_one("figure")
    image = figure.select_one("img")
    assert len(image["alt"]) > 40 and "section 1" in image["alt"]
    assert text_of(figure.select_one("figcaption")) == "How the study fits together"
    served = posixpath.normpath(posixpath.join(f"self-studies/{E3}/", image["src"]))
    assert served == IMAGE
    assert (built[slug] / served).read_bytes() == (DEFAULT_CONTENT / IMAGE).read_bytes()


def test_an_image_next_to_its_page_is_published_next_to_it(minimal_site):
    body = article(page(minimal_site, "handbook/test-figures/"))
    sources = [posixpath.normpath(posixpath.join("handbook/test-figures/", img["src"])) for img in body.select("img")]
    assert sources == ["images/test-diagram.svg", "handbook/test-photo.png"]
    for source in sources:
        assert (minimal_site / source).read_bytes() == (MINIMAL / source).read_bytes()


def test_only_the_images_a_page_shows_are_published(tmp_path):
    """An image no page shows stays out of every site (check.py warns about it)."""
    import shutil

    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    (content / "images" / "not-shown.svg").write_text((MINIMAL / "images" / "test-diagram.svg").read_text())
    result = build_site(tmp_path / "site", None, content_dir=content)
    assert result.ok, result.messages
    assert (tmp_path / "site" / "images" / "test-diagram.svg").is_file()
    assert not (tmp_path / "site" / "images" / "not-shown.svg").exists()


def test_check_reports_an_over_size_image_at_the_line_that_shows_it(tmp_path):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    (content / "images" / "big-photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(600_000))
    chapter = content / "handbook" / "test-figures.md"
    shown = "![Test photo far too large for a phone](../images/big-photo.png)"
    chapter.write_text(chapter.read_text() + "\n" + shown + "\n")
    line = chapter.read_text().splitlines().index(shown) + 1
    programme, problems = check_programme(content)
    assert programme is None
    assert [str(p) for p in problems] == [
        f"{content}/handbook/test-figures.md:{line}: body: the image is 600 KB, more than the 500 KB a page may "
        "load — replace the file: resize or compress a photo, save a diagram as SVG without scripts or links"]


def test_a_missing_image_stops_the_build_naming_the_writers_file_and_line(tmp_path):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    (content / "images" / "test-diagram.svg").unlink()
    result = build_site(tmp_path / "site", None, content_dir=content)
    assert not result.ok
    assert "handbook/test-figures.md:7: body: there is no image file '../images/test-diagram.svg'" in result.messages[0]
    assert "(made from the data)" not in result.messages[0] and not (tmp_path / "site").exists()


@pytest.mark.parametrize("code", ["6.3", "8.10", "6.a", "6a", "6I", "6.iv", "6B"])
def test_statement_codes_in_the_forms_providers_print(code):
    assert model.Statement(code=code, kind="learn-how-to", text="Test.").code == code


@pytest.mark.parametrize("code", ["8-3", "6.", "VI", "6 a", "6.3.1"])
def test_statement_codes_in_no_form_are_refused(code):
    with pytest.raises(ValueError):
        model.Statement(code=code, kind="learn-how-to", text="Test.")
