"""Phase-tagged passages and audience notes in the built sites, read as readers see them; the
contextualisation guards; the "What's different here" page."""

from __future__ import annotations

import re
import shutil

import pytest

from engines.mkdocs.build import build_site
from pipeline import SCHOOLS_DIR, check_school
from pipeline.contextualise import contextualise
from tests.conftest import SAMPLE_SCHOOLS
from tests.helpers import article, page, search_index

E3 = "providing-high-quality-feedback"
MENTOR_NOTE = "Ask your ECT to bring to your next meeting one set of work"


def text_of(element) -> str:
    return " ".join(element.get_text(" ").split())


def view(programme, slug):
    school, problems = check_school(SCHOOLS_DIR / slug / "school.yml", programme)
    assert school is not None, problems
    return contextualise(programme, school)


def passage_titles(soup) -> list[str]:
    return [text_of(t) for t in soup.select(".admonition.passage > .admonition-title")]


def test_the_national_site_labels_every_passage_with_its_phases(built):
    body = article(page(built["national"], f"self-studies/{E3}/"))
    titles = passage_titles(body)
    # each "what this looks like in practice" part has an example for every phase, labelled
    for name in ("EYFS", "Primary", "Secondary", "Post-16", "Specialist – SEND setting",
                 "Specialist – Alternative provision"):
        assert titles.count(name) == 2, (name, titles)
    assert "Year 9 history class" in text_of(body) and "Reception child" in text_of(body)
    assert {tag.get_text() for tag in body.select(".ect-passage-tag")} >= {"EYFS:", "Specialist – SEND setting:"}


@pytest.mark.parametrize("slug", SAMPLE_SCHOOLS)
def test_a_school_shows_its_phases_examples_only(built, programme, slug):
    school = view(programme, slug)
    kept = [p.name for p in school.phases]
    body = article(page(built[slug], f"self-studies/{E3}/"))
    # labelled with its own phases only, and only where it has several (each has two here)
    assert set(passage_titles(body)) == set(kept)
    for removed in school.removed:
        assert removed.phase.name not in text_of(body)
    assert "For schools" not in text_of(body)  # the national edition's note to schools


def test_a_passage_for_the_national_edition_is_on_no_school_site(built):
    national = text_of(article(page(built["national"], "handbook/welcome/")))
    assert "You are reading the national edition" in national
    for slug in SAMPLE_SCHOOLS:
        assert "You are reading the national edition" not in text_of(page(built[slug], "handbook/welcome/"))


@pytest.mark.parametrize("site", ["national", *SAMPLE_SCHOOLS])
def test_a_note_for_mentors_is_on_the_mentor_page_never_on_the_ects(built, site):
    study = page(built[site], f"self-studies/{E3}/")
    mentor = article(page(built[site], f"mentor-support/{E3}/"))
    assert MENTOR_NOTE not in text_of(study)
    note = mentor.select_one(".admonition.mentor-note")
    assert text_of(note.select_one(".admonition-title")) == "From the self-study, 2. Whole-class feedback"
    assert MENTOR_NOTE in text_of(note)
    # in the search index, only the mentor page holds it
    holding = {doc["location"].split("#")[0] for doc in search_index(built[site]) if MENTOR_NOTE in doc["text"]}
    assert holding == {f"mentor-support/{E3}/"}


def test_a_note_for_mentors_keeps_only_the_schools_phases(built):
    # the note has a sentence for EYFS and one for special schools
    oakfield = text_of(article(page(built["oakfield-primary"], f"mentor-support/{E3}/")))
    brookside = text_of(article(page(built["brookside-school"], f"mentor-support/{E3}/")))
    assert "clipboard of observations" in oakfield and "class team recorded" not in oakfield
    assert "class team recorded" in brookside and "clipboard of observations" not in brookside


@pytest.mark.parametrize("slug", SAMPLE_SCHOOLS)
def test_whats_different_here(built, programme, slug):
    school = view(programme, slug)
    soup = page(built[slug], "whats-different/")
    body = article(soup)
    assert text_of(body.h1).startswith("What's different here")
    tables = body.select("table")
    phases = {text_of(row.select("td")[0]): [text_of(c) for c in row.select("td")[1:]]
              for row in tables[0].select("tbody tr")}
    assert {name for name, cells in phases.items() if cells[0] == "kept"} == {p.name for p in school.phases}
    for removed in school.removed:
        assert phases[removed.phase.name] == ["removed", str(removed.scenarios), str(removed.examples),
                                              str(removed.passages)]
        assert removed.passages > 0
    # what went with them, page by page: the study above lost its other phases' examples
    by_page = {text_of(row.select("td")[0]): [int(text_of(c)) for c in row.select("td")[1:]]
               for row in tables[1].select("tbody tr")}
    title = programme.study_title(programme.self_studies[E3])
    assert by_page[title][2] >= 2 * len(school.removed)  # two practice parts, one passage each per phase
    assert by_page[title][0] == len(school.removed)  # one scenario per removed phase
    # the module order against the national one, the local examples, the coverage
    orders = [[text_of(c) for c in row.select("td")] for row in tables[2].select("tbody tr")]
    assert [row[1] for row in orders] == [m.label for m in school.module_order]
    assert [row[2] for row in orders] == [programme.module(code).label for code in programme.info.default_module_order]
    assert "Local examples" in [text_of(h).removesuffix("¶").strip() for h in body.select("h2")]
    assert "covered on this site too" in text_of(body)
    # in the navigation, under the handbook; not searchable
    welcome = page(built[slug], "handbook/welcome/")
    assert welcome.select_one("nav.md-nav--primary a[href='../../whats-different/']")
    assert not [doc for doc in search_index(built[slug]) if doc["location"].startswith("whats-different")]


def test_the_national_site_has_no_whats_different_page(built):
    assert not (built["national"] / "whats-different").exists()
    assert not page(built["national"], "").select("a[href$='whats-different/']")


def test_the_report_lists_what_went_with_each_phase(tmp_path):
    from tests.helpers import run_build

    run = run_build("--school", "northgate-academy", "--out", str(tmp_path))
    assert run.returncode == 0, run.stdout + run.stderr
    report = (tmp_path / "northgate-academy.report.md").read_text()
    assert re.search(r"\| EYFS \| removed \| \d+ \| \d+ \| [1-9]\d* \|", report)
    assert "## What went with them, page by page" in report
    assert re.search(r"\| Providing high-quality feedback \| 4 \| 0 \| \d+ \| 0 \|", report)
    assert "Every framework statement the national edition covers is covered on this site too." in report


def test_a_school_left_without_a_scenario_for_its_phase_is_not_built(tmp_path, content_copy):
    scenarios = content_copy / "scenarios" / "feedback-in-six-settings.yml"
    text = scenarios.read_text(encoding="utf-8")
    start = text.index("  - phase: send")
    end = text.index("  - phase: alternative-provision")
    scenarios.write_text(text[:start] + text[end:], encoding="utf-8")
    school = tmp_path / "schools" / "hillside"
    school.mkdir(parents=True)
    (school / "school.yml").write_text("name: Hillside Special School\nphases: [send]\n")
    result = build_site(tmp_path / "out" / "hillside", str(school / "school.yml"), content_copy)
    assert not result.ok
    message = "\n".join(result.messages)
    assert ("scenarios/feedback-in-six-settings.yml:1: scenarios: the self-study 'Providing high-quality feedback' "
            "(content/self-studies/providing-high-quality-feedback.md) has no scenario for Specialist – SEND setting, "
            "which Hillside Special School has — add a scenario with phase: send to this set") in message.replace(
                str(content_copy.parent) + "/", "")
    assert not (tmp_path / "out" / "hillside").exists()


def test_a_school_left_without_an_example_for_its_phase_is_not_built(tmp_path, content_copy):
    study = content_copy / "self-studies" / "memory-and-learning-core.md"
    text = study.read_text(encoding="utf-8")
    text = re.sub(r"::: send\n.*?\n:::\n", "", text, flags=re.DOTALL)
    study.write_text(text, encoding="utf-8")
    school = tmp_path / "hillside"
    school.mkdir()
    (school / "school.yml").write_text("name: Hillside Special School\nphases: [send]\n")
    result = build_site(tmp_path / "out" / "hillside", str(school / "school.yml"), content_copy)
    assert not result.ok
    assert ("the self-study 'Memory and learning: the essentials' has no example for Specialist – SEND setting, "
            "which Hillside Special School has") in "\n".join(result.messages)
    # a school without that phase still builds
    shutil.rmtree(tmp_path / "out", ignore_errors=True)
    (school / "school.yml").write_text("name: Hillside Primary School\nphases: [primary]\n")
    assert build_site(tmp_path / "out" / "hillside", str(school / "school.yml"), content_copy).ok
