"""The contextualisation report: what a school's build kept, removed and left to do.

Written beside the published site (OUT/SLUG.report.md), never inside it, for the induction
tutor to read after each build.
"""

from __future__ import annotations

import re

from pipeline.contextualise import SchoolProgramme
from pipeline.problems import Problem
from pipeline.render.parts import HALF_TERMS
from pipeline.render.schedule_pages import difference
from pipeline.safety.stale_examples import examples_to_review, review_command
from pipeline.schedule import amount_text, for_school, hours_text, school_year_text
from pipeline.vocabulary import macro_calls


def example_slots(sp: SchoolProgramme) -> list[tuple[str, str, str, bool]]:
    """Every example slot of the school's site: (page title, section title, slot id, filled?)."""
    return [slot[:4] for slot in example_slots_with_guidance(sp)]


def example_slots_with_guidance(sp: SchoolProgramme) -> list[tuple[str, str, str, bool, str]]:
    """Every example slot of the school's site: (page title, section title, slot id, filled?, the slot's guidance)."""
    programme = sp.programme
    slots = []
    for study in sorted(programme.self_studies.values(), key=lambda s: (s.year, s.module, s.number or 0, s.id)):
        section_title = ""
        for call in macro_calls(study.body.text, study.body.first_line)[0]:
            if call.name == "section":
                section_title = next(s.title for s in study.sections if s.id == call.args[0])
            elif call.name == "example_slot":
                filled = bool(sp.examples.get(study.id, {}).get(call.args[0]))
                slot = study.example_slot(call.args[0])
                guidance = " ".join(slot.guidance.split()) if slot else ""
                slots.append((programme.study_title(study), section_title, call.args[0], filled, guidance))
    return slots


def missing_scenarios(sp: SchoolProgramme) -> list[str]:
    """Kept phases that a study's scenario set has no scenario for."""
    notes = []
    for study in sorted(sp.programme.self_studies.values(), key=lambda s: s.id):
        if not study.scenario_set:
            continue
        have = {s.phase for s in sp.programme.scenario_sets[study.scenario_set].scenarios}
        for phase in sp.phases:
            if phase.id not in have:
                notes.append(f"{sp.programme.study_title(study)}: no scenario for {phase.name} yet.")
    return notes


STALE_RULE = "school.examples_fit_their_national_section"


def examples_to_review_section(sp: SchoolProgramme) -> list[str]:
    """The school's examples whose national section changed since they were reviewed, each with the change."""
    if sp.school is None:
        return []
    to_review = examples_to_review(sp.programme, sp.school)
    lines = [f"## Examples to review: {len(to_review)}", ""]
    if not to_review:
        return lines + ["Every example fits the national text it was reviewed against.", ""]
    for item in to_review:
        lines += [f"### {item.page_title}: `{item.slot_id}`", ""]
        if item.changed:
            fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", item.diff)), default=0))
            lines += [f"To review: the section above it (“{item.section_title}”) changed since the example was "
                      "marked reviewed. Here is the change to the national text (- before, + now):", "",
                      f"{fence}diff", item.diff, fence, ""]
        else:
            lines += [f"Not yet marked reviewed against the section above it (“{item.section_title}”).", ""]
        lines += [f"When the example fits, run `{review_command(sp.slug, item.reference)}`.", ""]
    return lines


def schedule_section(sp: SchoolProgramme) -> list[str]:
    """The time budget half term by half term, and where the plan asks more than the ECT's time off timetable."""
    schedule = for_school(sp)
    typical = schedule.typical_school_years
    lines = ["## Schedule and time budget", "",
             f"The ECT's induction from {schedule.half_terms[0].label} to {schedule.half_terms[-1].label}; "
             f"a full timetable of {schedule.timetable_hours:g} hours a week"
             + ("" if schedule.timetable_from_school else " (the typical figure)") + "."
             + (f" Term dates for {', '.join(map(school_year_text, typical))} follow the typical pattern."
                if typical else ""), "",
             "| Half term | Module | ECT's time | Time off timetable | Difference | Mentor's time |",
             "| --- | --- | ---: | ---: | --- | ---: |"]
    lines += [f"| {h.label} | {h.module.label} | {hours_text(h.budget.ect_minutes)} | {hours_text(h.budget.entitled)} "
              f"| {difference(h)} | {hours_text(h.budget.mentor_minutes)} |" for h in schedule.half_terms]
    lines.append("")
    if schedule.over:
        lines += [f"Over the time off timetable in {len(schedule.over)} half term"
                  f"{'s' if len(schedule.over) != 1 else ''}:", ""]
        lines += [f"- {h.label}: over by {amount_text(h.budget.over)}" for h in schedule.over]
    else:
        lines.append("Every half term fits the ECT's time off timetable.")
    return lines + [""]


def _cell(text: str) -> str:
    """Text in one table cell: a "|" would end the cell."""
    return text.replace("|", "\\|")


def contextualisation_report(sp: SchoolProgramme, problems: list[Problem]) -> str:
    slots = example_slots_with_guidance(sp)
    filled = [s for s in slots if s[3]]
    unfilled = [s for s in slots if not s[3]]
    lines = [f"# Contextualisation report: {sp.name}", "",
             f"What this build of {sp.name}'s site kept, removed and left to do.", "",
             "## Phases", "",
             "| Phase | In this site | Scenarios removed | Phase examples removed |",
             "| --- | --- | ---: | ---: |"]
    lines += [f"| {p.name} | kept | 0 | 0 |" for p in sp.phases]
    lines += [f"| {r.phase.name} | removed | {r.scenarios} | {r.examples} |" for r in sp.removed]
    lines += ["", "## Module order", "", "| Half term | Module |", "| --- | --- |"]
    lines += [f"| {half_term} | {module.label} |" for half_term, module in zip(HALF_TERMS, sp.module_order)]
    lines += ["", f"## Example slots: {len(filled)} filled, {len(unfilled)} still to fill", ""]
    if unfilled:
        lines += ["Still to fill (add them under `examples:` in your school.yml):", "",
                  "| Page | Section | Slot | What to add |", "| --- | --- | --- | --- |"]
        lines += [f"| {page} | {section} | `{slot}` | {_cell(guidance)} |"
                  for page, section, slot, _, guidance in unfilled]
        lines.append("")
    if filled:
        lines += ["Filled:", "", "| Page | Section | Slot |", "| --- | --- | --- |"]
        lines += [f"| {page} | {section} | `{slot}` |" for page, section, slot, _, _ in filled]
        lines.append("")
    lines += examples_to_review_section(sp)
    lines += schedule_section(sp)
    # Examples to review have their own section above, with the change to the national text.
    warnings = [str(p) for p in problems if p.severity == "warning" and p.rule != STALE_RULE] + missing_scenarios(sp)
    lines += ["## Warnings", ""]
    lines += [f"- {w}" for w in warnings] if warnings else ["None."]
    return "\n".join(lines) + "\n"
