"""The site's navigation as data: sections and pages, in the school's module order.

Engines turn it into their own form (MkDocs' `nav:` list; a generated config for Zensical).
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline import model
from pipeline.contextualise import SchoolProgramme
from pipeline.render.pages import handbook_chapters
from pipeline.render.parts import HALF_TERMS
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
    handbook_src,
    mentor_src,
    mentor_template_src,
    module_src,
    session_src,
    study_src,
    year_src,
)


@dataclass(frozen=True)
class NavPage:
    src: str
    title: str | None = None  # None: the page's own first heading


@dataclass(frozen=True)
class NavSection:
    title: str
    children: tuple[NavPage | NavSection, ...]


NavItem = NavPage | NavSection


def _module_entries(sp: SchoolProgramme, module: model.Module, year: int) -> tuple[NavItem, ...]:
    programme = sp.programme
    entries: list[NavItem] = [NavPage(module_src(module, year))]
    for study in programme.studies_for(year, module.code):
        elective = f"{module.number}.{study.number}" if module.number else f"{module.code}{study.number}"
        short = ("Core" if year == 1 else "Self-study") if study.kind == "core" else elective
        entries.append(NavPage(study_src(study.id), f"{short}: {programme.study_title(study)}"))
        mentor = programme.mentor_page_for(study.id)
        if mentor:
            entries.append(NavPage(mentor_src(mentor.id), f"{short}: mentor support"))
            if mentor.meeting_template:
                entries.append(NavPage(mentor_template_src(mentor.id), f"{short}: meeting template"))
    return tuple(entries)


def _year(sp: SchoolProgramme, year: int) -> NavSection:
    modules = [NavSection(f"{HALF_TERMS[position]} · {module.label}", _module_entries(sp, module, year))
               for position, module in enumerate(sp.module_order)]
    return NavSection(f"Year {year}", (NavPage(year_src(year)), *modules))


def _mentor_materials(sp: SchoolProgramme) -> NavSection:
    programme = sp.programme
    sessions = []
    for module in sp.module_order:
        weeks = sorted((s for s in programme.mentor_sessions.values() if s.module == module.code), key=lambda s: s.week)
        if weeks:
            sessions.append(NavSection(f"{module.name} sessions", tuple(
                NavPage(session_src(s), f"Week {s.week}: {s.title}") for s in weeks)))
    cycles = [NavPage(cycle_src(c), f"Cycle {c.number}")
              for c in sorted(programme.development_cycles.values(), key=lambda c: c.number)]
    forms = [NavPage(MEETING_TEMPLATE_SRC)] + [NavPage(form_src(f)) for f in sorted(programme.forms)]
    return NavSection("Mentor materials", (
        NavPage(MENTOR_HOME_SRC), *sessions,
        NavSection("Year 2 development cycles", (*cycles, NavPage(FEEDBACK_MODEL_SRC),
                                                 NavPage(STEP_EXAMPLES_SRC))),
        NavSection("Forms", tuple(forms)),
    ))


def navigation(sp: SchoolProgramme, static_pages: list[str]) -> tuple[NavItem, ...]:
    """Home, each year in the school's module order, mentor materials, the handbook, reference pages,
    then the other hand-written pages (docs/)."""
    return (
        NavPage("index.md", "Home"), NavPage(SCHEDULE_SRC), NavPage(PROGRESS_SRC), _year(sp, 1), _year(sp, 2),
        _mentor_materials(sp),
        NavSection("Induction tutor handbook", tuple(NavPage(handbook_src(c)) for c in handbook_chapters(sp))
                   + (() if sp.is_national else (NavPage(WHATS_DIFFERENT_SRC),))),
        NavPage(FRAMEWORK_SRC), NavPage(GLOSSARY_SRC),
        *(NavPage(src) for src in static_pages if src != "index.md"),
        *((NavPage(SETUP_SRC),) if sp.is_national else ()),  # the national site's set-up page, last
    )
