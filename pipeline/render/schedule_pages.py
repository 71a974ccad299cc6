"""The schedule page (every half term of the ECT's induction, dated, with its time budget) and the ECT's
progress page ("this half term" beside their ticks), from the school's schedule (pipeline/schedule.py).

Each half term is a block carrying its first and last day (data-starts, data-ends): the site's script
(docs/assets/schedule.js) marks the one that holds today. Without the script, the dates say it all.
"""

from __future__ import annotations

import datetime as dt
import html

from pipeline.contextualise import SchoolProgramme
from pipeline.render.markdown import duration, indent, table
from pipeline.render.parts import PRIVACY_NOTE, progress_cell
from pipeline.render.untrusted import plain
from pipeline.render.urls import (
    MEETING_TEMPLATE_SRC,
    PROGRESS_SRC,
    SCHEDULE_SRC,
    calendar_src,
    link,
    mentor_src,
    module_src,
    session_src,
    study_src,
)
from pipeline.schedule import (
    DAY_NAMES,
    MONTH_NAMES,
    HalfTermPlan,
    Schedule,
    StudyItem,
    amount_text,
    hours_text,
    school_year_text,
)

SCHEDULE_TITLE = "Schedule and time budget"
PROGRESS_TITLE = "Your progress"


# ---- dates as readers say them -----------------------------------------------------------------------


def long_date(day: dt.date, with_year: bool = True) -> str:
    """Tuesday 1 September 2026 (names from our own tables: the same on every machine)."""
    return f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}" + (f" {day.year}" if with_year else "")


def short_date(day: dt.date) -> str:
    """Tue 1 Sep 2026."""
    return f"{DAY_NAMES[day.weekday()][:3]} {day.day} {MONTH_NAMES[day.month - 1][:3]} {day.year}"


def date_range(first: dt.date, last: dt.date) -> str:
    return f"{long_date(first, first.year != last.year)} to {long_date(last)}"


def module_heading(half_term: HalfTermPlan) -> str:
    return half_term.module.label


def half_term_block(half_term: HalfTermPlan, body: str) -> str:
    """A half term's block, with the dates the script compares with today."""
    dates = half_term.dates
    label = html.escape(f"{half_term.label}: {module_heading(half_term)}", quote=True)
    return (f'<div class="ect-half-term" data-starts="{dates.first_day.isoformat()}" '
            f'data-ends="{dates.last_day.isoformat()}" data-starts-text="{long_date(dates.first_day)}" '
            f'data-ends-text="{long_date(dates.last_day)}" data-label="{label}" data-anchor="{half_term.anchor}" '
            f"markdown>\n\n{body}\n</div>\n")


def this_half_term_placeholder() -> str:
    """Filled in by the script from today's date; without it, the reader finds today among the dates."""
    return ('<p class="ect-this-half-term" data-this-half-term>Find today among the half terms below: '
            "each gives its first and last day.</p>\n")


# ---- the schedule page -----------------------------------------------------------------------------


def schedule_page(sp: SchoolProgramme, schedule: Schedule, site_url: str | None) -> str:
    lines = [f"# {SCHEDULE_TITLE}\n", _introduction(sp, schedule), this_half_term_placeholder(),
             "## Dates\n", _dates(sp, schedule), "## Add it to your calendar\n", _calendar(sp, schedule, site_url),
             "## Time budget\n", _budget_rules(sp, schedule), _budget_table(schedule)]
    over = schedule.over
    if over:
        lines.append(f'!!! warning "The plan asks more than the time off timetable in {len(over)} half '
                     f'term{"s" if len(over) != 1 else ""}"\n\n'
                     + indent("; ".join(f"{h.label}: over by {amount_text(h.budget.over)}" for h in over)
                              + ". Decide with the ECT and their mentor where the extra time comes from.") + "\n")
    for year in schedule.years:
        first = schedule.for_year(year)[0].dates
        lines.append(f"## Year {year}\n")
        lines.append(f"From {long_date(first.first_day)}, in the school's module order. Seminars keep their "
                     "fixed order whatever the module order.\n")
        lines += [half_term_block(h, _half_term(sp, h)) for h in schedule.for_year(year)]
    return "\n".join(lines)


def _introduction(sp: SchoolProgramme, schedule: Schedule) -> str:
    first, last = schedule.half_terms[0], schedule.half_terms[-1]
    text = (f"The ECT's induction, half term by half term, from {first.label} to {last.label}: each half term's "
            "module, its self-studies with their minutes, the mentor meetings with their dates, the seminar and "
            "webinar, and the time it asks of the ECT and of their mentor.\n")
    if sp.is_national:
        return text + ("\nThis is the national site, so this schedule is an example: an ECT starting year 1 in "
                       f"{first.dates.name} {school_year_text(first.dates.school_year)}, with the typical dates "
                       "and timetable below. Each school's own site has its own, from its school.yml.\n")
    return text.replace("The ECT's induction", f"The ECT's induction at {plain(sp.name)}", 1)


def _dates(sp: SchoolProgramme, schedule: Schedule) -> str:
    own = sorted({h.dates.school_year for h in schedule.half_terms if h.dates.from_school})
    typical = schedule.typical_school_years
    lines = []
    if own:
        lines.append(f"Term dates for {' and '.join(map(school_year_text, own))} are {plain(sp.name)}'s own.")
    if typical:
        pattern = schedule.pattern
        weeks = pattern.teaching_weeks
        lines.append(
            f"For {' and '.join(map(school_year_text, typical))} the dates follow a typical pattern for schools in "
            "England: the school year starts in the week of 1 September (the week after when 1 September is a "
            f"Friday or a weekend), with half terms of {', '.join(map(str, weeks[:-1]))} and {weeks[-1]} weeks "
            f"({sum(weeks)} weeks) and holidays of {', '.join(map(str, pattern.holiday_weeks[:-1]))} and "
            f"{pattern.holiday_weeks[-1]} weeks between them. {pattern.note.strip()}"
            + ("" if sp.is_national else " Give the school's own dates in school.yml (planning: term_dates)."))
    day = schedule.meeting_day
    lines.append(f"Mentor meetings are dated on {day}s (or the next school day that week when {day} is not one)."
                 if day else "Mentor meetings are dated on each week's first school day: choose a day in "
                 "school.yml (planning: meeting_day).")
    return "\n\n".join(lines) + "\n"


def _calendar(sp: SchoolProgramme, schedule: Schedule, site_url: str | None) -> str:
    src = SCHEDULE_SRC
    feeds = [f"[The whole induction]({link(src, calendar_src(sp.slug))})"]
    if len(schedule.years) > 1:
        feeds += [f"[Year {year} only]({link(src, calendar_src(sp.slug, year))})" for year in schedule.years]
    where = (f"Each event links to its page on this site ({plain(site_url)})." if site_url else
             "This copy of the site was built without its web address, so the events name their pages but cannot "
             "link to them: build with `--site-url` to add the links.")
    return ("Every dated item, for Outlook, Google Calendar or any other calendar (iCalendar `.ics` files): "
            + " · ".join(feeds) + "\n\n"
            "Each half term's module is an all-day event across the half term, and each mentor meeting an all-day "
            f"event on its day: add the time you meet. {where} In Outlook, open the file (or File, Open and "
            "Export, Import/Export); in Google Calendar, Settings, Import and export.\n")


def _budget_rules(sp: SchoolProgramme, schedule: Schedule) -> str:
    """What the budget counts, in words, from the same data the sums use."""
    programme = sp.programme
    shares = [f"{100 - programme.year(y).timetable_limit_percent}% in year {y}" for y in schedule.years]
    source = ("the school's own figure" if schedule.timetable_from_school else
              "a typical figure" + ("" if sp.is_national else "; give the school's own as planning: "
                                    "timetable_hours in school.yml"))
    return (f"The ECT's time off timetable is a share of a full timetable, here {schedule.timetable_hours:g} "
            f"hours of teaching a week ({source}): {' and '.join(shares)}, for each school day of the half term "
            "(a day is a fifth of a week).\n\n"
            "The ECT's time counts the mentor meetings, the module's self-studies at their stated minutes (the "
            "core study, the diagnostic and, of the electives, as many as the ECT takes: the longest, so that the "
            "budget holds whichever they choose), and the seminar, webinar and induction sessions that fall in the "
            "half term. The mentor's time counts the meetings and their reading of the mentor support for each "
            "study counted. The figures come from the programme: each study's minutes and the time commitments "
            "of each year.\n")


def difference(half_term: HalfTermPlan) -> str:
    budget = half_term.budget
    if budget.over:
        return f"**over by {amount_text(budget.over)}**"
    spare = budget.entitled - budget.ect_minutes
    return f"{amount_text(spare)} to spare" if spare else "none to spare"


def _budget_table(schedule: Schedule) -> str:
    rows = []
    for h in schedule.half_terms:
        rows.append([f"[{h.label}](#{h.anchor})", f"{h.budget.school_days} days", hours_text(h.budget.ect_minutes),
                     hours_text(h.budget.entitled), difference(h), hours_text(h.budget.mentor_minutes)])
    for year in schedule.years:
        terms = schedule.for_year(year)
        ect, entitled = sum(h.budget.ect_minutes for h in terms), sum(h.budget.entitled for h in terms)
        rows.append([f"**Year {year} in all**", f"{sum(h.budget.school_days for h in terms)} days",
                     hours_text(ect), hours_text(entitled),
                     f"over by {amount_text(ect - entitled)}" if ect > entitled else
                     f"{amount_text(entitled - ect)} to spare",
                     hours_text(sum(h.budget.mentor_minutes for h in terms))])
    return table(["Half term", "School days", "ECT's time", "Time off timetable", "Difference", "Mentor's time"],
                 rows, ["---", "---:", "---:", "---:", "---", "---:"])


def _half_term(sp: SchoolProgramme, half_term: HalfTermPlan) -> str:
    dates = half_term.dates
    src = SCHEDULE_SRC
    lines = [f"### {dates.name}: {module_heading(half_term)} {{ #{half_term.anchor} }}\n",
             f"{date_range(dates.first_day, dates.last_day)} · {len(dates.weeks())} weeks "
             f"({len(dates.school_days())} school days) · "
             f"[the module's page]({link(src, module_src(half_term.module, half_term.year))})\n"
             "{: .ect-half-term-dates }\n",
             f"#### Self-studies {{ #{half_term.anchor}-studies }}\n", _studies(half_term),
             f"#### Mentor meetings {{ #{half_term.anchor}-meetings }}\n", _meetings(sp, half_term)]
    if half_term.activities:
        lines.append(f"#### Also this half term {{ #{half_term.anchor}-also }}\n")
        lines.append("\n".join(f"- {a.title} ({duration(a.minutes)})"
                               + ("" if a.kind == "induction" else ": your provider sets the date")
                               for a in half_term.activities) + "\n")
    lines += [f'!!! note "A meeting that does not fit"\n\n{indent(note)}\n' for note in half_term.notes]
    budget = half_term.budget
    lines.append(f"**Time:** the plan asks {hours_text(budget.ect_minutes)} of the ECT, with "
                 f"{hours_text(budget.entitled)} off timetable ({difference(half_term)}); "
                 f"{hours_text(budget.mentor_minutes)} of the mentor.\n")
    return "\n".join(lines)


def _study_cell(item: StudyItem, from_src: str, say_unpublished: bool = True) -> str:
    name = {"core": "Core", "self-study": "Self-study", "elective": f"Elective {item.number}"}.get(item.kind)
    title = f"[{item.title}]({link(from_src, study_src(item.study_id))})" if item.study_id else item.title
    if name:
        title = f"{name}: {title}" + ("" if item.study_id or not say_unpublished else " (not yet published)")
    return title


def _studies(half_term: HalfTermPlan) -> str:
    src = SCHEDULE_SRC
    rows = []
    for item in half_term.studies:
        mentor = (f"[mentor support]({link(src, mentor_src(item.mentor_page))})" if item.mentor_page else "")
        counted = "counted" if item.counted else "not counted"
        rows.append([_study_cell(item, src), str(item.minutes), counted, mentor])
    choose = ""
    if half_term.electives_to_take:
        choose = (f"The ECT takes {half_term.electives_to_take} of the five electives, chosen with their mentor "
                  f"after the diagnostic{' (fewer in the first half term)' if half_term.position == 0 else ''}.\n")
    return table(["Study", "Minutes", "In the budget", "For the mentor"], rows, ["---", "---:", "---", "---"]) + (
        "\n" + choose if choose else "")


def _meetings(sp: SchoolProgramme, half_term: HalfTermPlan) -> str:
    if not half_term.meetings:
        return "None planned in this year's time commitments.\n"
    src = SCHEDULE_SRC
    rows = []
    for meeting in half_term.meetings:
        session = sp.programme.mentor_sessions.get(meeting.session_id or "")
        target = session_src(session) if session else MEETING_TEMPLATE_SRC
        rows.append([str(meeting.week), short_date(meeting.day), f"[{meeting.title}]({link(src, target)})",
                     duration(meeting.minutes)])
    return table(["Week", "Date", "Meeting", "Time"], rows)


# ---- the ECT's progress page ---------------------------------------------------------------------------


def progress_page(sp: SchoolProgramme, schedule: Schedule) -> str:
    lines = [f"# {PROGRESS_TITLE}\n",
             "Your self-studies, half term by half term, with how far you have got in each. "
             f"[The schedule]({link(PROGRESS_SRC, SCHEDULE_SRC)}) has the dates of your meetings and sessions.\n",
             this_half_term_placeholder(), PRIVACY_NOTE]
    for year in schedule.years:
        lines.append(f"## Year {year}\n")
        lines += [half_term_block(h, _progress_half_term(sp, h)) for h in schedule.for_year(year)]
    return "\n".join(lines)


def _progress_half_term(sp: SchoolProgramme, half_term: HalfTermPlan) -> str:
    src, dates = PROGRESS_SRC, half_term.dates
    rows = []
    for item in half_term.studies:
        study = sp.programme.self_studies.get(item.study_id or "")
        if item.kind != "diagnostic":
            rows.append([_study_cell(item, src, say_unpublished=False),
                         progress_cell(study) if study else "Not yet published"])
    return "\n".join([
        f"### {dates.name}: {module_heading(half_term)} {{ #{half_term.anchor} }}\n",
        f"{date_range(dates.first_day, dates.last_day)} · "
        f"[the module's page]({link(src, module_src(half_term.module, half_term.year))})\n"
        "{: .ect-half-term-dates }\n",
        table(["Study", "Your progress"], rows),
    ])
