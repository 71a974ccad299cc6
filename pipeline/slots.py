"""The example slots a school can fill: where each one is, what it asks for, and how to fill it.

One list for the three places that tell a school about slots: the rule that checks its examples
(validate/school.py), its contextualisation report (report.py) and the set-up page's data
(render/setup_page.py). A slot is named by its page's id and its own id; slot ids repeat across
pages (a feedback slot on three studies), so a slot id alone names nothing.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass

from pipeline import model
from pipeline.vocabulary import macro_calls


@dataclass(frozen=True)
class ExampleSlot:
    page_id: str
    page_title: str
    year: int
    module: str  # the module's letter
    section_id: str  # the section the slot is in ("" before the first)
    section_title: str
    slot_id: str
    ingredients: tuple[str, ...]  # the names of the active ingredients shown in its section
    own_guidance: str  # what the writer asks for in this slot (the study's example_slots), one line


def example_slots(programme: model.Programme) -> list[ExampleSlot]:
    """Every example slot of the programme, in reading order (year, module, core first, electives 1–5)."""
    slots = []
    studies = sorted(programme.self_studies.values(), key=lambda s: (s.year, s.module, s.number or 0, s.id))
    for study in studies:
        section_id, section_title, ingredients = "", "", ()
        for call in macro_calls(study.body.text, study.body.first_line)[0]:
            if call.name == "section":
                section_id = call.args[0]
                section_title = next((s.title for s in study.sections if s.id == section_id), section_id)
                ingredients = ()
            elif call.name == "ingredients" and call.args[0] in programme.ingredient_sets:
                ingredients += tuple(i.name for i in programme.ingredient_sets[call.args[0]].ingredients)
            elif call.name == "example_slot":
                declared = study.example_slot(call.args[0])
                slots.append(ExampleSlot(study.id, programme.study_title(study), study.year, study.module,
                                         section_id, section_title, call.args[0], ingredients,
                                         " ".join(declared.guidance.split()) if declared else ""))
    return slots


def slots_by_page(programme: model.Programme) -> dict[str, list[str]]:
    """The example slots each self-study offers, in page order (pages without slots too)."""
    pages: dict[str, list[str]] = {study_id: [] for study_id in programme.self_studies}
    for slot in example_slots(programme):
        pages[slot.page_id].append(slot.slot_id)
    return pages


def guidance(programme: model.Programme, slot: ExampleSlot) -> str:
    """What the slot asks for: its own guidance (the programme's general guidance if it has none), and the
    active ingredients its example should show."""
    text = slot.own_guidance or " ".join(programme.info.example_guidance.split())
    if slot.ingredients:
        text += " The active ingredients of this section: " + "; ".join(slot.ingredients) + "."
    return text


def snippet(slot: ExampleSlot) -> str:
    """Lines to paste into school.yml to fill the slot (the page's line goes once under `examples:`)."""
    return (f"examples:\n  {slot.page_id}:            # {slot.page_title}\n"
            f"    {slot.slot_id}: |\n      TODO write your example here, in Markdown.\n")


def _comparable(text: str) -> str:
    """A title as a person might type it: any case, curly or straight quotes, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.casefold().split())


def pages_titled(programme: model.Programme, typed: str) -> list[str]:
    """The ids of the self-studies whose title is `typed` (ignoring case, quotes and spacing)."""
    wanted = _comparable(typed)
    return sorted(study.id for study in programme.self_studies.values()
                  if _comparable(programme.study_title(study)) == wanted)


def described(programme: model.Programme, page_ids: list[str]) -> str:
    """Pages as a tutor can tell them apart: id, title, year and module."""
    studies = [programme.self_studies[page_id] for page_id in page_ids]
    return "; ".join(f"{s.id} ({json.dumps(programme.study_title(s), ensure_ascii=False)}, year {s.year}, "
                     f"{programme.module(s.module).name})" for s in studies)
