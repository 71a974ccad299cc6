"""The schedule page, the progress page, the calendar feeds and the time budget of the built sample
sites, read as readers read them (parsed HTML, the .ics files parsed back with icalendar) and checked
against the rules in content/ and each school's school.yml."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from fractions import Fraction
from urllib.parse import urlsplit

import icalendar
import pytest

from engines.mkdocs.build import build_site
from pipeline import DEFAULT_CONTENT, DOCS_DIR, SCHOOLS_DIR, check_school, prepare
from pipeline.load.docs import read_docs
from pipeline.render.site import render_site
from pipeline.report import contextualisation_report
from pipeline.schedule import hours_text, school_year_of
from tests.conftest import PROJECT, SAMPLE_SCHOOLS, SITE_URL
from tests.helpers import article, page
from tests.test_build import text_of

SITES = ["national", *SAMPLE_SCHOOLS]
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri")


def school(programme, slug: str):
    if slug == "national":
        return None
    checked, problems = check_school(SCHOOLS_DIR / slug / "school.yml", programme)
    assert checked is not None, problems
    return checked


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def minutes_of(text: str) -> int:
    """'1 hour', '4.5 hours', '45 minutes' → minutes."""
    number, unit = re.fullmatch(r"([\d.]+) (hours?|minutes?)", text.strip()).groups()
    return round(float(number) * (60 if unit.startswith("hour") else 1))


def rows(table) -> list[list]:
    return [row.select("td") for row in table.select("tbody tr")]


def blocks(site, path: str = "schedule/"):
    return article(page(site, path)).select(".ect-half-term")


def weeks_between(first: dt.date, last: dt.date) -> list[list[dt.date]]:
    """School days (Monday to Friday) week by week, worked out here, not by the pipeline."""
    found: dict[dt.date, list[dt.date]] = {}
    for offset in range((last - first).days + 1):
        date = first + dt.timedelta(days=offset)
        if date.weekday() < 5:
            found.setdefault(date - dt.timedelta(days=date.weekday()), []).append(date)
    return [found[monday] for monday in sorted(found)]


def year_and_position(block) -> tuple[int, str]:
    year, half_term = re.fullmatch(r"year-(\d)-(.+)", block["data-anchor"]).groups()
    return int(year), half_term


# ---- each sample school has its dates and its schedule ------------------------------------------------


@pytest.mark.parametrize("slug", SITES)
def test_every_site_has_a_schedule_with_dated_half_terms_in_order(built, programme, slug):
    found = blocks(built[slug])
    checked = school(programme, slug)
    start = checked.planning.ect_starts.year if checked and checked.planning else 1
    assert len(found) == 6 * (3 - start)
    days = [(day(b["data-starts"]), day(b["data-ends"])) for b in found]
    assert all(first <= last for first, last in days)
    assert all(last < later for (_, last), (later, _) in zip(days, days[1:]))
    assert all(first.weekday() < 5 and last.weekday() < 5 for first, last in days)


def test_the_schools_own_term_dates_are_used_and_the_default_pattern_is_stated(built, programme):
    oakfield = school(programme, "oakfield-primary").planning.term_dates
    found = blocks(built["oakfield-primary"])[:6]
    assert [(b["data-starts"], b["data-ends"]) for b in found] == [(t.first_day, t.last_day) for t in oakfield]
    northgate = school(programme, "northgate-academy").planning.term_dates
    found = blocks(built["northgate-academy"])
    assert [(b["data-starts"], b["data-ends"]) for b in found] == [(t.first_day, t.last_day) for t in northgate]
    # Brookside gives no term dates: the typical pattern, stated with its figures from content/school-year.yml
    text = text_of(article(page(built["brookside-school"], "schedule/")))
    pattern = programme.school_year
    assert "typical pattern for schools in England" in text
    weeks = pattern.teaching_weeks
    assert f"half terms of {', '.join(map(str, weeks[:-1]))} and {weeks[-1]} weeks" in text
    first = day(blocks(built["brookside-school"])[0]["data-starts"])
    assert first.month == 9 and first.day <= 7 and first.weekday() < 5
    assert "Brookside School's own" not in text
    assert "Term dates for 2026-27 are Oakfield Primary School's own" in text_of(
        article(page(built["oakfield-primary"], "schedule/")))


@pytest.mark.parametrize("slug", SITES)
def test_each_half_term_follows_the_sequence_rules(built, programme, slug):
    checked = school(programme, slug)
    order = list(checked.module_order if checked else programme.info.default_module_order)
    by_year: dict[int, list] = {}
    for block in blocks(built[slug]):
        by_year.setdefault(year_and_position(block)[0], []).append(block)
    for year, found in by_year.items():
        by_label = {m.label: m.code for m in programme.modules}  # labels as the provider numbers its modules
        modules = [by_label[b["data-label"].split(": ", 1)[1]] for b in found]
        assert modules == order  # module A first, then the school's order, one module a half term
        if year == 1:  # seminars keep their fixed order; fewer electives in the first half term
            seminars = [li for b in found for li in text_of(b).split("Seminar: ")[1:]]
            assert [s.split(" (")[0] for s in seminars] == [s.title for s in programme.year(1).seminars]
            intro = [re.search(r"takes (\d) of the five electives", text_of(b)).group(1) for b in found]
            data = programme.year(1)
            assert intro == [str(data.electives_in_autumn_1)] + [str(data.electives_to_take)] * 5


@pytest.mark.parametrize("slug", SITES)
def test_mentor_meetings_fall_weekly_in_year_1_and_by_the_pattern_in_year_2(built, programme, slug):
    checked = school(programme, slug)
    meeting_day = checked.planning.meeting_day if checked and checked.planning else None
    pattern = [m.week for m in programme.year(2).meetings.per_half_term]
    for block in blocks(built[slug]):
        year, _ = year_and_position(block)
        weeks = weeks_between(day(block["data-starts"]), day(block["data-ends"]))
        table = block.select_one(f"h4#{block['data-anchor']}-meetings").find_next("table")
        found = [(int(text_of(cells[0])), text_of(cells[1]), minutes_of(text_of(cells[3]))) for cells in rows(table)]
        expected = list(range(1, len(weeks) + 1)) if year == 1 else [min(w, len(weeks)) for w in pattern]
        assert [week for week, _, _ in found] == expected
        mentoring = next(c for c in programme.year(year).time_commitments if c.counts_as == "mentoring")
        assert {minutes for _, _, minutes in found} == {mentoring.in_minutes}
        for week, date_text, _ in found:
            dated = dt.datetime.strptime(date_text, "%a %d %b %Y").date()
            assert dated in weeks[week - 1]
            if meeting_day:
                wanted = WEEKDAYS.index(meeting_day[:3])
                assert dated.weekday() == wanted or wanted not in [d.weekday() for d in weeks[week - 1]]


@pytest.mark.parametrize("slug", SITES)
def test_each_half_terms_time_adds_up_from_the_data(built, programme, slug):
    checked = school(programme, slug)
    hours = (checked.planning.timetable_hours if checked and checked.planning and checked.planning.timetable_hours
             else programme.school_year.full_timetable_hours)
    soup = article(page(built[slug], "schedule/"))
    budget_rows = {cells[0].a["href"].lstrip("#"): cells for cells in rows(soup.select("table")[0]) if cells[0].a}
    for block in blocks(built[slug]):
        year, _ = year_and_position(block)
        anchor = block["data-anchor"]
        studies = block.select_one(f"h4#{anchor}-studies").find_next("table")
        asked = 0
        for cells in rows(studies):
            link = cells[0].select_one("a[href*='self-studies/']")
            if link:  # a published study: the page shows the study's own minutes
                study_id = link["href"].rstrip("/").rsplit("/", 1)[-1]
                assert int(text_of(cells[1])) == programme.self_studies[study_id].minutes
            if text_of(cells[2]) == "counted":
                asked += int(text_of(cells[1]))
        meetings = block.select_one(f"h4#{anchor}-meetings").find_next("table")
        asked += sum(minutes_of(text_of(cells[3])) for cells in rows(meetings))
        also = block.select_one(f"h4#{anchor}-also")
        if also:
            asked += sum(minutes_of(re.search(r"\(([\d.]+ (?:hours?|minutes?))\)", text_of(li)).group(1))
                         for li in also.find_next("ul").select("li"))
        cells = budget_rows[anchor]
        school_days = int(text_of(cells[1]).split()[0])
        assert school_days == sum(len(w) for w in weeks_between(day(block["data-starts"]), day(block["data-ends"])))
        share = Fraction(100 - programme.year(year).timetable_limit_percent, 100)
        entitled = round(share * Fraction(str(hours)) * 60 * Fraction(school_days, 5))
        assert text_of(cells[2]) == hours_text(asked), anchor
        assert text_of(cells[3]) == hours_text(entitled), anchor
        assert ("over by" in text_of(cells[4])) == (asked > entitled), anchor


# ---- the calendar feeds ---------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SITES)
def test_the_calendar_feeds_hold_every_dated_item_and_link_to_pages(built, slug):
    site = built[slug]
    soup = article(page(site, "schedule/"))
    feeds = [a["href"] for a in soup.select("a[href$='.ics']")]
    assert feeds and all((site / "schedule" / href).is_file() for href in feeds)
    whole = icalendar.Calendar.from_ical((site / "schedule" / feeds[0]).read_bytes())
    events = whole.walk("VEVENT")
    found = blocks(site)
    modules = [e for e in events if str(e["SUMMARY"]).startswith("Module ")]
    assert [(e.decoded("DTSTART"), e.decoded("DTEND")) for e in modules] == [
        (day(b["data-starts"]), day(b["data-ends"]) + dt.timedelta(days=1)) for b in found]
    meeting_rows = [cells for b in found
                    for cells in rows(b.select_one(f"h4#{b['data-anchor']}-meetings").find_next("table"))]
    meetings = [e for e in events if str(e["SUMMARY"]).startswith("Mentor meeting")]
    assert len(meetings) == len(meeting_rows)
    assert [e.decoded("DTSTART") for e in meetings] == sorted(e.decoded("DTSTART") for e in meetings)
    assert len({str(e["UID"]) for e in events}) == len(events)
    for event in events:
        url = str(event["URL"])
        assert url.startswith(f"{SITE_URL}{slug}/")
        assert (site / urlsplit(url).path.removeprefix(f"/{slug}/") / "index.html").is_file(), url
    if len(feeds) > 1:  # one feed per year as well: together, the whole
        per_year = [str(e["UID"]) for href in feeds[1:]
                    for e in icalendar.Calendar.from_ical((site / "schedule" / href).read_bytes()).walk("VEVENT")]
        assert sorted(per_year) == sorted(str(e["UID"]) for e in events)


def test_without_a_site_url_the_page_says_what_the_calendar_lacks():
    sp, _ = prepare(DEFAULT_CONTENT, SCHOOLS_DIR / "oakfield-primary" / "school.yml")
    site = render_site(sp, read_docs(DOCS_DIR))
    assert "built without its web address" in site.page("schedule/index.md").markdown
    feeds = {file.src: file.data for file in site.files}
    calendar = icalendar.Calendar.from_ical(feeds["schedule/oakfield-primary-schedule.ics"])
    assert all("URL" not in event for event in calendar.walk("VEVENT"))


# ---- where the plan goes over --------------------------------------------------------------------------


def test_a_plan_over_its_time_is_said_on_the_page_in_the_report_and_by_check(built, programme):
    soup = article(page(built["brookside-school"], "schedule/"))
    warning = soup.select_one(".admonition.warning")
    over = [cells for cells in rows(soup.select("table")[0]) if "over by" in text_of(cells[4]) and cells[0].a]
    assert warning and over
    for cells in over:
        assert f"{text_of(cells[0])}: over by" in text_of(warning)
    sp, problems = prepare(DEFAULT_CONTENT, SCHOOLS_DIR / "brookside-school" / "school.yml")
    report = contextualisation_report(sp, problems)
    section = report.split("## Schedule and time budget")[1].split("## Warnings")[0]
    assert all(f"- {text_of(cells[0])}: over by" in section for cells in over)
    run = subprocess.run([sys.executable, "scripts/check.py", "--school", "brookside-school"], cwd=PROJECT,
                         capture_output=True, text=True)
    assert run.returncode == 0
    warned = [line for line in run.stdout.splitlines() if "warning:" in line and "off timetable" in line]
    assert len(warned) == len(over)
    assert all(line.startswith("schools/brookside-school/school.yml:") for line in warned)


def test_changing_a_studys_minutes_changes_the_budget_in_the_next_build(tmp_path, content_copy, programme):
    study = next(s for s in programme.self_studies.values() if s.kind == "core" and s.year == 1 and s.module == "A")
    path = content_copy / "self-studies" / f"{study.id}.md"
    target, slug = tmp_path / "oakfield-primary", "oakfield-primary"

    def autumn_1() -> tuple[str, str]:
        assert build_site(target, slug, content_dir=content_copy, site_url=f"{SITE_URL}{slug}/").ok
        soup = article(page(target, "schedule/"))
        cells = next(c for c in rows(soup.select("table")[0]) if c[0].a and c[0].a["href"] == "#year-1-autumn-1")
        core = next(c for c in rows(soup.select_one("h4#year-1-autumn-1-studies").find_next("table"))
                    if c[0].select_one(f"a[href*='{study.id}']"))
        return text_of(cells[2]), text_of(core[1])

    before = autumn_1()
    text = path.read_text(encoding="utf-8")
    first_section = study.sections[0]
    text = text.replace(f"minutes: {study.minutes}\n", f"minutes: {study.minutes + 30}\n", 1)
    section_minutes = first_section.minutes.low  # a single number: the sample's first sections are not ranges
    assert first_section.minutes.high == section_minutes
    text = re.sub(rf"(id: {first_section.id},.*?minutes: ){section_minutes}\b",
                  rf"\g<1>{section_minutes + 30}", text, count=1)
    path.write_text(text, encoding="utf-8")
    after = autumn_1()
    assert after[1] == str(study.minutes + 30) and before[1] == str(study.minutes)
    assert minutes_of(after[0]) - minutes_of(before[0]) == 30


# ---- the progress page ----------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["national", "oakfield-primary"])
def test_the_progress_page_shows_each_half_terms_studies_with_their_ticks(built, programme, slug):
    schedule_blocks = blocks(built[slug])
    progress = blocks(built[slug], "progress/")
    assert [(b["data-starts"], b["data-ends"], b["data-label"]) for b in progress] == [
        (b["data-starts"], b["data-ends"], b["data-label"]) for b in schedule_blocks]
    soup = article(page(built[slug], "progress/"))
    assert soup.select_one("[data-this-half-term]")
    for block in progress:
        for cells in rows(block.select_one("table")):
            link = cells[0].select_one("a[href*='self-studies/']")
            if link:
                study_id = link["href"].rstrip("/").rsplit("/", 1)[-1]
                assert cells[1].select_one(f"[data-study-progress='{study_id}']")
            else:
                assert text_of(cells[1]) == "Not yet published"
    assert school_year_of(day(progress[0]["data-starts"])) >= 2026
