"""Stage 4b: the pages a school's site is made of, and its navigation, from the school's programme.

Every page here is generated from content/: its Markdown is the page's header (from facts)
followed by the writer's body, whose macro calls are rendered later, page by page.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import model
from .contextualise import SchoolProgramme
from .render import (
    HALF_TERMS,
    MEETING_TEMPLATE_SRC,
    PageContext,
    indent,
    link,
    mentor_src,
    minutes,
    module_src,
    study_src,
)


@dataclass(frozen=True)
class GeneratedPage:
    src: str
    markdown: str
    context: PageContext


def _study_header(sp: SchoolProgramme, study: model.SelfStudy) -> str:
    programme = sp.programme
    module = programme.module(study.module)
    title = programme.study_title(study)
    kind = f"Elective {study.number}" if study.kind == "elective" else "Core self-study"
    src = study_src(study.id)
    lines = [
        f"# {title}\n",
        f"[Module {module.code}: {module.title}]({link(src, module_src(module))}) · Year {study.year} · {kind} · "
        f"**About {minutes(study.minutes)}**\n{{: .study-meta }}\n",
    ]
    mentor_page = programme.mentor_page_for(study.id)
    if mentor_page:
        lines.append(f"[Mentor support for this study]({link(src, mentor_src(mentor_page.id))}){{: .counterpart }}\n")
    rows = "\n".join(f"| {s.title}{' (choose one)' if s.choose_one else ''} | {s.minutes} |" for s in study.sections)
    lines.append(f"| This study | Minutes |\n| --- | ---: |\n{rows}\n| **Total** | **{study.minutes}** |\n")
    if sp.is_national:
        lines.append('!!! note "For schools"\n\n'
                     + indent("Add examples from your own setting in each *Examples* part. Your school's "
                              "own site keeps only the scenarios for your phases.") + "\n")
    return "\n".join(lines)


def _mentor_header(sp: SchoolProgramme, page: model.MentorSupport, study: model.SelfStudy) -> str:
    title = sp.programme.study_title(study)
    src = mentor_src(page.id)
    module = sp.programme.module(study.module)
    return "\n".join([
        f"# Mentor support: {title}\n",
        f"For mentors of ECTs taking this study · Module {module.code}: {module.title} · "
        f"**About {minutes(page.minutes)} reading**\n{{: .study-meta }}\n",
        f"[The ECT's self-study]({link(src, study_src(study.id))}){{: .counterpart }}\n",
    ])


def _module_page(sp: SchoolProgramme, module: model.Module, position: int) -> str:
    programme = sp.programme
    src = module_src(module)
    studies = [s for s in programme.self_studies.values() if s.module == module.code and s.year == 1]
    lines = [f"# {module.label}\n", f"Year 1 · {HALF_TERMS[position]}\n{{: .study-meta }}\n"]
    core = next((s for s in studies if s.kind == "core"), None)
    lines.append("## Core self-study\n")
    lines.append(_study_line(sp, core, src) if core else "The core self-study is not yet published.\n")
    lines.append("## Electives\n")
    lines.append("Choose three electives, with your mentor's help; only two in Autumn 1.\n")
    rows = ["| Elective | Time | For the ECT | For the mentor |", "| --- | --- | --- | --- |"]
    for number, title in enumerate(module.electives, 1):
        study = next((s for s in studies if s.kind == "elective" and s.number == number), None)
        if study is None:
            rows.append(f"| {number}. {title} | — | Not yet published | — |")
            continue
        mentor = programme.mentor_page_for(study.id)
        mentor_cell = f"[Mentor support]({link(src, mentor_src(mentor.id))})" if mentor else "Not yet published"
        rows.append(f"| {number}. {title} | {minutes(study.minutes)} | "
                    f"[Self-study]({link(src, study_src(study.id))}) | {mentor_cell} |")
    lines.append("\n".join(rows) + "\n")
    return "\n".join(lines)


def _study_line(sp: SchoolProgramme, study: model.SelfStudy, from_src: str) -> str:
    return (f"[{sp.programme.study_title(study)}]({link(from_src, study_src(study.id))}) · "
            f"{minutes(study.minutes)}. {study.summary}\n")


def _meeting_template_page(sp: SchoolProgramme) -> str:
    template = sp.programme.meeting_template
    lines = [f"# {template.title}\n", template.introduction.strip() + "\n"]
    for row in template.rows:
        lines.append(f"## {row.title}\n")
        lines.append(row.guidance.strip() + "\n")
        if row.prompts:
            lines.append("\n".join(f"- {p}" for p in row.prompts) + "\n")
        lines.append("**Notes:**\n{: .notes-label }\n")
    return "\n".join(lines)


def generated_pages(sp: SchoolProgramme) -> list[GeneratedPage]:
    """Every generated page of the school's site, in a stable order."""
    programme = sp.programme
    pages: list[GeneratedPage] = []
    for position, module in enumerate(sp.module_order):
        src = module_src(module)
        pages.append(GeneratedPage(src, _module_page(sp, module, position), PageContext(src, "other")))
    for study in sorted(programme.self_studies.values(), key=lambda s: s.id):
        src = study_src(study.id)
        pages.append(GeneratedPage(src, _study_header(sp, study) + "\n" + study.body.text,
                                   PageContext(src, "study", study=study, page=study)))
    for page in sorted(programme.mentor_pages.values(), key=lambda p: p.id):
        study = programme.self_studies[page.aligned_study]
        src = mentor_src(page.id)
        pages.append(GeneratedPage(src, _mentor_header(sp, page, study) + "\n" + page.body.text,
                                   PageContext(src, "mentor", study=study, page=page)))
    pages.append(GeneratedPage(MEETING_TEMPLATE_SRC, _meeting_template_page(sp),
                               PageContext(MEETING_TEMPLATE_SRC, "other")))
    return pages


def navigation(sp: SchoolProgramme, static_pages: list[str]) -> list:
    """MkDocs nav: home, year 1 in the school's module order, mentor materials, then other pages."""
    programme = sp.programme
    year_1: list = []
    for position, module in enumerate(sp.module_order):
        studies = sorted(
            (s for s in programme.self_studies.values() if s.module == module.code and s.year == 1),
            key=lambda s: (s.kind != "core", s.number or 0),
        )
        entries: list = [module_src(module)]
        for study in studies:
            short = "Core self-study" if study.kind == "core" else f"{module.code}{study.number}"
            entries.append({f"{short}: {programme.study_title(study)}": study_src(study.id)})
            mentor = programme.mentor_page_for(study.id)
            if mentor:
                entries.append({f"{short}: mentor support": mentor_src(mentor.id)})
        year_1.append({f"{HALF_TERMS[position]} · {module.label}": entries})
    nav: list = ["index.md", {"Year 1": year_1}, {"Mentor materials": [MEETING_TEMPLATE_SRC]}]
    nav += [src for src in static_pages if src != "index.md"]
    return nav
