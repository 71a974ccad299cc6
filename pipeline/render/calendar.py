"""The schedule as calendar feeds (iCalendar, RFC 5545): the whole induction, and one per year.

Made with the icalendar library, as data: the engines only write the bytes into the site. Every
event is all-day (the programme knows the day of a meeting, never its time), so no time zone is
needed and Outlook, Google Calendar and Apple Calendar import them alike. The output is the same
for the same sources: each UID is made from the school, the half term and the item, and DTSTAMP is
the programme's edition date, so two builds give the same bytes and a re-import updates events in
place rather than doubling them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

import icalendar

from pipeline.contextualise import SchoolProgramme
from pipeline.render.urls import MEETING_TEMPLATE_SRC, calendar_src, module_src, page_url, session_src
from pipeline.schedule import HalfTermPlan, Meeting, Schedule, hours_text, parse_date, school_year_text


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    first_day: dt.date
    last_day: dt.date  # inclusive
    description: str
    page: str  # the page it belongs to (its source path in the site)


def calendar_files(sp: SchoolProgramme, schedule: Schedule, site_url: str | None) -> dict[str, bytes]:
    """The school's feeds, by their path in the site: the whole induction, then each year when there are two."""
    files = {calendar_src(sp.slug): feed(sp, schedule.half_terms, "ECT schedule", site_url)}
    if len(schedule.years) > 1:
        for year in schedule.years:
            files[calendar_src(sp.slug, year)] = feed(sp, schedule.for_year(year), f"ECT schedule, year {year}",
                                                      site_url)
    return files


def events(sp: SchoolProgramme, half_terms: tuple[HalfTermPlan, ...], site_url: str | None) -> list[CalendarEvent]:
    """Every dated item: each half term's module, across the half term, and each mentor meeting, on its day."""
    prefix = f"{sp.slug or 'national'}-{{}}@{urlsplit(site_url).hostname if site_url else 'ect-schedule'}"
    found = []
    for half_term in half_terms:
        name = half_term.dates.name.lower().replace(" ", "-")
        key = f"year-{half_term.year}-{school_year_text(half_term.dates.school_year)}-{name}"
        found.append(CalendarEvent(
            prefix.format(f"{key}-module"),
            f"{half_term.module.label} (year {half_term.year}, "
            f"{half_term.dates.name})",
            half_term.dates.first_day, half_term.dates.last_day, _module_description(half_term),
            module_src(half_term.module, half_term.year)))
        for number, meeting in enumerate(half_term.meetings, 1):
            session = sp.programme.mentor_sessions.get(meeting.session_id or "")
            found.append(CalendarEvent(
                prefix.format(f"{key}-meeting-{number}"), _meeting_summary(meeting), meeting.day, meeting.day,
                f"Week {meeting.week} of {half_term.dates.name}, year {half_term.year}: mentor meeting, "
                f"{hours_text(meeting.minutes)}. Add the time you meet.",
                session_src(session) if session else MEETING_TEMPLATE_SRC))
    return found


def _meeting_summary(meeting: Meeting) -> str:
    return "Mentor meeting" if meeting.title == "Mentor meeting" else f"Mentor meeting: {meeting.title}"


def _module_description(half_term: HalfTermPlan) -> str:
    counted = [s for s in half_term.studies if s.counted]
    lines = [f"{half_term.label}: module {half_term.module.code}, {half_term.module.title}.",
             "Self-studies: " + "; ".join(f"{s.title} ({s.minutes} minutes)" for s in counted if s.kind != "elective")
             + "."]
    if half_term.electives_to_take:
        lines.append(f"Electives: {half_term.electives_to_take} of the five, chosen with the mentor.")
    lines += [f"{a.title}: {hours_text(a.minutes)}" + ("." if a.kind == "induction" else ", date from your provider.")
              for a in half_term.activities]
    budget = half_term.budget
    lines.append(f"Time: the plan asks {hours_text(budget.ect_minutes)} of the ECT, with "
                 f"{hours_text(budget.entitled)} off timetable.")
    return "\n".join(lines)


def feed(sp: SchoolProgramme, half_terms: tuple[HalfTermPlan, ...], title: str, site_url: str | None) -> bytes:
    """One iCalendar file of these half terms' events."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{sp.programme.info.short_name}//Schedule//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{sp.name}: {title}")
    stamp = dt.datetime.combine(parse_date(sp.programme.info.edition_date) or dt.date(2026, 9, 1), dt.time(),
                                dt.UTC)
    for item in events(sp, half_terms, site_url):
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.first_day)
        event.add("dtend", item.last_day + dt.timedelta(days=1))  # all-day events end the day after
        event.add("summary", item.summary)
        event.add("transp", "TRANSPARENT")  # a marker in the calendar, never shown as busy
        if site_url:
            address = site_url.rstrip("/") + "/" + page_url(item.page)
            event.add("url", address)
            event.add("description", f"{item.description}\n{address}")
        else:  # no web address known: name the page
            event.add("description", f"{item.description}\nOn the site: {page_url(item.page)}")
        calendar.add_component(event)
    return calendar.to_ical()
