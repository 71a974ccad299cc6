"""What a school's site leaves out or changes, against the national edition: the "What's different here"
page of each school's site (for the induction tutor and the provider's quality checks), and the same
facts in its contextualisation report. The national site has no such page.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline import slots
from pipeline.contextualise import SchoolProgramme
from pipeline.render.markdown import table
from pipeline.render.parts import HALF_TERMS
from pipeline.render.untrusted import plain
from pipeline.render.urls import GLOSSARY_SRC, WHATS_DIFFERENT_SRC, handbook_src, link, mentor_src, study_src
from pipeline.vocabulary import macro_calls


@dataclass(frozen=True)
class PageLoss:
    title: str
    src: str | None  # the page in the site, when it is one
    scenarios: int = 0
    examples: int = 0
    passages: int = 0  # tagged passages and sentences of prose
    other: int = 0  # glossary terms, and list items whose every word was for other phases


def _pages_by_source(sp: SchoolProgramme) -> dict[str, tuple[str, str | None]]:
    """Where each removal was found (a writer's file, or a set) → the pages that showed it."""
    programme = sp.programme
    pages: dict[str, list[tuple[str, str | None]]] = {}
    for study in programme.self_studies.values():
        title = programme.study_title(study)
        shown = [(title, study_src(study.id))]
        mentor = programme.mentor_page_for(study.id)
        if mentor is not None:
            pages.setdefault(mentor.source, []).append((f"Mentor support: {title}", mentor_src(mentor.id)))
        pages.setdefault(study.source, []).extend(shown)
        if study.scenario_set:
            with_mentor = shown + ([(f"Mentor support: {title}", mentor_src(mentor.id))] if mentor else [])
            pages.setdefault(f"scenario set {study.scenario_set}", []).extend(with_mentor)
        for call in macro_calls(study.body.text, study.body.first_line)[0]:
            if call.name == "phase_examples":
                pages.setdefault(f"phase example set {call.args[0]}", []).extend(shown)
    for chapter in programme.handbook.values():
        pages.setdefault(chapter.source, []).append((chapter.title, handbook_src(chapter)))
    pages["glossary"] = [("Glossary", GLOSSARY_SRC)]
    return pages


def losses_by_page(sp: SchoolProgramme) -> list[PageLoss]:
    """What each page of the site lost against the national edition, pages in the order of the site."""
    pages = _pages_by_source(sp)
    counts: dict[tuple[str, str | None], dict[str, int]] = {}
    for removal in sp.removals:
        column = {"scenario": "scenarios", "phase example": "examples", "passage": "passages",
                  "sentence": "passages"}.get(removal.what, "other")
        for page in pages.get(removal.where, [(removal.where[:1].upper() + removal.where[1:], None)]):
            counts.setdefault(page, {}).setdefault(column, 0)
            counts[page][column] += 1
    return [PageLoss(title, src, **columns) for (title, src), columns in sorted(
        counts.items(), key=lambda item: (item[0][1] is None, item[0][1] or "", item[0][0]))]


def whats_different_page(sp: SchoolProgramme) -> str:
    programme = sp.programme
    src = WHATS_DIFFERENT_SRC
    lines = ["---\nsearch:\n  exclude: true\n---\n", "# What's different here\n",
             f"This page compares {plain(sp.name)}'s site with the national edition of the {programme.info.name}, for "
             "the induction tutor and for the provider's quality checks. Everything else is as the national "
             "edition has it: the active ingredients, the framework statements and the core text never change.\n",
             "## Phases\n"]
    rows = [[phase.name, "kept", "", "", ""] for phase in sp.phases]
    rows += [[r.phase.name, "removed", str(r.scenarios), str(r.examples), str(r.passages)] for r in sp.removed]
    lines.append(table(["Phase", "On this site", "Scenarios removed", "Phase examples removed",
                        "Passages of prose removed"], rows, ["---", "---", "---:", "---:", "---:"]))
    lines.append("## What went with them, page by page\n")
    losses = losses_by_page(sp)
    if losses:
        lines.append(table(["Page", "Scenarios", "Phase examples", "Passages of prose", "Other items"], [
            [f"[{loss.title}]({link(src, loss.src)})" if loss.src else loss.title, str(loss.scenarios),
             str(loss.examples), str(loss.passages), str(loss.other)] for loss in losses],
            ["---", "---:", "---:", "---:", "---:"]))
    else:
        lines.append("Nothing: this site has every phase.\n")
    lines.append("## Module order\n")
    national_order = [programme.module(code) for code in programme.info.default_module_order]
    lines.append(table(["Half term", "Module on this site", "National edition"], [
        [half_term, module.label, default.label]
        for half_term, module, default in zip(HALF_TERMS, sp.module_order, national_order, strict=True)]))
    lines += [_local_examples(sp), "## Framework coverage\n", coverage(sp)]
    return "\n".join(lines)


def example_slots(sp: SchoolProgramme) -> list[tuple[str, str, str, bool]]:
    """Every example slot of the school's site: (page title, section title, slot id, filled?)."""
    return [(slot.page_title, slot.section_title, slot.slot_id,
             bool(sp.examples.get(slot.page_id, {}).get(slot.slot_id))) for slot in slots.example_slots(sp.programme)]


def _local_examples(sp: SchoolProgramme) -> str:
    every_slot = example_slots(sp)
    filled = [slot for slot in every_slot if slot[3]]
    lines = ["## Local examples\n",
             f"{len(filled)} of the {len(every_slot)} example slots hold {plain(sp.name)}'s own examples; the others "
             "show nothing on this site.\n"]
    if every_slot:
        lines.append(table(["Page", "Section", "Slot", "Local example"],
                           [[page, section, f"`{slot}`", "yes" if has else "not yet"]
                            for page, section, slot, has in every_slot]))
    return "\n".join(lines)


def coverage(sp: SchoolProgramme) -> str:
    lines = []
    if not sp.coverage_lost:
        lines.append("Every framework statement the national edition covers is covered on this site too.\n")
    else:
        lines.append(table(["Statement", "Covered nationally by"],
                           [[code, "; ".join(pages)] for code, pages in sp.coverage_lost]))
    return "\n".join(lines)
