"""The ECT's induction laid out in dates, and the time it asks: pure, no files, no engine.

`plan` takes the programme, the school's module order and its planning (school.yml: the ECT's start,
term dates, timetable) and gives every half term of the ECT's induction: its dates, its module, the
self-studies with their minutes, the mentor meetings with their weeks and dates, the seminar and
webinar, and the time budget. Every rule and figure comes from the programme's data: years.yml (time
commitments with what each counts as, the share of the timetable an ECT teaches, meetings, seminars,
webinars), modules.yml, each study's own `minutes`, and school-year.yml (a typical school year in England).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from pipeline import model
from pipeline.contextualise import SchoolProgramme

HALF_TERMS = model.HALF_TERM_NAMES
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ONE_DAY = dt.timedelta(days=1)


# ---- dates ------------------------------------------------------------------------------------


def parse_school_year(text: str) -> int | None:
    """'2026-27' → 2026 (the calendar year it starts in); None when it is not written that way, or is not a
    school year of this century (whose two years of induction the calendar can hold)."""
    first, dash, second = text.strip().partition("-")
    if not (dash and first.isdigit() and second.isdigit() and len(first) == 4 and len(second) == 2):
        return None
    year = int(first)
    return year if (year + 1) % 100 == int(second) and 2000 <= year <= 2097 else None


def school_year_text(year: int) -> str:
    return f"{year}-{(year + 1) % 100:02d}"


def parse_date(text: str) -> dt.date | None:
    """A date written YYYY-MM-DD, or None."""
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 and text[4] == "-" and text[7] == "-" else None
    except ValueError:
        return None


def school_year_of(day: dt.date) -> int:
    """The school year a date belongs to: from August, the year starting then."""
    return day.year if day.month >= 8 else day.year - 1


@dataclass(frozen=True)
class HalfTermDates:
    name: str  # Autumn 1 … Summer 2
    school_year: int  # the calendar year the school year starts in: 2026 for 2026-27
    first_day: dt.date
    last_day: dt.date
    from_school: bool  # the school's own dates, or the typical pattern

    @property
    def term(self) -> str:
        return self.name.split()[0]

    @property
    def half(self) -> int:
        """1 for the first half term of its term, 2 for the second."""
        return 1 + HALF_TERMS.index(self.name) % 2

    def school_days(self) -> list[dt.date]:
        """Every weekday from the first day to the last (bank holidays are not known here)."""
        days, day = [], self.first_day
        while day <= self.last_day:
            if day.weekday() < 5:
                days.append(day)
            day += ONE_DAY
        return days

    def weeks(self) -> list[list[dt.date]]:
        """The school days, week by week (Monday to Friday); a part week counts as a week."""
        weeks: dict[dt.date, list[dt.date]] = {}
        for day in self.school_days():
            weeks.setdefault(day - dt.timedelta(days=day.weekday()), []).append(day)
        return [weeks[monday] for monday in sorted(weeks)]


def first_monday(school_year: int) -> dt.date:
    """The Monday of the school year's first week: the week of 1 September, or the week after when
    1 September is a Friday, Saturday or Sunday."""
    first = dt.date(school_year, 9, 1)
    monday = first - dt.timedelta(days=first.weekday())
    return monday + dt.timedelta(weeks=1) if first.weekday() >= 4 else monday


def typical_dates(pattern: model.SchoolYearPattern, school_year: int) -> list[HalfTermDates]:
    """The six half terms of a school year in the typical pattern (school-year.yml)."""
    monday = first_monday(school_year)
    half_terms = []
    for index, name in enumerate(HALF_TERMS):
        weeks = pattern.teaching_weeks[index]
        first = max(monday, dt.date(school_year, 9, 1)) if index == 0 else monday
        last = monday + dt.timedelta(weeks=weeks, days=-3)  # the Friday of its last week
        half_terms.append(HalfTermDates(name, school_year, first, last, from_school=False))
        monday += dt.timedelta(weeks=weeks + (pattern.holiday_weeks[index] if index < 5 else 0))
    return half_terms


def school_dates(term_dates: list[model.TermDates]) -> dict[int, list[HalfTermDates]]:
    """A school's own term dates (already checked: whole school years, in order), by school year."""
    years: dict[int, list[HalfTermDates]] = {}
    for start in range(0, len(term_dates) - len(term_dates) % 6, 6):
        group = term_dates[start:start + 6]
        days = [(parse_date(t.first_day), parse_date(t.last_day)) for t in group]
        if any(first is None or last is None for first, last in days):
            continue
        year = school_year_of(days[0][0])
        years[year] = [HalfTermDates(t.half_term, year, first, last, from_school=True)
                       for t, (first, last) in zip(group, days)]
    return years


# ---- what each half term holds ------------------------------------------------------------------


@dataclass(frozen=True)
class StudyItem:
    title: str
    kind: str  # "core", "diagnostic", "elective" or "self-study" (year 2)
    minutes: int  # the study's stated total (or the year's estimate while it is not yet published)
    study_id: str | None = None  # None: not published (yet), or the diagnostic
    number: int | None = None  # an elective's number
    counted: bool = True  # counted in the time budget
    mentor_minutes: int = 0  # the mentor's reading of its mentor support, when counted
    mentor_page: str | None = None


@dataclass(frozen=True)
class Meeting:
    week: int  # the week of the half term it falls in
    day: dt.date
    title: str
    minutes: int
    session_id: str | None = None  # the programme's weekly session for this module and week
    pattern_week: int | None = None  # the week the programme puts it in, when that is after the half term


@dataclass(frozen=True)
class Activity:
    kind: str  # counts_as: seminar, webinar, subject-and-phase-session, induction
    title: str
    minutes: int


@dataclass(frozen=True)
class Budget:
    ect: tuple[tuple[str, int], ...]  # what the ECT's time is made of: (what, minutes)
    mentor: tuple[tuple[str, int], ...]
    entitled: int  # minutes off timetable this half term
    off_timetable_percent: int
    timetable_hours: float
    school_days: int

    @property
    def ect_minutes(self) -> int:
        return sum(minutes for _, minutes in self.ect)

    @property
    def mentor_minutes(self) -> int:
        return sum(minutes for _, minutes in self.mentor)

    @property
    def over(self) -> int:
        """Minutes the ECT's time goes beyond the time off timetable (0 when it fits)."""
        return max(0, self.ect_minutes - self.entitled)


@dataclass(frozen=True)
class HalfTermPlan:
    year: int  # the year of induction, 1 or 2
    position: int  # 0–5: the ECT's half term within that year
    dates: HalfTermDates
    module: model.Module
    studies: tuple[StudyItem, ...]
    electives_to_take: int | None
    meetings: tuple[Meeting, ...]
    activities: tuple[Activity, ...]
    budget: Budget
    notes: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        return f"year-{self.year}-{self.dates.name.lower().replace(' ', '-')}"

    @property
    def label(self) -> str:
        return f"Year {self.year}, {self.dates.name} {school_year_text(self.dates.school_year)}"


@dataclass(frozen=True)
class Schedule:
    half_terms: tuple[HalfTermPlan, ...]
    start: model.EctStart
    timetable_hours: float
    timetable_from_school: bool
    meeting_day: str | None
    pattern: model.SchoolYearPattern
    planned_by_school: bool  # the school gave a planning block

    def for_year(self, year: int) -> tuple[HalfTermPlan, ...]:
        return tuple(h for h in self.half_terms if h.year == year)

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({h.year for h in self.half_terms}))

    @property
    def typical_school_years(self) -> tuple[int, ...]:
        """School years laid out with the typical pattern, not the school's dates."""
        return tuple(sorted({h.dates.school_year for h in self.half_terms if not h.dates.from_school}))

    @property
    def over(self) -> tuple[HalfTermPlan, ...]:
        return tuple(h for h in self.half_terms if h.budget.over)


# ---- the plan -----------------------------------------------------------------------------------


def default_start(programme: model.Programme) -> model.EctStart:
    """An ECT starting year 1 in Autumn 1 of the school year of the programme's edition."""
    edition = parse_date(programme.info.edition_date) or dt.date(2026, 9, 1)
    return model.EctStart(year=1, half_term="Autumn 1", school_year=school_year_text(school_year_of(edition)))


def calendar(start: model.EctStart, own: dict[int, list[HalfTermDates]],
             pattern: model.SchoolYearPattern) -> list[tuple[int, int, HalfTermDates]]:
    """(year of induction, position in it, dates) for every half term from the ECT's start to the end."""
    first_year = parse_school_year(start.school_year) or 0
    begin = HALF_TERMS.index(start.half_term)
    found = []
    for step in range(6 * (3 - start.year)):
        school_year, index = first_year + (begin + step) // 6, (begin + step) % 6
        dates = own.get(school_year) or typical_dates(pattern, school_year)
        found.append((start.year + step // 6, step % 6, dates[index]))
    return found


def plan(programme: model.Programme, module_order: tuple[str, ...] | list[str],
         planning: model.Planning | None) -> Schedule:
    """The school's schedule: every half term of the ECT's induction, from the programme's data."""
    start = planning.ect_starts if planning else default_start(programme)
    own = school_dates(planning.term_dates) if planning else {}
    hours = planning.timetable_hours if planning and planning.timetable_hours else None
    timetable = hours or programme.school_year.full_timetable_hours
    meeting_day = planning.meeting_day if planning else None
    half_terms = []
    for year_number, position, dates in calendar(start, own, programme.school_year):
        year = programme.year(year_number)
        module = programme.module(module_order[position])
        studies, to_take = _studies(programme, year, module, position)
        meetings, notes = _meetings(programme, year, module, dates, meeting_day)
        activities = _activities(year, dates, position)
        budget = _budget(year, dates, timetable, studies, meetings, activities)
        half_terms.append(HalfTermPlan(year_number, position, dates, module, studies, to_take, meetings,
                                       activities, budget, notes))
    return Schedule(tuple(half_terms), start, timetable, hours is not None, meeting_day, programme.school_year,
                    planning is not None)


def for_school(sp: SchoolProgramme) -> Schedule:
    """The schedule of a school's site (the national site: an example with the programme's defaults)."""
    planning = sp.school.planning if sp.school else None
    return plan(sp.programme, tuple(module.code for module in sp.module_order), planning)


def commitment(year: model.Year, kind: str) -> model.TimeCommitment | None:
    return next((c for c in year.time_commitments if c.counts_as == kind), None)


def _mentor_minutes(programme: model.Programme, year: model.Year, study: model.SelfStudy | None) -> int:
    page = programme.mentor_page_for(study.id) if study else None
    return page.minutes if page else (year.mentor_support_minutes or 0)


def _studies(programme: model.Programme, year: model.Year, module: model.Module,
             position: int) -> tuple[tuple[StudyItem, ...], int | None]:
    """The module's studies this year; of its electives, the budget counts as many as the ECT takes, the
    longest, so that it holds whichever they choose."""
    published = programme.studies_for(year.number, module.code)
    core = next((s for s in published if s.kind == "core"), None)
    mentor_page = programme.mentor_page_for(core.id) if core else None
    kind = "core" if year.electives_to_take else "self-study"
    items = [StudyItem(programme.study_title(core) if core else ("Core self-study" if kind == "core" else "Self-study"),
                       kind,
                       core.minutes if core else year.core_minutes, core.id if core else None,
                       mentor_minutes=_mentor_minutes(programme, year, core),
                       mentor_page=mentor_page.id if mentor_page else None),
             StudyItem("Diagnostic", "diagnostic", year.diagnostic_minutes)]
    if not year.electives_to_take:
        return tuple(items), None
    to_take = year.electives_in_autumn_1 if position == 0 and year.electives_in_autumn_1 else year.electives_to_take
    electives = []
    for number, title in enumerate(module.electives, 1):
        study = next((s for s in published if s.kind == "elective" and s.number == number), None)
        electives.append((study.minutes if study else (year.elective_minutes or 0), number, title, study))
    counted = {number for _, number, _, _ in sorted(electives, key=lambda e: (-e[0], e[1]))[:to_take]}
    for minutes, number, title, study in electives:
        page = programme.mentor_page_for(study.id) if study else None
        items.append(StudyItem(title, "elective", minutes, study.id if study else None, number,
                               counted=number in counted,
                               mentor_minutes=_mentor_minutes(programme, year, study) if number in counted else 0,
                               mentor_page=page.id if page else None))
    return tuple(items), to_take


def meeting_date(week: list[dt.date], meeting_day: str | None) -> dt.date:
    """The day a week's meeting is dated on: the school's meeting day, or the next school day after it
    that week, or the week's last; with no meeting day, the week's first school day."""
    if meeting_day is None:
        return week[0]
    wanted = model.WEEKDAY_NAMES.index(meeting_day)
    return next((day for day in week if day.weekday() >= wanted), week[-1])


def _meetings(programme: model.Programme, year: model.Year, module: model.Module, dates: HalfTermDates,
              meeting_day: str | None) -> tuple[tuple[Meeting, ...], tuple[str, ...]]:
    mentoring = commitment(year, "mentoring")
    if mentoring is None or mentoring.frequency not in ("weekly", "fortnightly"):
        return (), ()
    weeks = dates.weeks()
    notes: list[str] = []
    if mentoring.frequency == "weekly":
        sessions = {s.week: s for s in programme.mentor_sessions.values() if s.module == module.code}
        meetings = tuple(Meeting(number, meeting_date(week, meeting_day),
                                 sessions[number].title if number in sessions else "Mentor meeting",
                                 mentoring.in_minutes, sessions[number].id if number in sessions else None)
                         for number, week in enumerate(weeks, 1))
        notes += [f"The weekly session for week {w} ({sessions[w].title}) falls after this half term's "
                  f"{len(weeks)} weeks: bring what matters from it into an earlier meeting."
                  for w in sorted(sessions) if w > len(weeks)]
        return meetings, tuple(notes)
    pattern = ([(m.week, m.title) for m in year.meetings.per_half_term] if year.meetings
               else [(week, "Mentor meeting") for week in range(1, len(weeks) + 1, 2)])
    meetings = []
    for week, title in pattern:
        placed = min(week, len(weeks))
        meetings.append(Meeting(placed, meeting_date(weeks[placed - 1], meeting_day), title, mentoring.in_minutes,
                                pattern_week=week if placed != week else None))
        if placed != week:
            notes.append(f"{title} belongs in week {week}, after this half term's {len(weeks)} weeks: "
                         f"it is dated in week {placed}.")
    return tuple(meetings), tuple(notes)


ACTIVITY_TITLES = {"seminar": "Seminar", "webinar": "Expert webinar",
                   "subject-and-phase-session": "Subject and phase session"}


def _activities(year: model.Year, dates: HalfTermDates, position: int) -> tuple[Activity, ...]:
    """The year's other commitments that fall in this half term, in the order years.yml lists them."""
    found = []
    for item in year.time_commitments:
        if item.counts_as in (None, "mentoring"):
            continue
        falls = {"once": position == 0, "half-termly": True, "termly": dates.half == (item.half_term or 1)}
        times = falls.get(item.frequency)
        if times is None:  # weekly or fortnightly: every week, or every other week
            times = len(dates.weeks()[::1 if item.frequency == "weekly" else 2])
        for _ in range(int(times)):
            found.append(Activity(item.counts_as, _activity_title(year, item, dates, position), item.in_minutes))
    return tuple(found)


def _activity_title(year: model.Year, item: model.TimeCommitment, dates: HalfTermDates, position: int) -> str:
    if item.counts_as == "seminar" and len(year.seminars) == 6:
        return f"Seminar: {year.seminars[position].title}"  # seminars keep their fixed order
    if item.counts_as == "webinar":
        webinar = next((w for w in year.webinars if w.term == dates.term), None)
        return f"Expert webinar: {webinar.title}" if webinar else "Expert webinar"
    return ACTIVITY_TITLES.get(item.counts_as or "", item.activity)


def entitled_minutes(year: model.Year, timetable_hours: float, school_days: int) -> int:
    """The ECT's time off timetable: the share of a full timetable they do not teach, for each school day."""
    share = Fraction(100 - year.timetable_limit_percent, 100)
    return round(share * Fraction(str(timetable_hours)) * 60 * Fraction(school_days, 5))


def _budget(year: model.Year, dates: HalfTermDates, timetable_hours: float, studies: tuple[StudyItem, ...],
            meetings: tuple[Meeting, ...], activities: tuple[Activity, ...]) -> Budget:
    counted = [s for s in studies if s.counted]
    ect: list[tuple[str, int]] = []
    if meetings:
        ect.append(("Mentor meetings", sum(m.minutes for m in meetings)))
    ect.append(("Self-studies and diagnostic", sum(s.minutes for s in counted)))
    ect += [(a.title, a.minutes) for a in activities]
    mentor = [("Mentor meetings", sum(m.minutes for m in meetings)),
              ("Reading the mentor support", sum(s.mentor_minutes for s in counted))]
    days = len(dates.school_days())
    return Budget(tuple(ect), tuple(m for m in mentor if m[1]), entitled_minutes(year, timetable_hours, days),
                  100 - year.timetable_limit_percent, timetable_hours, days)


# ---- figures as readers say them ------------------------------------------------------------------


def hours_text(minutes: int) -> str:
    """Minutes as hours to one decimal place, rounded half up: 1053 → '17.6 hours'."""
    value = (Decimal(minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    text = str(value).removesuffix(".0")
    return f"{text} hour{'' if text == '1' else 's'}"


def amount_text(minutes: int) -> str:
    """A difference as readers say it: '30 minutes', or '1.9 hours' from an hour up."""
    return f"{minutes} minute{'' if minutes == 1 else 's'}" if minutes < 60 else hours_text(minutes)
