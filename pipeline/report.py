"""The contextualisation report: what a school's build kept, removed and left to do.

Written beside the published site (OUT/SLUG.report.md), never inside it, for the induction
tutor to read after each build.
"""

from __future__ import annotations

import re

from pipeline import slots
from pipeline.contextualise import SchoolProgramme
from pipeline.problems import Problem
from pipeline.render.differences import coverage, losses_by_page
from pipeline.render.parts import HALF_TERMS
from pipeline.render.schedule_pages import difference
from pipeline.safety.stale_examples import examples_to_review, review_command
from pipeline.schedule import amount_text, for_school, hours_text, school_year_text


def example_slots(sp: SchoolProgramme) -> list[tuple[str, str, str, bool]]:
    """Every example slot of the school's site: (page title, section title, slot id, filled?)."""
    return [(slot.page_title, slot.section_title, slot.slot_id, _filled(sp, slot))
            for slot in slots.example_slots(sp.programme)]


def _filled(sp: SchoolProgramme, slot: slots.ExampleSlot) -> bool:
    return bool(sp.examples.get(slot.page_id, {}).get(slot.slot_id))


def unfilled_slots_section(sp: SchoolProgramme) -> list[str]:
    """Each slot still to fill: where it is, what it asks for, and the lines to paste into school.yml."""
    unfilled = [slot for slot in slots.example_slots(sp.programme) if not _filled(sp, slot)]
    if not unfilled:
        return []
    lines = ["Still to fill. For each slot, paste the lines shown into your school.yml and write your example in "
             "place of the text in it. `examples:` is written once: if your file has it already, paste the lines "
             "under it, and if the page's line is there too, only the slot's. The set-up page on the national "
             "site (*Set up your school*) does this for you.", ""]
    for slot in unfilled:
        lines += [f"### {slot.page_title}: {slot.section_title or 'before the first section'}", "",
                  f"- Page: {slot.page_title} (page id `{slot.page_id}`, year {slot.year}, "
                  f"{sp.programme.module(slot.module).name})",
                  f"- Slot: `{slot.slot_id}`, in the section “{slot.section_title}”",
                  f"- What it asks for: {slots.guidance(sp.programme, slot)}", "",
                  "```yaml", slots.snippet(slot).rstrip("\n"), "```", ""]
    return lines


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


def contextualisation_report(sp: SchoolProgramme, problems: list[Problem]) -> str:
    every_slot = example_slots(sp)
    filled = [s for s in every_slot if s[3]]
    unfilled = [s for s in every_slot if not s[3]]
    lines = [f"# Contextualisation report: {sp.name}", "",
             f"What this build of {sp.name}'s site kept, removed and left to do.", "",
             "## Phases", "",
             "| Phase | In this site | Scenarios removed | Phase examples removed | Passages of prose removed |",
             "| --- | --- | ---: | ---: | ---: |"]
    lines += [f"| {p.name} | kept | 0 | 0 | 0 |" for p in sp.phases]
    lines += [f"| {r.phase.name} | removed | {r.scenarios} | {r.examples} | {r.passages} |" for r in sp.removed]
    lines += ["", "## What went with them, page by page", ""]
    losses = losses_by_page(sp)
    if losses:
        lines += ["| Page | Scenarios | Phase examples | Passages of prose | Other items |",
                  "| --- | ---: | ---: | ---: | ---: |"]
        lines += [f"| {loss.title} | {loss.scenarios} | {loss.examples} | {loss.passages} | {loss.other} |"
                  for loss in losses]
    else:
        lines.append("Nothing: this site has every phase.")
    lines += ["", "## Framework coverage", "", coverage(sp).strip()]
    lines += ["", "## Module order", "", "| Half term | Module |", "| --- | --- |"]
    lines += [f"| {half_term} | {module.label} |" for half_term, module in zip(HALF_TERMS, sp.module_order)]
    lines += ["", f"## Example slots: {len(filled)} filled, {len(unfilled)} still to fill", ""]
    lines += unfilled_slots_section(sp)
    if filled:
        lines += ["Filled:", "", "| Page | Section | Slot |", "| --- | --- | --- |"]
        lines += [f"| {page} | {section} | `{slot}` |" for page, section, slot, _ in filled]
        lines.append("")
    lines += examples_to_review_section(sp)
    lines += schedule_section(sp)
    # Examples to review have their own section above, with the change to the national text; a study
    # without a scenario for one of the school's phases stops the build (pipeline/guards.py).
    warnings = [str(p) for p in problems if p.severity == "warning" and p.rule != STALE_RULE]
    lines += ["## Warnings", ""]
    lines += [f"- {w}" for w in warnings] if warnings else ["None."]
    return "\n".join(lines) + "\n"
