"""Stage 4a: render the structured parts of a page as Markdown, from the school's programme.

Each function is pure: (school programme, page) → Markdown text. The macros writers call in
page bodies (see outline.VOCABULARY) are thin wrappers around these.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from . import model
from .contextualise import SchoolProgramme

HALF_TERMS = ("Autumn 1", "Autumn 2", "Spring 1", "Spring 2", "Summer 1", "Summer 2")
OPTION_LETTERS = "ABC"


@dataclass(frozen=True)
class PageContext:
    """What a macro needs to know about the page it is on."""

    src: str  # the page's path in the site, e.g. self-studies/x.md
    kind: str  # "study", "mentor" or "other"
    study: model.SelfStudy | None = None  # the study (or, on a mentor page, the aligned study)
    page: model.SelfStudy | model.MentorSupport | None = None


# ---- paths --------------------------------------------------------------------------


def study_src(study_id: str) -> str:
    return f"self-studies/{study_id}.md"


def mentor_src(page_id: str) -> str:
    return f"mentor-support/{page_id}.md"


def year_src(year: int) -> str:
    return f"year-{year}/index.md"


def module_src(module: model.Module, year: int = 1) -> str:
    return f"year-{year}/{module.slug}/index.md"


MEETING_TEMPLATE_SRC = "mentor-materials/meeting-template.md"
FRAMEWORK_SRC = "framework/index.md"
GLOSSARY_SRC = "glossary/index.md"


def statement_anchor(code: str) -> str:
    return "statement-" + code.replace(".", "-")


def link(from_src: str, to_src: str) -> str:
    """A relative link between two pages, which MkDocs checks and rewrites."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def indent(text: str, spaces: int = 4) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else "" for line in text.strip("\n").splitlines())


def minutes(n: int) -> str:
    return f"{n} minute{'s' if n != 1 else ''}"


def duration(n: int) -> str:
    """Minutes as a reader says them: 45 minutes, 1 hour, 1.5 hours, 4.5 hours."""
    if n < 60:
        return minutes(n)
    hours = n / 60
    text = f"{hours:g}"
    return f"{text} hour{'s' if text != '1' else ''}"


# ---- parts of a page ------------------------------------------------------------------


def section_heading(page: model.SelfStudy | model.MentorSupport, section_id: str) -> str:
    section = next(s for s in page.sections if s.id == section_id)
    return f"## {section.title}\n\n*About {minutes(section.minutes)}*\n{{: .section-time }}\n"


def scenarios(sp: SchoolProgramme, study: model.SelfStudy, moment: str) -> str:
    """The study's scenarios for the school's phases: as tabs when there are several."""
    scenario_set = sp.programme.scenario_sets[study.scenario_set] if study.scenario_set else None
    chosen = list(scenario_set.scenarios) if scenario_set else []
    if not chosen:
        return ""
    blocks = [(sp.programme.phase(s.phase).name, _scenario(sp, s, moment)) for s in chosen]
    intro = ""
    if moment == "start" and len(blocks) > 1:
        intro = ("Choose the scenario for your phase or setting: " + ", ".join(name for name, _ in blocks)
                 + ". Your choice is remembered on every page.\n\n")
    return intro + phase_tabs(blocks)


def phase_tabs(blocks: list[tuple[str, str]]) -> str:
    """One block per phase: plain text when there is one, linked tabs labelled by phase when several."""
    if len(blocks) == 1:
        return blocks[0][1]
    return "\n".join(f'=== "{name}"\n\n{indent(text)}\n' for name, text in blocks)


def phase_examples(sp: SchoolProgramme, set_id: str) -> str:
    example_set = sp.programme.phase_example_sets[set_id]
    blocks = [(sp.programme.phase(e.phase).name, e.text.strip() + "\n") for e in example_set.examples]
    if len(blocks) == 1:
        name, text = blocks[0]
        return f"**{name}:** {text}"
    return phase_tabs(blocks)


def _scenario(sp: SchoolProgramme, scenario: model.Scenario, moment: str) -> str:
    phase = sp.programme.phase(scenario.phase)
    lines = [f"### {phase.name} scenario\n", f"**{scenario.teacher}** {scenario.role}.\n"]
    if moment == "start":
        lines.append(scenario.situation.strip() + "\n")
        lines.append(f"*As you read, consider which strategy would help {scenario.teacher}.*\n")
    else:
        lines.append(f"**Reflect:** {scenario.reflection}\n")
        for letter, option in zip(OPTION_LETTERS, scenario.options, strict=True):
            lines.append(f"**Option {letter}:** {option.text}\n")
    return "\n".join(lines)


def ingredients(sp: SchoolProgramme, set_id: str) -> str:
    ingredient_set = sp.programme.ingredient_sets[set_id]
    items = "\n".join(f"- **{i.name}**: {i.description}" for i in ingredient_set.ingredients)
    return f'!!! ingredients "Active ingredients: {ingredient_set.title}"\n\n{indent(items)}\n'


def example_slot(sp: SchoolProgramme, page_id: str, slot_id: str) -> str:
    """The school's example; the guidance on the national site; nothing for a school without one."""
    text = sp.examples.get(page_id, {}).get(slot_id)
    if text:
        return f"### Examples from {sp.name}\n\n{text.strip()}\n"
    if sp.is_national:
        guidance = sp.programme.info.example_guidance
        return f'### Examples\n\n!!! example-slot "For schools: add your own example"\n\n{indent(guidance)}\n'
    return ""


def look_fors(study: model.SelfStudy) -> str:
    return "\n".join(f"{n}. {item}" for n, item in enumerate(study.look_fors, 1)) + "\n"


def suggested_actions(sp: SchoolProgramme, study: model.SelfStudy, with_ingredients: bool) -> str:
    action_set = sp.programme.action_sets[study.action_set]
    lines: list[str] = []
    for n, action in enumerate(action_set.actions, 1):
        lines.append(f"{n}. {action.text}")
        if with_ingredients:
            lines.append("\n    The active ingredients that will help:\n")
            for reference in action.ingredients:
                set_id, _, item_id = reference.partition("/")
                item = next(i for i in sp.programme.ingredient_sets[set_id].ingredients if i.id == item_id)
                lines.append(f"    - **{item.name}**: {item.description}")
            lines.append("")
    return "\n".join(lines) + "\n"


def statements(sp: SchoolProgramme, codes: list[str] | tuple[str, ...], from_src: str) -> str:
    """Framework statements grouped by standard, then "Learn that…" / "Learn how to…"."""
    parts: list[str] = []
    for standard in sp.programme.standards:
        chosen = [s for s in standard.statements if s.code in codes]
        if not chosen:
            continue
        parts.append(f"### Standard {standard.number}: {standard.title}\n")
        for kind, label in (("learn-that", "Learn that…"), ("learn-how-to", "Learn how to…")):
            group = [s for s in chosen if s.kind == kind]
            if group:
                parts.append(f"#### {label}\n")
                index = link(from_src, FRAMEWORK_SRC)
                parts.append("\n".join(f"- [**{s.code}**]({index}#{statement_anchor(s.code)}) {s.text}"
                                       for s in group) + "\n")
    return "\n".join(parts)


def meeting_template_link(from_src: str, sp: SchoolProgramme) -> str:
    template = sp.programme.meeting_template
    return f"[{template.title}]({link(from_src, MEETING_TEMPLATE_SRC)})\n"


def module_list(sp: SchoolProgramme, from_src: str) -> str:
    """The school's module order as a table: half term, module, seminar (seminars keep their order)."""
    seminars = sp.programme.year(1).seminars
    rows = ["| Half term | Module (year 1) | Module (year 2) | Seminar focus (year 1) |", "| --- | --- | --- | --- |"]
    for position, module in enumerate(sp.module_order):
        seminar = seminars[position] if position < len(seminars) else "—"
        rows.append(f"| {HALF_TERMS[position]} | [{module.label}]({link(from_src, module_src(module, 1))}) | "
                    f"[{module.label}]({link(from_src, module_src(module, 2))}) | {seminar} |")
    return "\n".join(rows) + "\n"
