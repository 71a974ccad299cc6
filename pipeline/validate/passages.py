"""Rules for tagged passages (pipeline/passages.py) wherever writers write: Markdown bodies and YAML text.

A passage that check passes is removed or kept exactly as its tags say, on every site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pipeline import passages
from pipeline.load.programme import field_name
from pipeline.load.yaml_lines import LineDict, text_values
from pipeline.validate.rules import Checking, rule, source_rule
from pipeline.vocabulary import macro_calls

README = "see 'Passages for some phases only' in content/README.md"
# YAML keys whose values are ids, codes or names the pipeline reads, never prose for readers
NOT_PROSE = frozenset({
    "id", "phase", "phases", "kind", "stage", "element", "elements", "aligned_study", "scenario_set", "action_set",
    "module", "code", "statements", "learning_intentions", "ingredients", "icon", "frequency", "edition_date",
    "default_module_order", "module_order", "choose_one",
})
_STRUCTURE_CALL = re.compile(r'\{\{\s*(section|example_slot)\(')


@dataclass(frozen=True)
class Text:
    """One text a writer wrote, wherever it is."""

    relative: str  # the file, relative to the content folder
    field: str  # "body", or the YAML field, e.g. scenarios[2].situation
    text: str
    first_line: int
    implicit: tuple[str, ...] | None  # the phases the YAML around it is for (a scenario's phase), if any
    noun: str  # what the text is, for messages: "this text", "this scenario", …
    list_item: bool = False  # the whole value is an item of a list (dropped when a site leaves it empty)
    is_body: bool = False  # a Markdown body (else a YAML text value)


def phase_facts(c: Checking) -> list[dict[str, Any]]:
    """The phases as phases.yml writes them (read from the file, so these rules run whatever else failed)."""
    raw = c.loaded.raw.get("phases.yml")
    items = raw.get("phases") if isinstance(raw, dict) else None
    return [item for item in items or [] if isinstance(item, dict) and isinstance(item.get("id"), str)]


def known_tags(c: Checking) -> list[str]:
    return [item["id"] for item in phase_facts(c)] + list(passages.SPECIAL_TAGS)


def _implicit(data: Any, location: tuple[Any, ...]) -> tuple[tuple[str, ...] | None, str]:
    """The phases that the blocks around a YAML value are for (a scenario's `phase:`, a term's `phases:`)."""
    phases, noun, node = None, "this text", data
    for step in location[:-1]:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, LineDict):
            if isinstance(node.get("phase"), str):
                phases, noun = (node["phase"],), "this " + ("scenario" if "teacher" in node else "example")
            elif isinstance(node.get("phases"), list) and node["phases"] and "term" in node:
                phases, noun = tuple(p for p in node["phases"] if isinstance(p, str)), "this glossary term"
    return phases, noun


def texts(c: Checking, yaml: bool = True, bodies: bool = True) -> list[Text]:
    """Every text writers wrote: YAML text values (not ids or codes) and Markdown bodies."""
    if _found[0] is not c.loaded:  # several rules read them all: find them once per load
        _found[:] = [c.loaded, _yaml_texts(c) + _body_texts(c)]
    return [text for text in _found[1] if (bodies if text.is_body else yaml)]


_found: list = [None, []]  # the last load, and its texts


def _yaml_texts(c: Checking) -> list[Text]:
    found = []
    for relative, data in sorted(c.loaded.raw.items()):
        if relative == "phases.yml":
            continue  # the phases' own names and markers
        for location, line, value in text_values(data):
            keys = [step for step in location if isinstance(step, str)]
            if not keys or keys[-1] in NOT_PROSE:
                continue
            implicit, noun = _implicit(data, location)
            found.append(Text(relative, field_name(location), value, line, implicit, noun,
                              isinstance(location[-1], int)))
    return found


def _body_texts(c: Checking) -> list[Text]:
    return [Text(relative, "body", body.text, body.first_line, None, "this text", is_body=True)
            for relative, (_, body) in sorted(c.loaded.bodies.items())]


def _parsed(text: Text) -> passages.Parsed:
    return passages.parse(text.text, text.first_line)


@source_rule
def passages_are_opened_and_closed(c: Checking) -> None:
    for text in texts(c):
        if passages.has_passages(text.text):
            for problem in _parsed(text).problems:
                c.report_line(text.relative, problem.line, text.field, problem.message, problem.hint)


@source_rule
def passages_name_known_phases(c: Checking) -> None:
    known = known_tags(c)
    for text in texts(c):
        if not passages.has_passages(text.text):
            continue
        parsed = _parsed(text)
        for passage in parsed.all_passages():
            line = parsed.file_line(passage.line)
            unknown = [tag for tag in passage.tags if tag not in known]
            if unknown or not passage.tags:
                what = f"'{unknown[0]}' is not a phase" if unknown else "this passage names no phase"
                c.report_line(text.relative, line, text.field, what, "use one of: " + ", ".join(known))
            elif passages.ALL in passage.tags and len(passage.tags) > 1:
                c.report_line(text.relative, line, text.field, "'all' cannot be combined with other tags",
                              "[[all: …]] is for every site: remove the other tags, or 'all'")


@source_rule
def passages_inside_passages_narrow_their_phases(c: Checking) -> None:
    for text in texts(c):
        if not (passages.has_passages(text.text) or text.implicit):
            continue
        parsed = _parsed(text)
        for passage in parsed.all_passages():
            outer = next((p for p in passage.ancestors() if p.phases), None)
            phases = outer.phases if outer else text.implicit
            if not passage.phases or not phases:
                continue
            inside = (f"the '{outer.written}' passage of line {parsed.file_line(outer.line)}" if outer
                      else f"{text.noun}, which is for {', '.join(phases)}")
            line = parsed.file_line(passage.line)
            if not set(passage.phases) <= set(phases):
                c.report_line(text.relative, line, text.field,
                              f"'{passage.written}' is inside {inside}: it would never be shown",
                              "close the outer passage first, or tag this one with phases of the outer one only")
            elif set(passage.phases) == set(phases):
                c.report_line(text.relative, line, text.field, f"'{passage.written}' is inside {inside} already",
                              "remove the inner tags")


@source_rule
def notes_for_mentors_are_in_self_studies(c: Checking) -> None:
    for text in texts(c):
        if not passages.has_passages(text.text):
            continue
        if text.field == "body" and text.relative.startswith("self-studies/"):
            continue
        parsed = _parsed(text)
        for passage in parsed.all_passages():
            if passages.MENTORS in passage.tags:
                where = "on a mentor page everything is for mentors" if text.relative.startswith(
                    "mentor-support/") else "notes for mentors belong in the body of a self-study"
                c.report_line(text.relative, parsed.file_line(passage.line), text.field,
                              f"a passage for mentors is not possible here: {where}",
                              "remove the 'mentors' tag, or move the passage into a self-study")


@source_rule
def sections_and_slots_are_outside_passages(c: Checking) -> None:
    for text in texts(c, yaml=False):
        if not passages.has_passages(text.text):
            continue
        parsed = _parsed(text)
        if parsed.problems:
            continue  # an unclosed passage would seem to hold everything after it
        for call in _STRUCTURE_CALL.finditer(text.text):
            passage = parsed.innermost(call.start())
            if passage is not None and passage.tags != (passages.ALL,):
                c.report_line(text.relative, parsed.file_line(parsed.line_at(call.start())), "body",
                              f"{call[1]}() is inside the passage '{passage.written}': every edition needs it",
                              f"move it before the passage, or close the passage before it; {README}")


@source_rule
def required_text_is_never_left_empty(c: Checking) -> None:
    """A text that is not a list item (those are dropped) must keep some words on every site."""
    nobody = passages.Edition((), {}, national=False)
    for text in texts(c, bodies=False):
        if text.list_item or not passages.has_passages(text.text):
            continue
        parsed = _parsed(text)
        if parsed.problems or not parsed.blocks and not parsed.inlines:
            continue
        if not passages.render(text.text, nobody, parsed).text.strip():
            c.report_line(text.relative, text.first_line, text.field,
                          "every word of this text is tagged: a site with none of its phases would show it empty",
                          "leave some words untagged, or tag sentences inside it rather than the whole text")


@rule
def notes_for_mentors_are_shown_on_the_mentor_page(c: Checking) -> None:
    for study_id, study in c.programme.self_studies.items():
        if not passages.has_passages(study.body.text):
            continue
        parsed = passages.parse(study.body.text, study.body.first_line)
        notes = [p for p in parsed.all_passages() if passages.MENTORS in p.tags
                 and not any(passages.MENTORS in a.tags for a in p.ancestors())]
        if not notes:
            continue
        mentor_page = c.programme.mentor_page_for(study_id)
        shown = mentor_page is not None and any(
            call.name == "mentor_notes" for call in macro_calls(mentor_page.body.text, mentor_page.body.first_line)[0])
        if shown:
            continue
        why = (f"mentor-support/{mentor_page.id}.md does not show the study's notes" if mentor_page
               else "this study has no mentor support page")
        fix = ("add {{ mentor_notes() }} to the mentor page where the notes should appear" if mentor_page
               else "write its mentor page (content/mentor-support/) with {{ mentor_notes() }}, or remove the note")
        for note in notes:
            c.report_line(f"self-studies/{study_id}.md", parsed.file_line(note.line), "body",
                          f"this note for mentors would never be shown: {why}", fix)


@rule
def mentor_notes_only_on_mentor_pages(c: Checking) -> None:
    for study_id, study in c.programme.self_studies.items():
        for call in macro_calls(study.body.text, study.body.first_line)[0]:
            if call.name == "mentor_notes":
                c.report_line(f"self-studies/{study_id}.md", call.line, "body",
                              "mentor_notes() shows a study's notes for mentors on its mentor page, not in the study",
                              "move it to the mentor support page")
