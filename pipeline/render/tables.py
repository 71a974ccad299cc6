"""Tables generated from the programme's data: written once, shown on year pages and in the
induction-tutor handbook, always in the school's own module order."""

from __future__ import annotations

from pipeline.contextualise import SchoolProgramme
from pipeline.render.markdown import duration, table
from pipeline.render.parts import HALF_TERMS
from pipeline.render.untrusted import plain, school_inline_html

FREQUENCY = {"once": "once", "weekly": "every week", "fortnightly": "every fortnight",
             "half-termly": "every half term", "termly": "every term"}


def time_commitments(sp: SchoolProgramme, year_number: int) -> str:
    year = sp.programme.year(year_number)
    rows = [[c.activity, duration(c.minutes), FREQUENCY[c.frequency]] for c in year.time_commitments]
    return table(["Activity", "Time", "How often"], rows)


def webinars(sp: SchoolProgramme, year_number: int) -> str:
    rows = [[w.term, w.title, w.description] for w in sp.programme.year(year_number).webinars]
    return table(["Term", "Webinar", "What it covers"], rows)


def seminars(sp: SchoolProgramme) -> str:
    year = sp.programme.year(1)
    return table(["Half term", "Seminar focus"], [[h, s] for h, s in zip(HALF_TERMS, year.seminars)])


def sequence(sp: SchoolProgramme, codes: list[str] | tuple[str, ...]) -> str:
    """A module order as six columns, one per half term, with the seminar that half term."""
    modules = [sp.programme.module(code) for code in codes]
    seminars = sp.programme.year(1).seminars
    return table(["", *HALF_TERMS], [
        ["**Module**", *(m.label for m in modules)],
        ["**Seminar (year 1)**", *seminars[: len(modules)]],
    ])


def electives_appendix(sp: SchoolProgramme) -> str:
    parts = []
    for module in sp.programme.modules:
        parts.append(f"### {module.label}\n")
        parts.append("\n".join(f"{n}. {title}" for n, title in enumerate(module.electives, 1)) + "\n")
    return "\n".join(parts)


def focus_areas_appendix(sp: SchoolProgramme) -> str:
    parts = []
    for module in sp.programme.modules:
        parts.append(f"### {module.label}\n")
        parts.append("\n".join(f"- {area}" for area in module.year_2_focus_areas) + "\n")
    return "\n".join(parts)


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

