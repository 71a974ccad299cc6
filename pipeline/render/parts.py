"""Stage 4a: render the structured parts of a page as Markdown, from the school's programme.

Each function is pure: (school programme, page) → Markdown text. The macros writers call in
page bodies (see outline.VOCABULARY) are thin wrappers around these.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from pipeline import model
from pipeline.contextualise import SchoolProgramme
from pipeline.render.credits import example_credit
from pipeline.render.markdown import indent, span, table
from pipeline.render.meeting_templates import template_for
from pipeline.render.untrusted import plain, school_html
from pipeline.render.urls import FRAMEWORK_SRC, MEETING_TEMPLATE_SRC, link, module_src, statement_anchor

HALF_TERMS = ("Autumn 1", "Autumn 2", "Spring 1", "Spring 2", "Summer 1", "Summer 2")
OPTION_LETTERS = "ABC"


@dataclass(frozen=True)
class PageContext:
    """What a macro needs to know about the page it is on."""

    src: str  # the page's path in the site, e.g. self-studies/x.md
    kind: str  # "study", "mentor", "handbook" or "other"
    study: model.SelfStudy | None = None  # the study (or, on a mentor page, the aligned study)
    page: model.SelfStudy | model.MentorSupport | model.HandbookChapter | None = None


# ---- parts of a page ------------------------------------------------------------------


def section_heading(page: model.SelfStudy | model.MentorSupport, section_id: str) -> str:
    """A timed section's heading; on an ECT's study, with a tick to mark the section as done."""
    section = next(s for s in page.sections if s.id == section_id)
    done = ""
    if isinstance(page, model.SelfStudy):
        # the section's title in the box's name (after the words shown), so that a screen reader's list of
        # controls tells the boxes apart
        name = html.escape(f"Mark this section as done: {section.title}", quote=True)
        done = (f' <label class="ect-done"><input type="checkbox" data-progress="{page.id}:{section.id}" '
                f'aria-label="{name}"> Mark this section as done</label>')
    time = f"<em>About {span(section.minutes.low, section.minutes.high)}</em>" if section.minutes else ""
    if not time and not done:
        return f"## {section.title}\n"
    return f'## {section.title}\n\n<p class="section-time">{time}{done}</p>\n'


PRIVACY_NOTE = ('<p class="ect-privacy">Your ticks and reflections are kept only in this browser, on this device: '
                "nothing is sent anywhere, and they are not shared with your school. Download or print them to "
                "take them to your mentor.</p>\n")


def required_sections(study: model.SelfStudy) -> str:
    """What a reader must do to finish a study, as the browser counts it (ect.js): the parts are separated by
    spaces, each a section's id or a choose-one group's ids joined by '/' (done when any one of them is).
    """
    parts: list[list[str]] = []
    groups: dict[str, list[str]] = {}
    for section in study.sections:
        if section.choose_one is None:
            parts.append([section.id])
        elif section.choose_one in groups:
            groups[section.choose_one].append(section.id)
        else:
            groups[section.choose_one] = [section.id]
            parts.append(groups[section.choose_one])
    return " ".join("/".join(part) for part in parts)


def study_progress(study: model.SelfStudy) -> str:
    return (f'<p class="ect-study-progress"><span data-study-status>Your progress</span> '
            f'<button type="button" class="md-button" data-study-done="{study.id}" '
            f'data-sections="{required_sections(study)}">Mark the whole study as done'
            "</button></p>\n" + PRIVACY_NOTE)


def progress_cell(study: model.SelfStudy) -> str:
    """A module page's cell showing how far the reader has got (filled in by the browser)."""
    return f'<span data-study-progress="{study.id}" data-sections="{required_sections(study)}">Not started</span>'


def _reflection_note(study: model.SelfStudy, phase: model.Phase, teacher: str) -> str:
    note = f"note-{study.id}-{phase.id}"
    # each of the page's places to write says whose scenario it is for
    return (f'<label class="ect-note-label" for="{note}">Your reflection on {teacher}</label>\n'
            f'<textarea class="ect-note" id="{note}" rows="4" data-note="{study.id}:reflection-{phase.id}" '
            f'data-label="{phase.name} scenario: your reflection" aria-describedby="{_reflection_id(study, phase)}">'
            "</textarea>\n")


def _reflection_id(study: model.SelfStudy, phase: model.Phase) -> str:
    return f"reflection-{study.id}-{phase.id}"


def _notes_actions(study: model.SelfStudy) -> str:
    """What the ECT can do with their reflections: all made in the browser (ect.js), nothing sent anywhere."""
    buttons = (("print", "Print my reflections"), ("print-study", "Print the study with my reflections"),
               ("rtf", "Download for Word (.rtf)"), ("text", "Download as text (.txt)"))
    return (f'<div class="ect-notes-actions" data-notes-actions="{study.id}">'
            + " ".join(f'<button type="button" class="md-button" data-notes-action="{action}">{label}</button>'
                       for action, label in buttons)
            + "</div>\n" + PRIVACY_NOTE)


def scenarios(sp: SchoolProgramme, study: model.SelfStudy, moment: str, with_notes: bool = False,
              for_mentor: bool = False) -> str:
    """The study's scenarios for the school's phases: as tabs when there are several.

    With notes (the ECT's own study, at the end), each scenario has a place to write a reflection.
    For a mentor, the end shows each situation in full: they have not read the start.
    """
    scenario_set = sp.programme.scenario_sets[study.scenario_set] if study.scenario_set else None
    chosen = list(scenario_set.scenarios) if scenario_set else []
    if not scenario_set or not chosen:
        return ""
    notes = with_notes and moment == "end"
    blocks = []
    for scenario in chosen:
        phase = sp.programme.phase(scenario.phase)
        if moment == "start":
            text = _scenario_start(phase, scenario)
        else:
            text = _scenario_end(phase, scenario, scenario_set, study, for_mentor)
        blocks.append((phase.name, text + "\n" + _reflection_note(study, phase, scenario.teacher) if notes else text))
    intro = ""
    if moment == "start" and len(blocks) > 1:
        intro = ("Choose the scenario for your phase or setting: " + ", ".join(name for name, _ in blocks)
                 + ". Your choice is remembered on every page.\n{: .ect-tabs-note .ect-screen-only }\n\n")
    return intro + phase_tabs(blocks) + ("\n" + _notes_actions(study) if notes else "")


def phase_tabs(blocks: list[tuple[str, str]]) -> str:
    """One block per phase: plain text when there is one, linked tabs labelled by phase when several."""
    if len(blocks) == 1:
        return blocks[0][1]
    return "\n".join(f'=== "{name}"\n\n{indent(text)}\n' for name, text in blocks)


def phase_examples(sp: SchoolProgramme, set_id: str) -> str:
    examples = sp.programme.phase_example_sets[set_id].examples
    if len(examples) == 1:
        return f"**{sp.programme.phase(examples[0].phase).name}:** {examples[0].text.strip()}\n"
    # on paper the tab labels are hidden, so each block carries its phase's name; its id lets a link (a search
    # result) open the tab
    return phase_tabs([(sp.programme.phase(e.phase).name,
                        f"{sp.programme.phase(e.phase).name}\n{{: .ect-phase-label #{set_id}-{e.phase} }}\n\n"
                        f"{e.text.strip()}\n")
                       for e in examples])


def _teacher(scenario: model.Scenario) -> str:
    # the role is a short phrase after the name; a full stop written at its end is not doubled
    return f"**{scenario.teacher}**, {scenario.role.strip().rstrip('.')}\n{{: .scenario-teacher }}\n"


def _paragraphs(text: str, attributes: str) -> str:
    """Writer's Markdown with attributes on its last paragraph (a <div> would not survive inside tabs)."""
    return f"{text.strip()}\n{{: {attributes} }}\n"


def _scenario_start(phase: model.Phase, scenario: model.Scenario) -> str:
    """The situation, then the writer's own prompt for reading the study."""
    return "\n".join([f"### {phase.name} scenario\n", _teacher(scenario), scenario.situation.strip() + "\n",
                      _paragraphs(scenario.prompt, ".scenario-prompt")])


def _scenario_end(phase: model.Phase, scenario: model.Scenario, scenario_set: model.ScenarioSet,
                  study: model.SelfStudy, for_mentor: bool) -> str:
    """The situation again (in full, or the writer's summary), the options A/B/C each with its feedback,
    then the reflection prompt as written."""
    revisit = scenario.revisit.strip()
    situation = scenario.situation if for_mentor or revisit.lower() == model.REPEAT else revisit
    lines = [f"### {phase.name} scenario\n", _teacher(scenario), situation.strip() + "\n",
             (scenario.options_intro or scenario_set.options_intro).strip() + "\n"]
    for letter, option in zip(OPTION_LETTERS, scenario.options, strict=True):
        lines.append(f"**Option {letter}:** {option.text.strip()}\n")
        if option.feedback:
            lines.append(f'??? option-feedback "Feedback on option {letter}"\n\n{indent(option.feedback)}\n')
    lines.append(_paragraphs(scenario.reflection, f".scenario-reflection #{_reflection_id(study, phase)}"))
    return "\n".join(lines)


def ingredients(sp: SchoolProgramme, set_id: str) -> str:
    ingredient_set = sp.programme.ingredient_sets[set_id]
    items = "\n".join(f"- **{i.name}**: {i.description}" for i in ingredient_set.ingredients)
    return f'!!! ingredients "Active ingredients: {ingredient_set.title}"\n\n{indent(items)}\n'


def example_slot(sp: SchoolProgramme, study: model.SelfStudy, slot_id: str) -> str:
    """The school's example; the slot's own guidance and the programme's on the national site; nothing for a
    school without one (its report lists the slot with its guidance)."""
    text = sp.examples.get(study.id, {}).get(slot_id)
    if text:  # written by school staff: untrusted, see untrusted.py
        return f"### Examples from {plain(sp.name)}\n\n{school_html(text)}{example_credit(sp, study.id, slot_id)}"
    if sp.is_national:
        slot = study.example_slot(slot_id)
        guidance = ((slot.guidance.strip() + "\n\n") if slot else "") + sp.programme.info.example_guidance.strip()
        return f'### Examples\n\n!!! example-slot "For schools: add your own example"\n\n{indent(guidance)}\n'
    return ""


def mentor_notes(sp: SchoolProgramme, study: model.SelfStudy) -> str:
    """The study's passages for mentors, each with the section it is in: never shown on the ECT's page."""
    blocks = []
    for note in sp.mentor_notes.get(study.id, ()):
        section = next((s.title for s in study.sections if s.id == note.section), None)
        title = "From the self-study" + (f", {section}" if section else "") + (f" · {note.label}" if note.label else "")
        blocks.append(f'!!! mentor-note "{title}"\n\n{indent(note.markdown)}\n')
    return "\n".join(blocks)


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
    """Framework statements as the framework prints them: under their standard's heading, then their kind's stem
    ("Learn that…"), then, for a standard's groups, the group's stem ("Develop as a professional, by…")."""
    index = link(from_src, FRAMEWORK_SRC)
    parts: list[str] = []
    for standard in sp.programme.standards:
        chosen = [s for s in standard.statements if s.code in codes]
        if not chosen:
            continue
        parts.append(f"### {standard.shown_heading}\n")
        for kind in sp.programme.info.statement_kinds:
            of_kind = [s for s in chosen if s.kind == kind.id]
            if not of_kind:
                continue
            parts.append(f"#### {kind.stem}\n")
            for group in (None, *standard.groups):
                group_id = group.id if group else None
                items = [s for s in of_kind if s.group == group_id]
                if items:
                    stem = f"*{group.stem}*\n{{: .statement-group }}\n\n" if group else ""
                    parts.append(stem + "\n".join(f"- [**{s.code}**]({index}#{statement_anchor(s.code)}) {s.text}"
                                                   for s in items) + "\n")
    return "\n".join(parts)


def meeting_template_link(from_src: str, sp: SchoolProgramme, study: model.SelfStudy | None) -> str:
    """A link to the meeting template of the page's study: its own when its mentor support has one."""
    template, src = template_for(sp, study) if study else (sp.programme.meeting_template, MEETING_TEMPLATE_SRC)
    return f"[{template.title}]({link(from_src, src)})\n"


def module_list(sp: SchoolProgramme, from_src: str) -> str:
    """The school's module order as a table: half term, module, seminar (seminars keep their order)."""
    seminars = sp.programme.year(1).seminars
    rows = []
    for position, module in enumerate(sp.module_order):
        seminar = seminars[position].title if position < len(seminars) else "—"
        rows.append([HALF_TERMS[position], f"[{module.label}]({link(from_src, module_src(module, 1))})",
                     f"[{module.label}]({link(from_src, module_src(module, 2))})", seminar])
    return table(["Half term", "Module (year 1)", "Module (year 2)", "Seminar focus (year 1)"], rows)
