"""Rendering on the tiny fixture programme: finished pages and navigation as data, no engine involved."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline import DOCS_DIR, check_programme, check_school
from pipeline.contextualise import contextualise
from pipeline.load.docs import read_docs
from pipeline.render.markdown import table
from pipeline.render.nav import NavPage, NavSection
from pipeline.render.parts import PageContext
from pipeline.render.sandbox import TemplateProblem
from pipeline.render.site import Site, render_site, render_template

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL = FIXTURES / "programmes" / "minimal"
TEST_SCHOOL = FIXTURES / "schools" / "test-school" / "school.yml"
ELECTIVE = "self-studies/test-elective.md"


@pytest.fixture(scope="module")
def programme():
    loaded, problems = check_programme(MINIMAL)
    assert loaded is not None, problems
    return loaded


def site_for(programme, school_file: Path | None = None) -> Site:
    school = None
    if school_file is not None:
        school, problems = check_school(school_file, programme)
        assert school is not None, problems
    return render_site(contextualise(programme, school), read_docs(DOCS_DIR))


def one_phase_school(tmp_path: Path, phase: str) -> Path:
    folder = tmp_path / f"only-{phase}"
    folder.mkdir()
    (folder / "school.yml").write_text(f"name: Only {phase.title()}\nphases: [{phase}]\n", encoding="utf-8")
    return folder / "school.yml"


def test_every_page_is_finished_and_in_the_navigation(programme):
    site = site_for(programme)
    sources = [page.src for page in site.pages]
    assert len(sources) == len(set(sources))
    for page in site.pages:
        assert "{{" not in page.markdown and "{%" not in page.markdown, page.src
        assert page.markdown.rstrip().endswith(site.abbreviations.rstrip()), page.src

    def in_nav(items) -> list[str]:
        found = []
        for item in items:
            found += in_nav(item.children) if isinstance(item, NavSection) else [item.src]
        return found
    assert sorted(in_nav(site.nav)) == sorted(sources)
    assert isinstance(site.nav[0], NavPage) and site.nav[0].src == "index.md"


def test_the_writers_file_is_named_for_a_finished_page(programme):
    page = site_for(programme).page(ELECTIVE)
    assert page.kind == "study" and page.source.endswith("self-studies/test-elective.md")


def test_several_phases_become_tabs_and_one_phase_plain_text(programme, tmp_path):
    national = site_for(programme).page(ELECTIVE).markdown
    assert re.findall(r'^=== "(.+)"$', national, re.MULTILINE)[:2] == ["Primary", "Secondary"]
    only_primary = site_for(programme, one_phase_school(tmp_path, "primary")).page(ELECTIVE).markdown
    assert "===" not in only_primary
    assert "Primary scenario" in only_primary and "Secondary scenario" not in only_primary


def test_an_example_slot_shows_guidance_nationally_the_schools_text_or_nothing(programme, tmp_path):
    national = site_for(programme).page(ELECTIVE).markdown
    assert "For schools: add your own example" in national
    school = site_for(programme, TEST_SCHOOL).page(ELECTIVE).markdown
    assert "### Examples from Test School" in school
    assert '<div class="school-text">' in school and "Test example from a file" in school
    assert "For schools: add your own example" not in school
    without = site_for(programme, one_phase_school(tmp_path, "secondary")).page(ELECTIVE).markdown
    assert "Examples from" not in without and "For schools" not in without


def test_the_navigation_follows_the_schools_module_order(programme):
    site = site_for(programme, TEST_SCHOOL)  # A, C, B, E, D, F
    year_1 = next(item for item in site.nav if isinstance(item, NavSection) and item.title == "Year 1")
    modules = [item.title for item in year_1.children if isinstance(item, NavSection)]
    by_code = {m.code: m.label for m in programme.modules}
    assert [title.split(" · ")[1] for title in modules] == [by_code[code] for code in "ACBEDF"]


def test_template_problems_name_the_writers_file_and_line(programme):
    sp = contextualise(programme, None)
    with pytest.raises(TemplateProblem, match=r"^study\.md:7: this template goes past a limit"):
        render_template(sp, PageContext("x.md", "other"), "line\n" * 6 + "{{ 'a' * 100000 }}",
                        lambda line: f"study.md:{line}")
    with pytest.raises(TemplateProblem, match=r"^study\.md:2: .*cannot be called"):
        render_template(sp, PageContext("x.md", "other"), "\n{{ school_name.upper() }}",
                        lambda line: f"study.md:{line}")


def test_tables_escape_a_bar_in_a_cell():
    text = table(["Name", "Value"], [["a | b", "1"]])
    assert text.splitlines()[2] == "| a \\| b | 1 |"

