"""The schedule and the time budget as a pure function, on the fixture programme (tests/fixtures/).

Dates, order, counts and sums are checked against the rules in the programme's data (years.yml,
school-year.yml, the studies' minutes), never against numbers typed here where the data has them.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path

import icalendar
import pytest

from pipeline import check_programme, model, prepare
from pipeline.render.calendar import calendar_files
from pipeline.schedule import (
    HALF_TERMS,
    amount_text,
    for_school,
    hours_text,
    meeting_date,
    parse_school_year,
    plan,
    typical_dates,
)
from pipeline.validate.school import validate_school

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL = FIXTURES / "programmes" / "minimal"
TEST_SCHOOL = FIXTURES / "schools" / "test-school" / "school.yml"
ORDER = ("A", "C", "B", "E", "D", "F")


@pytest.fixture(scope="module")
def minimal() -> model.Programme:
    programme, problems = check_programme(MINIMAL)
    assert programme is not None, problems
    return programme


def planning(year: int = 1, half_term: str = "Autumn 1", school_year: str = "2026-27", **fields) -> model.Planning:
    return model.Planning(ect_starts=model.EctStart(year=year, half_term=half_term, school_year=school_year), **fields)


def with_study_minutes(programme: model.Programme, study_id: str, minutes: int) -> model.Programme:
    study = programme.self_studies[study_id]
    return programme.model_copy(update={"self_studies": {**programme.self_studies,
                                                         study_id: study.model_copy(update={"minutes": minutes})}})


def with_year(programme: model.Programme, number: int, **changes) -> model.Programme:
    years = tuple(y.model_copy(update=changes) if y.number == number else y for y in programme.years)
    return programme.model_copy(update={"years": years})


# ---- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("school_year", range(2024, 2036))
def test_the_typical_pattern_follows_school_year_yml(minimal, school_year):
    pattern = minimal.school_year
    dates = typical_dates(pattern, school_year)
    assert [d.name for d in dates] == list(HALF_TERMS)
    september_1 = dt.date(school_year, 9, 1)
    # the week of 1 September, or the week after when it falls on a Friday or a weekend
    expected = september_1 if september_1.weekday() < 4 else september_1 + dt.timedelta(7 - september_1.weekday())
    assert dates[0].first_day == expected
    assert [len(d.weeks()) for d in dates] == pattern.teaching_weeks
    assert all(d.last_day.weekday() == 4 for d in dates)
    assert all(d.first_day.weekday() == 0 for d in dates[1:])
    gaps = [(later.first_day - earlier.last_day).days for earlier, later in zip(dates, dates[1:])]
    assert gaps == [3 + 7 * weeks for weeks in pattern.holiday_weeks]


def test_school_years_are_written_as_the_two_years_they_span():
    assert parse_school_year("2026-27") == 2026
    assert parse_school_year("2097-98") == 2097
    assert [parse_school_year(text) for text in ("2026/27", "2026-28", "2026", "26-27", "2026-2027", "9999-00",
                                                 "1999-00")] == [None] * 7


def test_meetings_are_dated_on_the_schools_day_or_the_next_school_day_that_week():
    week = [dt.date(2026, 9, 2), dt.date(2026, 9, 3), dt.date(2026, 9, 4)]  # Wednesday to Friday
    assert meeting_date(week, None) == week[0]
    assert meeting_date(week, "Thursday") == week[1]
    assert meeting_date(week, "Monday") == week[0]  # Monday is not a school day that week: the next one
    assert meeting_date(week[:1], "Friday") == week[0]  # nothing after Wednesday: the week's last school day


# ---- the sequence rules (DOMAIN.md §2) ----------------------------------------------------------------------


def test_the_schedule_follows_the_sequence_rules(minimal):
    schedule = plan(minimal, ORDER, None)
    assert schedule.years == (1, 2) and len(schedule.half_terms) == 12
    for year in (1, 2):
        assert tuple(h.module.code for h in schedule.for_year(year)) == ORDER  # module A first, the school's order
        assert [h.dates.name for h in schedule.for_year(year)] == list(HALF_TERMS)
    days = [(h.dates.first_day, h.dates.last_day) for h in schedule.half_terms]
    assert all(first <= last < later for (first, last), (later, _) in zip(days, days[1:]))
    year_1 = minimal.year(1)
    # a core study and electives per module, fewer in the first half term
    assert [h.electives_to_take for h in schedule.for_year(1)] == [year_1.electives_in_autumn_1] + [
        year_1.electives_to_take] * 5
    for half_term in schedule.for_year(1):
        kinds = [s.kind for s in half_term.studies]
        assert kinds == ["core", "diagnostic"] + ["elective"] * 5
        assert sum(s.counted for s in half_term.studies if s.kind == "elective") == half_term.electives_to_take
    assert all(h.electives_to_take is None and [s.kind for s in h.studies] == ["self-study", "diagnostic"]
               for h in schedule.for_year(2))
    # seminars keep their fixed order, whatever the module order
    seminars = [a.title for h in schedule.for_year(1) for a in h.activities if a.kind == "seminar"]
    assert seminars == [f"Seminar: {title}" for title in (s.title for s in year_1.seminars)]


def test_year_1_meets_every_week_and_year_2_every_other_week(minimal):
    schedule = plan(minimal, ORDER, planning(meeting_day="Wednesday"))
    mentoring = {y: next(c for c in minimal.year(y).time_commitments if c.counts_as == "mentoring") for y in (1, 2)}
    for half_term in schedule.half_terms:
        weeks = half_term.dates.weeks()
        expected = range(1, len(weeks) + 1, 1 if half_term.year == 1 else 2)  # weekly; fortnightly, no pattern
        assert [m.week for m in half_term.meetings] == list(expected)
        for meeting in half_term.meetings:
            assert meeting.day in weeks[meeting.week - 1]
            assert meeting.day.weekday() == 2 or 2 not in [d.weekday() for d in weeks[meeting.week - 1]]
            assert meeting.minutes == mentoring[half_term.year].in_minutes


def test_a_weekly_session_is_named_in_its_week_of_its_module(minimal):
    session = next(iter(minimal.mentor_sessions.values()))
    schedule = plan(minimal, ORDER, None)
    half_term = next(h for h in schedule.for_year(1) if h.module.code == session.module)
    meeting = half_term.meetings[session.week - 1]
    assert (meeting.title, meeting.session_id) == (session.title, session.id)
    assert all(m.session_id is None for h in schedule.half_terms for m in h.meetings if m is not meeting)


def test_a_session_after_a_short_half_terms_end_is_noted(minimal):
    session = next(iter(minimal.mentor_sessions.values()))
    late = session.model_copy(update={"week": 8})
    programme = minimal.model_copy(update={"mentor_sessions": {session.id: late}})
    schedule = plan(programme, ORDER, None)
    half_term = next(h for h in schedule.for_year(1) if h.module.code == session.module)
    assert len(half_term.dates.weeks()) < 8
    assert [f"week 8 ({session.title})" in note for note in half_term.notes] == [True]


def test_year_2_meetings_follow_the_pattern_and_a_late_week_moves_into_the_half_term(minimal):
    meetings = model.MeetingPattern(frequency="fortnightly", per_half_term=[
        model.Meeting(week=1, title="First"), model.Meeting(week=3, title="Second"),
        model.Meeting(week=6, title="Last")])
    schedule = plan(with_year(minimal, 2, meetings=meetings), ORDER, None)
    for half_term in schedule.for_year(2):
        weeks = len(half_term.dates.weeks())
        assert [m.title for m in half_term.meetings] == ["First", "Second", "Last"]
        assert [m.week for m in half_term.meetings] == [1, 3, min(6, weeks)]
        assert bool(half_term.notes) == (weeks < 6)
    short = next(h for h in schedule.for_year(2) if len(h.dates.weeks()) < 6)
    assert short.meetings[-1].pattern_week == 6 and "belongs in week 6" in short.notes[0]


def test_an_ect_who_joins_late_still_takes_module_a_first(minimal):
    schedule = plan(minimal, ORDER, planning(half_term="Spring 1"))
    year_1 = schedule.for_year(1)
    assert [h.dates.name for h in year_1] == ["Spring 1", "Spring 2", "Summer 1", "Summer 2", "Autumn 1", "Autumn 2"]
    assert [h.dates.school_year for h in year_1] == [2026] * 4 + [2027] * 2
    assert tuple(h.module.code for h in year_1) == ORDER
    assert year_1[0].electives_to_take == minimal.year(1).electives_in_autumn_1
    first_seminar = minimal.year(1).seminars[0].title
    assert [a.title for a in year_1[0].activities if a.kind == "seminar"] == [f"Seminar: {first_seminar}"]
    # the year's one-off induction falls in its first half term; a webinar in the term it belongs to
    assert [h.position for h in year_1 if any(a.kind == "induction" for a in h.activities)] == [0]
    webinars = [(h.dates.name, a.title) for h in year_1 for a in h.activities if a.kind == "webinar"]
    autumn = next(w.title for w in minimal.year(1).webinars if w.term == "Autumn")
    # termly, in each term's second half term (years.yml); named from the term's webinar where the data has one
    assert webinars == [("Spring 2", "Expert webinar"), ("Summer 2", "Expert webinar"),
                        ("Autumn 2", f"Expert webinar: {autumn}")]
    assert schedule.for_year(2)[0].dates.name == "Spring 1" and schedule.for_year(2)[0].dates.school_year == 2027


def test_an_ect_starting_year_2_has_one_year_to_plan(minimal):
    schedule = plan(minimal, ORDER, planning(year=2))
    assert schedule.years == (2,) and len(schedule.half_terms) == 6


def test_the_schools_own_dates_are_used_and_the_typical_pattern_fills_the_rest(minimal):
    sp, _ = prepare(MINIMAL, TEST_SCHOOL)
    schedule = for_school(sp)
    own = sp.school.planning.term_dates
    year_1 = schedule.for_year(1)
    assert [(h.dates.first_day.isoformat(), h.dates.last_day.isoformat()) for h in year_1] == [
        (t.first_day, t.last_day) for t in own]
    assert all(h.dates.from_school for h in year_1)
    assert schedule.typical_school_years == (2027,)
    assert [h.dates for h in schedule.for_year(2)] == typical_dates(minimal.school_year, 2027)


# ---- the time budget -------------------------------------------------------------------------------------


def test_the_budget_adds_up_what_the_schedule_asks(minimal):
    schedule = plan(minimal, ORDER, planning(timetable_hours=27.5))
    for half_term in schedule.half_terms:
        budget = half_term.budget
        asked = (sum(m.minutes for m in half_term.meetings) + sum(s.minutes for s in half_term.studies if s.counted)
                 + sum(a.minutes for a in half_term.activities))
        assert budget.ect_minutes == asked
        share = Fraction(100 - minimal.year(half_term.year).timetable_limit_percent, 100)
        days = len(half_term.dates.school_days())
        assert budget.entitled == round(share * Fraction(55, 2) * 60 * Fraction(days, 5))
        assert budget.over == max(0, asked - budget.entitled)
        mentor = sum(m.minutes for m in half_term.meetings) + sum(s.mentor_minutes for s in half_term.studies)
        assert budget.mentor_minutes == mentor


def test_the_budget_counts_each_studys_own_minutes(minimal):
    core = next(s for s in minimal.self_studies.values() if s.kind == "core" and s.year == 1)
    before = plan(minimal, ORDER, None)
    after = plan(with_study_minutes(minimal, core.id, core.minutes + 50), ORDER, None)
    changed = [(b.budget.ect_minutes, a.budget.ect_minutes) for b, a in zip(before.half_terms, after.half_terms)
               if b.budget.ect_minutes != a.budget.ect_minutes]
    assert changed == [(before.half_terms[ORDER.index(core.module)].budget.ect_minutes,
                        before.half_terms[ORDER.index(core.module)].budget.ect_minutes + 50)]


def test_of_the_electives_the_budget_counts_the_longest(minimal):
    elective = next(s for s in minimal.self_studies.values() if s.kind == "elective")
    default = minimal.year(1).elective_minutes
    short = plan(with_study_minutes(minimal, elective.id, default - 5), ORDER, None)
    long = plan(with_study_minutes(minimal, elective.id, default + 5), ORDER, None)
    position = ORDER.index(elective.module)

    def counted(schedule):
        return [s.number for s in schedule.half_terms[position].studies if s.kind == "elective" and s.counted]

    assert elective.number not in counted(short)
    assert elective.number in counted(long)
    assert long.half_terms[position].budget.ect_minutes - short.half_terms[position].budget.ect_minutes == (
        (default + 5) - default)
    mentor_page = minimal.mentor_page_for(elective.id)
    item = next(s for s in long.half_terms[position].studies if s.number == elective.number)
    assert (item.mentor_page, item.mentor_minutes) == (mentor_page.id, mentor_page.minutes)


def test_a_short_timetable_goes_over_and_says_by_how_much(minimal):
    schedule = plan(minimal, ORDER, planning(timetable_hours=5))
    assert schedule.over
    for half_term in schedule.over:
        assert half_term.budget.over == half_term.budget.ect_minutes - half_term.budget.entitled > 0


def test_figures_are_said_as_readers_say_them():
    assert [hours_text(m) for m in (60, 90, 1053, 675, 3)] == ["1 hour", "1.5 hours", "17.6 hours", "11.3 hours",
                                                                "0.1 hours"]
    assert [amount_text(m) for m in (1, 30, 59, 60, 117)] == ["1 minute", "30 minutes", "59 minutes", "1 hour",
                                                              "2 hours"]


# ---- validation: what the school writes ------------------------------------------------------------------


def test_an_unfinished_school_year_of_term_dates_is_named(tmp_path, minimal):
    folder = tmp_path / "test-school"
    folder.mkdir()
    (folder / "school.yml").write_text(
        "name: Test School\nphases: [primary]\nplanning:\n"
        "  ect_starts: {year: 1, half_term: Autumn 1, school_year: 2026-27}\n  term_dates:\n"
        "    - {half_term: Autumn 1, first_day: 2026-09-02, last_day: 2026-10-23}\n"
        "    - {half_term: Autumn 2, first_day: 2026-11-02, last_day: 2026-12-18}\n")
    school, problems = validate_school(folder / "school.yml", minimal)
    assert school is None
    assert [f"{p.line}: {p.field}: {p.message}" for p in problems] == [
        "7: planning.term_dates: the last school year has 2 of its 6 half terms"]


# ---- the calendar feed --------------------------------------------------------------------------------


def test_the_calendar_has_every_dated_item_with_fixed_uids_and_links(minimal):
    sp, _ = prepare(MINIMAL, TEST_SCHOOL)
    schedule = for_school(sp)
    files = calendar_files(sp, schedule, "https://ect.example.org/test-school/")
    assert files == calendar_files(sp, schedule, "https://ect.example.org/test-school/")  # the same bytes
    assert sorted(files) == ["schedule/test-school-schedule-year-1.ics", "schedule/test-school-schedule-year-2.ics",
                             "schedule/test-school-schedule.ics"]
    whole = icalendar.Calendar.from_ical(files["schedule/test-school-schedule.ics"])
    events = whole.walk("VEVENT")
    assert len(events) == sum(1 + len(h.meetings) for h in schedule.half_terms)
    assert len({str(e["UID"]) for e in events}) == len(events)
    assert {e["DTSTAMP"].dt for e in events} == {dt.datetime(2026, 1, 1, tzinfo=dt.UTC)}  # the edition date
    assert all(str(e["URL"]).startswith("https://ect.example.org/test-school/") for e in events)
    modules = [e for e in events if str(e["SUMMARY"]).startswith("Module ")]
    assert [(e.decoded("DTSTART"), e.decoded("DTEND") - dt.timedelta(days=1)) for e in modules] == [
        (h.dates.first_day, h.dates.last_day) for h in schedule.half_terms]
    meetings = sorted(e.decoded("DTSTART") for e in events if str(e["SUMMARY"]).startswith("Mentor meeting"))
    assert meetings == [m.day for h in schedule.half_terms for m in h.meetings]
    per_year = [icalendar.Calendar.from_ical(files[f"schedule/test-school-schedule-year-{y}.ics"]).walk("VEVENT")
                for y in (1, 2)]
    assert sorted(str(e["UID"]) for year in per_year for e in year) == sorted(str(e["UID"]) for e in events)


def test_without_the_sites_address_events_name_their_pages(minimal):
    sp, _ = prepare(MINIMAL, TEST_SCHOOL)
    files = calendar_files(sp, for_school(sp), None)
    events = icalendar.Calendar.from_ical(files["schedule/test-school-schedule.ics"]).walk("VEVENT")
    assert all("URL" not in event for event in events)
    assert all("On the site: " in str(event["DESCRIPTION"]) for event in events)
