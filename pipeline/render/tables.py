"""Tables generated from the programme's data: written once, shown on year pages and in the
induction-tutor handbook, always in the school's own module order."""

from __future__ import annotations

from pipeline import model
from pipeline.contextualise import SchoolProgramme
from pipeline.render.markdown import duration, table
from pipeline.render.parts import HALF_TERMS
from pipeline.render.untrusted import plain, school_inline_html

FREQUENCY = {"once": "once", "weekly": "every week", "fortnightly": "every fortnight",
             "half-termly": "every half term", "termly": "every term"}


def time_commitments(sp: SchoolProgramme, year_number: int) -> str:
    year = sp.programme.year(year_number)
    rows = [[c.activity, duration(c.minutes, c.hours), FREQUENCY[c.frequency]] for c in year.time_commitments]
    return table(["Activity", "Time", "How often"], rows)


def flags(item: model.Seminar | model.Webinar) -> str:
    """What else a reader should know about a seminar or webinar, as short labels."""
    shown = (["Subject or phase group"] if item.subject_phase_specific else []) + ([item.when] if item.when else [])
    return " · ".join(f'<span class="ect-flag">{text}</span>' for text in shown)


def seminar_cell(seminar: model.Seminar) -> str:
    """A seminar's title in a table cell, with its flags after it."""
    return seminar.title + (f" {flags(seminar)}" if flags(seminar) else "")


def webinars(sp: SchoolProgramme, year_number: int) -> str:
    listed = sp.programme.year(year_number).webinars
    notes = any(flags(w) for w in listed)
    rows = [[w.term, w.title, w.description] + ([flags(w) or "—"] if notes else []) for w in listed]
    return table(["Term", "Webinar", "What it covers"] + (["Notes"] if notes else []), rows)


def seminars(sp: SchoolProgramme, year_number: int = 1) -> str:
    """A year's seminars by half term, in their fixed order, with their flags."""
    listed = sp.programme.year(year_number).seminars
    if not listed:
        return f"*Year {year_number} has no seminars listed.*\n"
    notes = any(flags(s) for s in listed)
    rows = [[h, s.title] + ([flags(s) or "—"] if notes else []) for h, s in zip(HALF_TERMS, listed)]
    return table(["Half term", "Seminar focus"] + (["Notes"] if notes else []), rows)


def sequence(sp: SchoolProgramme, codes: list[str] | tuple[str, ...]) -> str:
    """A module order as six columns, one per half term, with the seminar that half term."""
    modules = [sp.programme.module(code) for code in codes]
    seminars = sp.programme.year(1).seminars
    return table(["", *HALF_TERMS], [
        ["**Module**", *(m.label for m in modules)],
        ["**Seminar (year 1)**", *(s.title for s in seminars[: len(modules)])],
    ])


def _numbered(items: list[str]) -> str:
    """A numbered list inside one table cell."""
    return "<br>".join(f"{n}. {item}" for n, item in enumerate(items, 1))


def electives_appendix(sp: SchoolProgramme) -> str:
    """Every module's five electives, one row per module in the school's order."""
    rows = [[half_term, module.label, _numbered(list(module.electives))]
            for half_term, module in zip(HALF_TERMS, sp.module_order)]
    return table(["Half term", "Module", "Electives (year 1)"], rows)


def focus_areas_appendix(sp: SchoolProgramme) -> str:
    """Every module's year-2 focus areas, one row per module in the school's order."""
    rows = [[half_term, module.label, _numbered(list(module.year_2_focus_areas))]
            for half_term, module in zip(HALF_TERMS, sp.module_order)]
    return table(["Half term", "Module", "Focus areas (year 2)"], rows)


def key_terms(sp: SchoolProgramme) -> str:
    terms = sorted(sp.programme.glossary, key=lambda t: (t.abbreviation or t.term).lower())
    return table(["Term", "Meaning"], [[f"{t.abbreviation} ({t.term})" if t.abbreviation else t.term,
                                        t.definition] for t in terms])


def contacts(sp: SchoolProgramme) -> str:
    if sp.school is None or not sp.school.contacts:
        return ("*Your school's own site lists its contacts here: the induction tutor and anyone else ECTs "
                "and mentors should know.*\n")
    # written by school staff: untrusted, see untrusted.py
    return table(["Role", "Name", "Email"], [[school_inline_html(c.role), school_inline_html(c.name),
                                              plain(c.email) if c.email else "—"] for c in sp.school.contacts])


def checklist(sp: SchoolProgramme) -> str:
    """The set-up checklist: the programme's tasks, then the school's own.

    The school's ids are kept apart (school/…), so that a task the programme adds later never takes a
    school task's tick.
    """
    tasks = [(task.key, task.text) for task in sp.programme.checklist]
    # written by school staff: untrusted, see untrusted.py
    school_tasks = sp.school.checklist if sp.school else ()
    tasks += [(f"school/{task.key}", school_inline_html(task.text)) for task in school_tasks]
    return task_list(tasks, "set-up")


def task_list(tasks: list[tuple[str, str]], name: str) -> str:
    """A list of tasks (id, text) to tick. The browser keeps each tick under the list's name and the task's
    id (ect.js), so a tick stays with its task when tasks are added, removed or reordered."""
    items = "\n".join(f"- [ ] {text}" for _, text in tasks)
    ids = " ".join(task_id for task_id, _ in tasks)
    return f'<div class="ect-checklist" data-checklist="{name}" data-tasks="{ids}" markdown>\n\n{items}\n\n</div>\n'

