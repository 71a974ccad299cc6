"""The induction tutor's handbook: generated tables that follow the school's order, and the report."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

from bs4 import BeautifulSoup

from engines.mkdocs.build import build_site
from pipeline import SCHOOLS_DIR
from pipeline.report import example_slots
from tests.conftest import PROJECT
from tests.helpers import article, page

HALF_TERMS = ["Autumn 1", "Autumn 2", "Spring 1", "Spring 2", "Summer 1", "Summer 2"]
NEW_ORDER = ["A", "F", "D", "B", "E", "C"]


def text_of(element) -> str:
    return " ".join(element.get_text(" ").split())


def sequence_row(site, path: str) -> list[str]:
    body = article(page(site, path))
    table = next(t for t in body.select("table") if text_of(t.select("thead th")[1]) == "Autumn 1")
    return [text_of(td) for td in table.select("tbody tr")[0].select("td")[1:]]


def test_change_the_order_and_every_table_and_the_nav_follow(tmp_path, programme):
    school = tmp_path / "oakfield-primary"
    shutil.copytree(SCHOOLS_DIR / "oakfield-primary", school)
    config = school / "school.yml"
    config.write_text(re.sub(r"module_order: \[.*\]", f"module_order: [{', '.join(NEW_ORDER)}]", config.read_text()))
    site = tmp_path / "out" / "oakfield-primary"
    result = build_site(site, str(config))
    assert result.ok, result.messages
    labels = [programme.module(code).label for code in NEW_ORDER]
    # the handbook's module-sequence table
    assert sequence_row(site, "handbook/flexible-module-sequence/") == labels
    # the year pages
    for year in (1, 2):
        rows = article(page(site, f"year-{year}/")).select("table")[0].select("tbody tr")
        assert [text_of(r.select("td")[1]) for r in rows] == labels
    # the home page and the mentor's landing page
    home_rows = article(page(site, "")).select("table")[0].select("tbody tr")
    assert [text_of(r.select("td")[1]) for r in home_rows] == labels
    mentor = [text_of(h).split("·")[1].removesuffix("¶").strip() for h in article(page(site, "mentor/")).select("h3")]
    assert mentor == labels
    # the navigation, both years
    nav = [text_of(item) for item in page(site, "").select("nav.md-nav--primary .md-nav__item--nested > .md-nav__link")
           if "·" in text_of(item)]
    assert [label.split("·")[1].strip() for label in nav] == labels + labels
    # the appendices' tables
    appendix = article(page(site, "handbook/appendices/")).select("table")
    for table in appendix[:2]:
        assert [text_of(r.select("td")[1]) for r in table.select("tbody tr")] == labels
    # seminars keep their fixed order whatever the module order
    seminars = article(page(site, "handbook/year-1-structure/")).select("table")[0].select("tbody tr")
    assert [text_of(r.select("td")[1]) for r in seminars] == [s.title for s in programme.year(1).seminars]


def test_the_national_handbook_uses_the_default_order(built, programme):
    labels = [programme.module(code).label for code in programme.info.default_module_order]
    assert sequence_row(built["national"], "handbook/flexible-module-sequence/") == labels


def test_generated_tables_come_from_the_data(built, programme):
    body = article(page(built["national"], "handbook/time-commitments/"))
    tables = body.select("table")
    activities = [[text_of(r.select("td")[0]) for r in t.select("tbody tr")] for t in tables[:2]]
    assert activities == [[c.activity for c in programme.year(n).time_commitments] for n in (1, 2)]
    assert [[text_of(r.select("td")[1]) for r in t.select("tbody tr")] for t in tables[:2]] == [
        ["1 hour", "4.5 hours", "45 minutes", "90 minutes", "90 minutes"],
        ["1 hour", "4.5 hours", "25 minutes", "90 minutes", "90 minutes", "90 minutes"]]  # as written, not 1.5 hours


def test_the_appendices_are_tables_in_the_schools_order(built, programme):
    """One row per module, in the school's order, each with its electives or focus areas, numbered."""
    for slug, order in (("national", programme.info.default_module_order), ("brookside-school", "AFCBDE")):
        tables = article(page(built[slug], "handbook/appendices/")).select("table")
        for table, items, heading in ((tables[0], "electives", "Electives (year 1)"),
                                      (tables[1], "year_2_focus_areas", "Focus areas (year 2)")):
            assert [text_of(th) for th in table.select("thead th")] == ["Half term", "Module", heading]
            rows = [[cell for cell in row.select("td")] for row in table.select("tbody tr")]
            assert [text_of(r[0]) for r in rows] == HALF_TERMS
            assert [text_of(r[1]) for r in rows] == [programme.module(code).label for code in order]
            for row, code in zip(rows, order):
                cell = row[2].decode_contents().split("<br/>")
                lines = [BeautifulSoup(line, "html.parser").get_text() for line in cell]
                assert lines == [f"{n}. {item}" for n, item in enumerate(getattr(programme.module(code), items), 1)]


def test_the_year_2_handbook_chapter_shows_the_seminars_with_their_flags(built, programme):
    body = article(page(built["national"], "handbook/year-2-structure/"))
    table = next(t for t in body.select("table") if text_of(t.select("thead th")[1]) == "Seminar focus")
    rows = [[text_of(td) for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert [row[1] for row in rows] == [s.title for s in programme.year(2).seminars]
    assert [row[2] for row in rows] == ["Subject or phase group" if s.subject_phase_specific else "—"
                                        for s in programme.year(2).seminars]


def test_contacts_and_school_name_appear_where_expected(built):
    welcome = text_of(article(page(built["oakfield-primary"], "handbook/welcome/")))
    assert "Oakfield Primary School" in welcome and "Mrs J. Whitcombe" in welcome
    national = text_of(article(page(built["national"], "handbook/welcome/")))
    assert "Your school's own site lists its contacts here" in national


def test_the_report_lists_exactly_the_unfilled_slots(tmp_path, programme):
    run = subprocess.run([sys.executable, "scripts/build.py", "--school", "northgate-academy", "--out", str(tmp_path)],
                         cwd=PROJECT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    report = (tmp_path / "northgate-academy.report.md").read_text()
    assert "Contextualisation report" not in run.stdout  # written to its file, not to the terminal
    assert "27 example slots to fill" in run.stdout
    assert not (tmp_path / "northgate-academy" / "northgate-academy.report.md").exists()  # beside, not inside
    still_to_fill = report.split("Still to fill")[1].split("Filled:")[0]
    entries = re.findall(r"^- Page: ([^\n]+?) \(page id `([a-z0-9-]+)`, year \d, Module [1-6]\)\n"
                         r"- Slot: `([a-z0-9-]+)`, in the section “([^\n]*)”\n- What it asks for: ([^\n]+)\n\n"
                         r"```yaml\n(.*?)```", still_to_fill, re.MULTILINE | re.DOTALL)
    from pipeline import check_school
    from pipeline.contextualise import contextualise
    school, _ = check_school(SCHOOLS_DIR / "northgate-academy" / "school.yml", programme)
    expected = [(page_title, section, slot) for page_title, section, slot, filled
                in example_slots(contextualise(programme, school)) if not filled]
    assert [(title, section, slot) for title, _, slot, section, _, _ in entries] == expected
    assert len(entries) == 27
    # each with what the school should add: the slot's own guidance, as the national site shows it
    for title, page_id, slot, _, asks, _ in entries:
        assert title == programme.study_title(programme.self_studies[page_id])
        assert asks.startswith(" ".join(programme.self_studies[page_id].example_slot(slot).guidance.split()))
    # the one filled slot is not in the list, and phases removed are counted
    filled = [(page, slot) for page, slots in school.examples.items() for slot in slots]
    assert len(filled) == 1 and filled[0] not in [(e[1], e[2]) for e in entries]
    assert re.search(r"\| EYFS \| removed \| \d+ \| \d+ \|", report)
    assert "| Secondary | kept |" in report


def test_a_report_snippet_pasted_into_school_yml_fills_its_slot(tmp_path, programme):
    """The snippet is ready to paste: a school with no examples yet pastes it whole, writes its example in place
    of the placeholder, and the slot is filled."""
    from pipeline import check_school
    from pipeline.contextualise import contextualise
    from pipeline.report import contextualisation_report

    folder = tmp_path / "pasting-school"
    folder.mkdir()
    (folder / "school.yml").write_text("name: Pasting School\nphases: [primary]\n")
    school, _ = check_school(folder / "school.yml", programme)
    report = contextualisation_report(contextualise(programme, school), [])
    snippet = re.search(r"```yaml\n(.*?)```", report, re.DOTALL)[1]
    pasted = snippet.replace("TODO write your example here, in Markdown.", "Our own example, with its ingredients.")
    (folder / "school.yml").write_text("name: Pasting School\nphases: [primary]\n" + pasted)
    school, problems = check_school(folder / "school.yml", programme)
    assert school is not None, problems
    filled = [slot for *_, slot, filled in example_slots(contextualise(programme, school)) if filled]
    assert len(filled) == 1 and filled[0] in snippet


def test_sequence_example_takes_letters_titles_and_numbers_in_any_case(tmp_path):
    """Check passes these, so the build must render them (it used to fail with a misleading message)."""
    from pipeline import check_programme
    from pipeline.contextualise import national
    from pipeline.render.site import render_site
    from tests.test_rules import MINIMAL

    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    chapter = content / "handbook" / "test-chapter.md"
    orders = ['"a,c,e,b,f,d"', '"Behaviour and Relationships, planning and delivery, ASSESSMENT FOR LEARNING, '
              'memory and learning, Adaptive Practice, subject and curriculum"', '" A , C,E ,b,F,d "']
    chapter.write_text(chapter.read_text() + "".join(f"\n{{{{ sequence_example({o}) }}}}\n" for o in orders))
    programme, problems = check_programme(content)
    assert programme is not None, "\n".join(map(str, problems))
    markdown = render_site(national(programme), {}).page("handbook/test-chapter.md").markdown
    rows = [line for line in markdown.splitlines() if line.startswith("| **Module**")]
    expected = "| **Module** | " + " | ".join(programme.module(c).label for c in "ACEBFD") + " |"
    assert rows[-3:] == [expected] * 3
