"""The induction tutor's handbook: generated tables that follow the school's order, and the report."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

from engines.mkdocs.build import build_site
from pipeline import SCHOOLS_DIR
from pipeline.report import example_slots
from tests.conftest import PROJECT
from tests.helpers import article, page

HALF_TERMS = ["Autumn 1", "Autumn 2", "Spring 1", "Spring 2", "Summer 1", "Summer 2"]
NEW_ORDER = ["A", "F", "D", "B", "E", "C"]


def text_of(element) -> str:
    return " ".join(element.get_text(" ").split())


def first_letters(cells) -> list[str]:
    return [cell[0] for cell in cells]


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
        assert first_letters([text_of(r.select("td")[1]) for r in rows]) == NEW_ORDER
    # the home page and the mentor's landing page
    home_rows = article(page(site, "")).select("table")[0].select("tbody tr")
    assert first_letters([text_of(r.select("td")[1]) for r in home_rows]) == NEW_ORDER
    mentor = [text_of(h).split("·")[1].strip()[0] for h in article(page(site, "mentor/")).select("h3")]
    assert mentor == NEW_ORDER
    # the navigation, both years
    nav = [text_of(item) for item in page(site, "").select("nav.md-nav--primary .md-nav__item--nested > .md-nav__link")
           if "·" in text_of(item)]
    assert [label.split("·")[1].strip()[0] for label in nav] == NEW_ORDER + NEW_ORDER
    # seminars keep their fixed order whatever the module order
    seminars = article(page(site, "handbook/year-1-structure/")).select("table")[0].select("tbody tr")
    assert [text_of(r.select("td")[1]) for r in seminars] == programme.year(1).seminars


def test_the_national_handbook_uses_the_default_order(built, programme):
    labels = [programme.module(code).label for code in programme.info.default_module_order]
    assert sequence_row(built["national"], "handbook/flexible-module-sequence/") == labels


def test_generated_tables_come_from_the_data(built, programme):
    body = article(page(built["national"], "handbook/time-commitments/"))
    tables = body.select("table")
    activities = [[text_of(r.select("td")[0]) for r in t.select("tbody tr")] for t in tables[:2]]
    assert activities == [[c.activity for c in programme.year(n).time_commitments] for n in (1, 2)]
    appendix = article(page(built["national"], "handbook/appendices/"))
    items = [text_of(li) for li in appendix.select("ol li")]
    assert items[:5] == list(programme.module("A").electives)
    assert len(items) == 30


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
    assert "# Contextualisation report: Northgate Academy" in run.stdout  # printed at the end of the build
    assert not (tmp_path / "northgate-academy" / "northgate-academy.report.md").exists()  # beside, not inside
    still_to_fill = report.split("Still to fill")[1].split("Filled:")[0]
    listed = re.findall(r"\| `([a-z0-9-]+)` \|", still_to_fill)
    rows = re.findall(r"^\| (.+?) \| (.+?) \| `([a-z0-9-]+)` \| (.+) \|$", still_to_fill, re.MULTILINE)
    from pipeline import check_school
    from pipeline.contextualise import contextualise
    school, _ = check_school(SCHOOLS_DIR / "northgate-academy" / "school.yml", programme)
    expected = [(page_title, section, slot) for page_title, section, slot, filled
                in example_slots(contextualise(programme, school)) if not filled]
    assert [tuple(r[:3]) for r in rows] == expected
    # each with what the school should add: the slot's own guidance, as the national site shows it
    for page_title, _, slot, guidance in rows:
        study = next(s for s in programme.self_studies.values() if programme.study_title(s) == page_title)
        assert guidance == " ".join(study.example_slot(slot).guidance.split())
    assert len(listed) == len(expected) > 0
    # the one filled slot is not in the list, and phases removed are counted
    assert "whole-class-feedback-examples" not in still_to_fill or "Providing high-quality feedback" not in [
        r[0] for r in rows if r[2] == "whole-class-feedback-examples"]
    assert re.search(r"\| EYFS \| removed \| \d+ \| \d+ \|", report)
    assert "| Secondary | kept |" in report
