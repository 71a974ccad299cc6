"""Stage 4b: the pages a school's site is made of, and its navigation, from the school's programme.

Every page here is generated from content/: its Markdown is the page's header (from facts)
followed by the writer's body, whose macro calls are rendered later, page by page.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline import model
from pipeline.contextualise import SchoolProgramme
from pipeline.render import differences, meeting_templates, mentor_pages, schedule_pages, tables
from pipeline.render.markdown import indent, minutes, table
from pipeline.render.parts import HALF_TERMS, PageContext, progress_cell, study_progress
from pipeline.render.setup_page import setup_page
from pipeline.render.urls import (
    FEEDBACK_MODEL_SRC,
    FRAMEWORK_SRC,
    GLOSSARY_SRC,
    MEETING_TEMPLATE_SRC,
    MENTOR_HOME_SRC,
    PROGRESS_SRC,
    SCHEDULE_SRC,
    SETUP_SRC,
    STEP_EXAMPLES_SRC,
    WHATS_DIFFERENT_SRC,
    cycle_src,
    form_src,
    glossary_anchor,
    handbook_src,
    link,
    mentor_src,
    mentor_template_src,
    module_src,
    session_src,
    statement_anchor,
    study_src,
    year_src,
)
from pipeline.schedule import for_school


@dataclass(frozen=True)
class GeneratedPage:
    """A page of the site before its templates are rendered: a header made from the facts and, for the
    pages writers write (studies, mentor pages, handbook chapters), the writer's body."""

    src: str
    header: str
    context: PageContext
    body: model.Body | None = None

    @property
    def markdown(self) -> str:
        return self.header + ("\n" + self.body.text if self.body else "")


def _study_header(sp: SchoolProgramme, study: model.SelfStudy) -> str:
    programme = sp.programme
    module = programme.module(study.module)
    title = programme.study_title(study)
    kind = f"Elective {study.number}" if study.kind == "elective" else "Core self-study"
    src = study_src(study.id)
    lines = [
        f"# {title}\n",
        f"[{module.label}]({link(src, module_src(module, study.year))}) · "
        f"Year {study.year} · {kind} · "
        f"**About {minutes(study.minutes)}**\n{{: .study-meta }}\n",
    ]
    mentor_page = programme.mentor_page_for(study.id)
    if mentor_page:
        lines.append(f"[Mentor support for this study]({link(src, mentor_src(mentor_page.id))}){{: .counterpart }}\n")
    lines.append(study_progress(study))
    # the stated total is the fact readers see; sections show their time as written, or none
    rows = [[f"{s.title}{' (choose one)' if s.choose_one else ''}", str(s.minutes) if s.minutes else "not timed"]
            for s in study.sections]
    # the minutes per section: a guide to the page, not what it says (search leaves it out: engines/search.py)
    lines.append('<div class="ect-timings" markdown>\n\n'
                 + table(["This study", "Minutes"], [*rows, ["**Total**", f"**about {study.minutes}**"]],
                         ["---", "---:"])
                 + "\n</div>\n")
    if sp.is_national:
        lines.append('!!! note "For schools"\n\n'
                     + indent("Add examples from your own setting in each *Examples* part. Your school's "
                              "own site keeps only the scenarios and examples for your phases.") + "\n")
    return "\n".join(lines)


def _mentor_header(sp: SchoolProgramme, page: model.MentorSupport, study: model.SelfStudy) -> str:
    title = sp.programme.study_title(study)
    src = mentor_src(page.id)
    module = sp.programme.module(study.module)
    return "\n".join([
        f"# Mentor support: {title}\n",
        f"For mentors of ECTs taking this study · {module.label} · "
        f"**About {minutes(page.minutes)} reading**\n{{: .study-meta }}\n",
        f"[The ECT's self-study]({link(src, study_src(study.id))}){{: .counterpart }}\n",
    ])


def _published(sp: SchoolProgramme, study: model.SelfStudy, from_src: str) -> str:
    """Links to a study and its mentor support, as one table cell or line."""
    links = f"[Self-study]({link(from_src, study_src(study.id))}) ({progress_cell(study)})"
    mentor = sp.programme.mentor_page_for(study.id)
    if mentor:
        links += f" · [Mentor support]({link(from_src, mentor_src(mentor.id))})"
    return links


def _year_1_module_page(sp: SchoolProgramme, module: model.Module, position: int) -> str:
    programme = sp.programme
    year = programme.year(1)
    src = module_src(module, 1)
    studies = programme.studies_for(1, module.code)
    core = next((s for s in studies if s.kind == "core"), None)
    seminar = year.seminars[position].title if position < len(year.seminars) else None
    lines = [f"# {module.label}\n", f"Year 1 · {HALF_TERMS[position]}\n{{: .study-meta }}\n"]

    lines.append("## Core self-study\n")
    if core:
        lines.append(f"**[{programme.study_title(core)}]({link(src, study_src(core.id))})** · "
                     f"about {minutes(core.minutes)}. {core.summary}\n")
        lines.append(_published(sp, core, src) + "\n")
    else:
        lines.append(f"The core self-study (about {minutes(year.core_minutes)}) is not yet published.\n")

    lines.append("## Diagnostic\n")
    lines.append(f"About {minutes(year.diagnostic_minutes)}. There is no pass or fail: it recommends the "
                 "electives to talk through with your mentor.\n")
    if programme.info.diagnostic:
        lines.append(programme.info.diagnostic.strip() + "\n")

    lines.append("## Electives\n")
    lines.append(_electives_to_take(year, position))
    rows = []
    for number, title in enumerate(module.electives, 1):
        study = next((s for s in studies if s.kind == "elective" and s.number == number), None)
        if study is None:
            rows.append([f"{number}. {title}", f"about {minutes(year.elective_minutes or 45)}", "Not yet published"])
        else:
            rows.append([f"{number}. {title}", f"about {minutes(study.minutes)}", _published(sp, study, src)])
    lines.append(table(["Elective", "Time", "Read it"], rows))
    lines.append(_meanwhile(sp, module, position, studies, src))

    if seminar:
        lines.append("## Seminar\n")
        lines.append(f"{HALF_TERMS[position]} seminar ({minutes(year.seminar_minutes)}): **{seminar}**. Seminars "
                     "keep the same order every year, whatever the module order.\n")
    lines.append(f"In year 2 this module returns: [{module.label} in year 2]({link(src, module_src(module, 2))}).\n")
    return "\n".join(lines)


def _when_published(sp: SchoolProgramme, subject: str, position: int) -> str:
    """When a study not yet published will be (programme.yml's publish_weeks_before), or nothing."""
    weeks = sp.programme.info.publish_weeks_before
    if weeks is None:
        return ""
    return (f"{subject} will be here at least {weeks} week{'s' if weeks != 1 else ''} before {HALF_TERMS[position]}, "
            "when your school starts this module. ")


def _electives_to_take(year: model.Year, position: int) -> str:
    """How many electives to take: the Autumn 1 rule only on the module taken in Autumn 1."""
    to_take, first = year.electives_to_take, year.electives_in_autumn_1
    if position == 0 and first and first != to_take:
        later = f"; in later modules you take {to_take}" if to_take else ""
        return f"Choose {first} of the five with your mentor: only {first} in Autumn 1, your first half term{later}.\n"
    return f"Choose {to_take or 'some'} of the five with your mentor.\n"


def _meanwhile(sp: SchoolProgramme, module: model.Module, position: int, studies: list[model.SelfStudy],
               src: str) -> str:
    """For electives not yet published: when they will be (programme.yml), and what to read until then."""
    published = [s for s in studies if s.kind == "elective"]
    missing = len(module.electives) - len(published)
    if missing <= 0:
        return ""
    them = "It" if missing == 1 else "They"
    when = _when_published(sp, them, position)
    if published:
        titles = ", ".join(f"[{sp.programme.study_title(s)}]({link(src, study_src(s.id))})" for s in published)
        meanwhile = f"Until then, choose from the electives already published: {titles}."
    else:
        core = next((s for s in studies if s.kind == "core"), None)
        meanwhile = (f"Until then, go back to the core self-study, [{sp.programme.study_title(core)}]"
                     f"({link(src, study_src(core.id))}), and agree with your mentor which of its suggested actions "
                     "to practise." if core else
                     "Until then, agree with your mentor what to practise from the diagnostic's recommendations.")
    shown = "One elective is" if missing == 1 else f"{missing} electives are"
    return f"**{shown} not yet published.** {when}{meanwhile}\n"


def _year_2_module_page(sp: SchoolProgramme, module: model.Module, position: int) -> str:
    programme = sp.programme
    year = programme.year(2)
    src = module_src(module, 2)
    study = next(iter(programme.studies_for(2, module.code)), None)
    lines = [f"# {module.label} (year 2)\n", f"Year 2 · {HALF_TERMS[position]}\n{{: .study-meta }}\n"]
    lines.append("## Self-study\n")
    if study:
        lines.append(f"**[{programme.study_title(study)}]({link(src, study_src(study.id))})** · "
                     f"about {minutes(study.minutes)}. {study.summary}\n")
        lines.append(_published(sp, study, src) + "\n")
    else:
        lines.append(f"The year-2 self-study (about {minutes(year.core_minutes)}, in two sections) "
                     f"is not yet published. {_when_published(sp, 'It', position)}Until then, talk through the "
                     "focus areas below with your mentor and choose yours.\n")
    lines.append("## Focus areas\n")
    lines.append("Choose one with your mentor; section 2 of the self-study looks closely at it.\n")
    lines.append("\n".join(f"{n}. {area}" for n, area in enumerate(module.year_2_focus_areas, 1)) + "\n")
    lines.append("## Diagnostic and seminar\n")
    lines.append(f"A diagnostic of about {minutes(year.diagnostic_minutes)} and a seminar of "
                 f"{minutes(year.seminar_minutes)}. {year.seminar_note or ''}\n")
    lines.append(f"[{module.label} in year 1]({link(src, module_src(module, 1))})\n")
    return "\n".join(lines)


def _year_page(sp: SchoolProgramme, number: int) -> str:
    programme = sp.programme
    year = programme.year(number)
    src = year_src(number)
    lines = [f"# Year {number}\n", year.summary.strip() + "\n", "## Modules, in this school's order\n"]
    rows = []
    for position, module in enumerate(sp.module_order):
        published = programme.studies_for(number, module.code)
        count = f"{len(published)} self-stud{'y' if len(published) == 1 else 'ies'}" if published else "Not yet"
        row = [HALF_TERMS[position], f"[{module.label}]({link(src, module_src(module, number))})", count]
        rows.append(row + ([tables.seminar_cell(year.seminars[position])] if year.seminars else []))
    lines.append(table(["Half term", "Module", "Published"] + (["Seminar focus"] if year.seminars else []), rows))
    if year.seminars:
        lines.append("Seminars keep this order whatever the module order.\n")
    if year.meetings:
        lines.append("## Mentor meetings\n")
        lines.append(f"Meetings are {tables.FREQUENCY[year.meetings.frequency]}, "
                     f"{len(year.meetings.per_half_term)} each half term:\n")
        lines.append("\n".join(f"- Week {m.week}: {m.title}" for m in year.meetings.per_half_term) + "\n")
    lines.append("## Time commitment\n")
    lines.append(tables.time_commitments(sp, number))
    lines.append(f"A full-time ECT teaches no more than {year.timetable_limit_percent}% of a normal timetable "
                 f"in year {number}.\n")
    if year.webinars:
        lines.append("## Expert webinars\n")
        lines.append(tables.webinars(sp, number))
    return "\n".join(lines)


def _framework_page(sp: SchoolProgramme) -> str:
    """Every statement, with every page (ECT and mentor) that covers it."""
    programme = sp.programme
    covering: dict[str, list[str]] = {}
    for study in sorted(programme.self_studies.values(), key=lambda s: (s.year, s.module, s.number or 0)):
        title = programme.study_title(study)
        for code in study.statements:
            covering.setdefault(code, []).append(f"[{title}]({link(FRAMEWORK_SRC, study_src(study.id))})")
            mentor = programme.mentor_page_for(study.id)
            if mentor:
                covering[code].append(f"[Mentor support: {title}]({link(FRAMEWORK_SRC, mentor_src(mentor.id))})")
    for session in sorted(programme.mentor_sessions.values(), key=lambda s: (s.module, s.week)):
        for code in session.learning_intentions:  # weekly mentor sessions cover them too
            covering.setdefault(code, []).append(f"[{programme.module(session.module).name} week {session.week}: "
                                                 f"{session.title}]({link(FRAMEWORK_SRC, session_src(session))})")
    lines = ["# Framework statements\n",
             "Every framework statement our pages cover, and every page that covers it, for ECTs and mentors.\n"]
    stems = {kind.id: kind.stem for kind in programme.info.statement_kinds}
    for standard in programme.standards:
        lines.append(f"## {standard.shown_heading}\n")
        groups = {group.id: group.stem for group in standard.groups}
        rows = []
        for statement in standard.statements:
            stem = " ".join(filter(None, (stems.get(statement.kind), groups.get(statement.group or ""))))
            pages = "<br>".join(covering.get(statement.code, [])) or "None yet"
            # a code typed into search finds its statement here first, however many pages name it
            anchor = f'<span id="{statement_anchor(statement.code)}" data-pagefind-weight="10">{statement.code}</span>'
            rows.append([anchor, f"*{stem}* {statement.text}", pages])
        lines.append(table(["Code", "Statement", "Pages"], rows))
    return "\n".join(lines)


def _glossary_page(sp: SchoolProgramme) -> str:
    lines = ["# Glossary\n", "Key terms and abbreviations used on this site. Abbreviations also show their "
             "meaning on every page: hover over them, or tap them on a phone.\n"]
    for term in sorted(sp.programme.glossary, key=lambda t: (t.abbreviation or t.term).lower()):
        name = f"{term.abbreviation}: {term.term}" if term.abbreviation else term.term
        # its own id: a link (a search result) lands on the entry; weighted as a heading is, for search
        lines.append(f'{name} {{ #{glossary_anchor(term)} data-pagefind-weight="6" }}\n:   {term.definition}\n')
    return "\n".join(lines)


def abbreviations(sp: SchoolProgramme) -> str:
    """Markdown abbreviation definitions for every page, from the glossary."""
    return "\n".join(f"*[{t.abbreviation}]: {t.term}" for t in sp.programme.glossary if t.abbreviation) + "\n"


def generated_pages(sp: SchoolProgramme, site_url: str | None = None) -> list[GeneratedPage]:
    """Every generated page of the school's site, in a stable order (`site_url`: where it is published)."""
    programme = sp.programme
    pages: list[GeneratedPage] = []

    def other(src: str, markdown: str) -> None:
        pages.append(GeneratedPage(src, markdown, PageContext(src, "other")))

    schedule = for_school(sp)  # the ECT's induction in dates (pipeline/schedule.py)
    other(SCHEDULE_SRC, schedule_pages.schedule_page(sp, schedule, site_url))
    other(PROGRESS_SRC, schedule_pages.progress_page(sp, schedule))

    for number in (1, 2):
        other(year_src(number), _year_page(sp, number))
    for position, module in enumerate(sp.module_order):
        other(module_src(module, 1), _year_1_module_page(sp, module, position))
        other(module_src(module, 2), _year_2_module_page(sp, module, position))
    for study in sorted(programme.self_studies.values(), key=lambda s: s.id):
        src = study_src(study.id)
        pages.append(GeneratedPage(src, _study_header(sp, study), PageContext(src, "study", study=study, page=study),
                                   study.body))
    for page in sorted(programme.mentor_pages.values(), key=lambda p: p.id):
        study = programme.self_studies[page.aligned_study]
        src = mentor_src(page.id)
        pages.append(GeneratedPage(src, _mentor_header(sp, page, study),
                                   PageContext(src, "mentor", study=study, page=page), page.body))
        template = meeting_templates.study_template(sp, page)
        if template:
            other(mentor_template_src(page.id), meeting_templates.study_template_page(sp, page, template))
    # mentor materials
    other(MENTOR_HOME_SRC, mentor_pages.mentor_home_page(sp))
    other(MEETING_TEMPLATE_SRC, meeting_templates.programme_template_page(sp))
    for form in sorted(programme.forms.values(), key=lambda f: f.id):
        other(form_src(form.id), mentor_pages.proforma_page(form))
    for session in sorted(programme.mentor_sessions.values(), key=lambda s: s.id):
        other(session_src(session), mentor_pages.session_page(sp, session))
    for cycle in sorted(programme.development_cycles.values(), key=lambda c: c.number):
        other(cycle_src(cycle), mentor_pages.cycle_page(sp, cycle))
    other(FEEDBACK_MODEL_SRC, mentor_pages.feedback_model_page(sp))
    other(STEP_EXAMPLES_SRC, mentor_pages.step_examples_page(sp))
    # the induction tutor's handbook
    for chapter in handbook_chapters(sp):
        src = handbook_src(chapter)
        pages.append(GeneratedPage(src, f"# {chapter.title}\n", PageContext(src, "handbook", page=chapter),
                                   chapter.body))
    other(FRAMEWORK_SRC, _framework_page(sp))
    other(GLOSSARY_SRC, _glossary_page(sp))
    if sp.is_national:  # where a school makes or changes its school.yml
        other(SETUP_SRC, setup_page())
    else:
        other(WHATS_DIFFERENT_SRC, differences.whats_different_page(sp))
    return pages


def handbook_chapters(sp: SchoolProgramme) -> list[model.HandbookChapter]:
    return sorted(sp.programme.handbook.values(), key=lambda c: (c.order, c.id))
