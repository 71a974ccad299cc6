"""The whole programme as pages: years, modules, framework index, glossary, search."""

from __future__ import annotations

import re

import pytest

from pipeline import SCHOOLS_DIR, check_school
from tests.conftest import SAMPLE_SCHOOLS
from tests.helpers import article, page
from tests.search import SiteSearch

HALF_TERMS = ["Autumn 1", "Autumn 2", "Spring 1", "Spring 2", "Summer 1", "Summer 2"]


def text_of(element) -> str:
    return " ".join(element.get_text(" ").split())


def heading(element) -> str:
    return text_of(element).removesuffix("¶").strip()


def table_rows(table) -> list[list[str]]:
    return [[text_of(cell) for cell in row.select("td")] for row in table.select("tbody tr")]


def school_order(programme, slug: str) -> list[str]:
    if slug == "national":
        return list(programme.info.default_module_order)
    school, _ = check_school(SCHOOLS_DIR / slug / "school.yml", programme)
    return list(school.module_order)


@pytest.mark.parametrize("slug", ["national", *SAMPLE_SCHOOLS])
def test_year_pages_list_modules_in_the_schools_order_and_seminars_in_fixed_order(built, programme, slug):
    order = school_order(programme, slug)
    body = article(page(built[slug], "year-1/"))
    rows = table_rows(body.select("table")[0])
    assert [row[0] for row in rows] == HALF_TERMS
    labels = [programme.module(code).label for code in order]
    assert [row[1] for row in rows] == labels
    assert [row[3] for row in rows] == [s.title for s in programme.year(1).seminars]
    body = article(page(built[slug], "year-2/"))
    assert [row[1] for row in table_rows(body.select("table")[0])] == labels


def test_year_pages_show_time_commitments_and_webinars_from_the_data(built, programme):
    for number in (1, 2):
        year = programme.year(number)
        body = article(page(built["national"], f"year-{number}/"))
        tables = {heading(t.find_previous("h2")): table_rows(t) for t in body.select("table")}
        assert [row[0] for row in tables["Time commitment"]] == [c.activity for c in year.time_commitments]
        assert [row[1] for row in tables["Expert webinars"]] == [w.title for w in year.webinars]
        assert f"no more than {year.timetable_limit_percent}%" in text_of(body)
    mentoring = table_rows(article(page(built["national"], "year-1/")).select("table")[1])
    assert [row[1] for row in mentoring] == ["1 hour", "4.5 hours", "45 minutes", "90 minutes", "90 minutes"]


def test_times_are_shown_as_written_minutes_as_minutes_hours_as_hours(built, programme):
    from pipeline.render.markdown import duration

    for number in (1, 2):
        rows = table_rows(article(page(built["national"], f"year-{number}/")).select("table")[1])
        for row, commitment in zip(rows, programme.year(number).time_commitments, strict=True):
            if commitment.minutes is not None:
                assert row[1] == f"{commitment.minutes} minutes"
            else:
                assert row[1] == f"{commitment.hours:g} hour{'s' if commitment.hours != 1 else ''}"
    assert duration(90) == "90 minutes" and duration(None, 1.5) == "1.5 hours" and duration(None, 1) == "1 hour"


def notes_of(built, number: int) -> list[list[str]]:
    table = next(t for t in article(page(built["national"], f"year-{number}/")).select("table")
                 if heading(t.find_previous("h2")) == "Expert webinars")
    return [[text_of(flag) for flag in row.select(".ect-flag")] for row in table.select("tbody tr")]


def test_year_2_seminars_and_webinars_show_their_flags(built, programme):
    year_2 = programme.year(2)
    body = article(page(built["national"], "year-2/"))
    rows = body.select("table")[0].select("tbody tr")
    for row, seminar in zip(rows, year_2.seminars, strict=True):
        flags = [text_of(flag) for flag in row.select(".ect-flag")]
        assert flags == (["Subject or phase group"] if seminar.subject_phase_specific else [])
        assert text_of(row.select("td")[3]).startswith(seminar.title)
    assert sum(s.subject_phase_specific for s in year_2.seminars) == 3
    for number in (1, 2):  # year 1 has a webinar 'once in Autumn 1', year 2 one held in subject or phase groups
        assert notes_of(built, number) == [(["Subject or phase group"] if w.subject_phase_specific else [])
                                           + ([w.when] if w.when else []) for w in programme.year(number).webinars]
    assert ["once in Autumn 1"] in notes_of(built, 1) and ["Subject or phase group"] in notes_of(built, 2)


def test_module_page_lists_the_five_electives_published_or_not(built, programme):
    body = article(page(built["national"], "year-1/e-assessment-for-learning/"))
    electives = table_rows(body.select("table")[0])
    module = programme.module("E")
    assert [row[0] for row in electives] == [f"{n}. {t}" for n, t in enumerate(module.electives, 1)]
    published = {s.number for s in programme.studies_for(1, "E") if s.kind == "elective"}
    for number, row in enumerate(electives, 1):
        if number in published:
            assert "Self-study" in row[2] and "about 45 minutes" == row[1]
        else:
            assert row[2] == "Not yet published"
    assert "Choose 3 of the five" in text_of(body)
    # every link on a module page leads to a page that exists: never a dead link
    for anchor in body.select("a[href]"):
        href = anchor["href"]
        if not href.startswith(("#", "http")):
            target = (built["national"] / "year-1" / "e-assessment-for-learning" / href.split("#")[0]).resolve()
            assert (target / "index.html").is_file() or target.is_file(), href


def test_the_autumn_1_module_says_two_electives(built):
    body = article(page(built["national"], "year-1/a-behaviour-and-relationships/"))
    assert "Choose 2 of the five" in text_of(body)


def test_seminars_keep_their_order_whatever_the_module_order(built, programme):
    seminars = [s.title for s in programme.year(1).seminars]
    body = article(page(built["brookside-school"], "year-1/a-behaviour-and-relationships/"))
    assert seminars[0] in text_of(body)
    order = school_order(programme, "brookside-school")
    position = order.index("E")
    body = article(page(built["brookside-school"], "year-1/e-assessment-for-learning/"))
    assert f"{HALF_TERMS[position]} seminar" in text_of(body) and seminars[position] in text_of(body)


def test_year_2_module_page_lists_focus_areas(built, programme):
    body = article(page(built["national"], "year-2/f-adaptive-practice/"))
    items = [text_of(li) for li in body.select("ol li")]
    assert items == programme.module("F").year_2_focus_areas


def test_framework_index_lists_every_statement_with_every_page(built, programme):
    body = article(page(built["national"], "framework/"))
    rows = {row[0]: row for table in body.select("table") for row in table_rows(table)}
    codes = [s.code for standard in programme.standards for s in standard.statements]
    assert sorted(rows) == sorted(codes)
    for study in programme.self_studies.values():
        title = programme.study_title(study)
        for code in study.statements:
            assert title in rows[code][2]
            if programme.mentor_page_for(study.id):
                assert f"Mentor support: {title}" in rows[code][2]
    # weekly mentor sessions cover their learning intentions too, and link to them
    for session in programme.mentor_sessions.values():
        name = f"{programme.module(session.module).name} week {session.week}: {session.title}"
        for code in session.learning_intentions:
            assert name in rows[code][2], (code, name)
    assert body.select_one("a[href='../mentor/sessions/module-e-week-1/']")
    # a study's statements link to the index entry
    e5 = article(page(built["national"], "self-studies/developing-your-practice-in-assessment-and-feedback/"))
    assert e5.select_one("a[href='../../framework/#statement-6-1']")
    assert body.select_one("#statement-6-1")


def test_glossary_page_and_abbreviations_everywhere(built, programme):
    body = article(page(built["national"], "glossary/"))
    terms = [" ".join(dt.get_text().split()) for dt in body.select("dt")]
    for term in programme.glossary:
        expected = f"{term.abbreviation}: {term.term}" if term.abbreviation else term.term
        assert any(expected in t for t in terms), expected
    study = article(page(built["national"], "self-studies/providing-high-quality-feedback/"))
    abbreviations = {abbr.get_text(): abbr["title"] for abbr in study.select("abbr")}
    assert abbreviations.get("EEF") == "Education Endowment Foundation"
    home = article(page(built["national"], ""))
    assert {abbr.get_text(): abbr["title"] for abbr in home.select("abbr")}.get("ECT") == "Early career teacher"


SEARCHES = [
    # (query, the page a reader should see first)
    ("Kowalczyk", "self-studies/developing-your-practice-in-assessment-and-feedback/"),  # a kept teacher
    ("Penhaligon", "self-studies/providing-high-quality-feedback/"),
    ("Thistlewood", "self-studies/designing-effective-assessment/"),
    ("cognitive load", "self-studies/memory-and-learning-core/"),  # a research model
    ("Pygmalion", "year-2/a-behaviour-and-relationships/"),  # a year-2 focus area
    ("marking that earns its time", "self-studies/making-marking-and-feedback-manageable/"),  # an ingredient set
    ("7.b", "self-studies/behaviour-and-relationships-core/"),  # a framework code
    ("prior knowledge", "self-studies/checking-prior-knowledge-and-understanding/"),
    ("routines", "self-studies/behaviour-and-relationships-core/"),
    ("glossary", "glossary/"),
    ("framework statements", "framework/"),
    ("flexible module sequence", "handbook/flexible-module-sequence/"),
    ("meeting template", "mentor-materials/meeting-template/"),
    ("feedback model", "mentor/year-2/feedback-model/"),
]


@pytest.fixture(scope="module")
def national_search(built):
    return SiteSearch(built["national"])


@pytest.mark.parametrize("query, expected", SEARCHES)
def test_search_finds_the_right_page_first(national_search, query, expected):
    assert national_search.pages(query)[0] == expected


def test_a_removed_phases_teacher_is_not_found(built, programme):
    search = SiteSearch(built["northgate-academy"])
    for scenario_set in programme.scenario_sets.values():
        for scenario in scenario_set.scenarios:
            surname = scenario.teacher.split()[-1]
            if scenario.phase in ("secondary", "post-16"):
                continue
            assert search.pages(surname) == [], surname
    kept = next(s for s in programme.scenario_sets["assessment-and-feedback-in-six-settings"].scenarios
                if s.phase == "secondary")
    assert search.pages(kept.teacher.split()[-1])


def test_no_page_is_empty(built):
    pages = sorted(built["national"].rglob("index.html"))
    assert len(pages) > 20
    for path in pages:
        body = article(page(built["national"], str(path.relative_to(built["national"]))))
        assert len(text_of(body)) > 200, path


def test_modules_are_named_as_the_provider_numbers_them_on_every_page(built, programme):
    """The sample programme numbers its modules: every header and text says 'Module 5: Assessment for
    Learning', and no page calls a module by its letter, the id our files use."""
    assert all(module.number for module in programme.modules)
    titles = "|".join(m.title for m in programme.modules)
    letter_forms = re.compile(rf"\b[Mm]odules? [A-F]\b|\b[A-F][.:] ({titles})")
    for slug in ("national", "oakfield-primary"):
        for path in sorted(built[slug].rglob("index.html")):
            text = text_of(page(built[slug], str(path.relative_to(built[slug]))))
            assert not letter_forms.search(text), (path, letter_forms.search(text)[0])
    study = programme.self_studies["providing-high-quality-feedback"]
    label = programme.module(study.module).label
    assert label == "Module 5: Assessment for Learning"
    for path in (f"self-studies/{study.id}/", f"mentor-support/{programme.mentor_page_for(study.id).id}/",
                 "mentor/sessions/module-e-week-1/", "year-1/e-assessment-for-learning/"):
        body = article(page(built["national"], path))
        shown = body.h1 if path.startswith("year-1/") else body.select_one(".study-meta")
        assert label in text_of(shown), path
    nav = [text_of(a) for a in page(built["national"], "").select("nav.md-nav--primary .md-nav__link")]
    assert "Module 5 sessions" in nav and f"Summer 1 · {label}" in nav
