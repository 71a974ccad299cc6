"""The contextualisation report: what a school's build kept, removed and left to do.

Written beside the published site (OUT/SLUG.report.md), never inside it, for the induction
tutor to read after each build.
"""

from __future__ import annotations

from pipeline.contextualise import SchoolProgramme
from pipeline.problems import Problem
from pipeline.render.differences import coverage, example_slots, losses_by_page
from pipeline.render.parts import HALF_TERMS


def contextualisation_report(sp: SchoolProgramme, problems: list[Problem]) -> str:
    slots = example_slots(sp)
    filled = [s for s in slots if s[3]]
    unfilled = [s for s in slots if not s[3]]
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
    if unfilled:
        lines += ["Still to fill (add them under `examples:` in your school.yml):", "",
                  "| Page | Section | Slot |", "| --- | --- | --- |"]
        lines += [f"| {page} | {section} | `{slot}` |" for page, section, slot, _ in unfilled]
        lines.append("")
    if filled:
        lines += ["Filled:", "", "| Page | Section | Slot |", "| --- | --- | --- |"]
        lines += [f"| {page} | {section} | `{slot}` |" for page, section, slot, _ in filled]
        lines.append("")
    warnings = [str(p) for p in problems if p.severity == "warning"]
    lines += ["## Warnings", ""]
    lines += [f"- {w}" for w in warnings] if warnings else ["None."]
    return "\n".join(lines) + "\n"
