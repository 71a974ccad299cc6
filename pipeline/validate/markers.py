"""The guard against phase leaks: a phase's marker terms (content/phases.yml) in text not tagged for it.

A school without that phase would show the words, so check.py reports each at file:line with the
fix: tag the passage for the phase, or mark a deliberate mention as [[all: …]]. The same guard warns
about a school's own text (validate/school.py).
"""

from __future__ import annotations

from pipeline import passages
from pipeline.markers import Found, Markers, PhaseMarkers, markers_for, readable
from pipeline.validate.passages import Text, phase_facts, texts
from pipeline.validate.rules import Checking, rule, source_rule


def markers_of(c: Checking) -> tuple[Markers, dict[str, str]]:
    """Every phase's markers, and each phase's name by id."""
    facts = phase_facts(c)

    def texts_in(item: dict, key: str) -> tuple[str, ...]:
        values = item.get(key)
        return tuple(v for v in values if isinstance(v, str)) if isinstance(values, list) else ()

    phases = [PhaseMarkers(item["id"], texts_in(item, "markers"), texts_in(item, "uses_markers_of")) for item in facts]
    return markers_for(tuple(phases)), {item["id"]: str(item.get("name", item["id"])) for item in facts}


def _names(phases: tuple[str, ...], names: dict[str, str]) -> str:
    shown = [names.get(p, p) for p in phases]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def leak(found: Found, words: str, tagged: tuple[str, ...] | None, noun: str,
         names: dict[str, str]) -> tuple[str, str] | None:
    """What is wrong with a marker in text tagged for `tagged` (None: every phase), and the fix; None if fine."""
    if tagged is not None and set(tagged) <= found.home:
        return None
    named = f"'{words}' names the {names.get(found.phase, found.phase)} phase"
    allow = f"or mark a deliberate mention as [[all: {words}]]"
    if tagged is None:
        return (f"{named}, but {noun} is for every phase: schools without it would show it",
                f"put it in a passage for that phase ([[{found.phase}: …]] or '::: {found.phase}'), {allow}")
    others = tuple(p for p in tagged if p not in found.home)
    if len(others) < len(tagged):
        return (f"{named}, but {noun} is also for {_names(others, names)}: their sites would show it",
                f"give {found.phase} a passage of its own, {allow}")
    return (f"{named}, but {noun} is for {_names(tagged, names)}",
            f"tag it for {found.phase} instead, {allow}")


def text_leaks(text: Text, markers: Markers, names: dict[str, str]) -> list[tuple[int, str, str]]:
    """Every marker in the text that a site without its phase would show: (file line, what, fix)."""
    shown = readable(text.text)
    found = markers.find(shown)
    if not found:
        return []
    parsed = passages.parse(text.text, text.first_line)
    problems = []
    for marker in found:
        innermost = parsed.innermost(marker.start)
        chain = [innermost, *innermost.ancestors()] if innermost else []
        if any(passages.ALL in p.tags for p in chain):
            continue  # a deliberate mention
        tagged = next((p.phases for p in chain if p.phases), None)
        noun = "this passage" if tagged else text.noun
        if tagged is None:
            tagged = text.implicit
        words = " ".join(shown[marker.start:marker.end].replace("*", "").replace("_", "").split())
        problem = leak(marker, words, tagged, noun, names)
        if problem:
            problems.append((parsed.file_line(parsed.line_at(marker.start)), *problem))
    return problems


@source_rule
def prose_names_only_the_phases_it_is_for(c: Checking) -> None:
    markers, names = markers_of(c)
    for text in texts(c):
        if text.implicit and not set(text.implicit) <= set(names):
            continue  # an unknown phase is reported already
        for line, message, hint in text_leaks(text, markers, names):
            c.report_line(text.relative, line, text.field, message, hint)


@source_rule
def markers_belong_to_one_phase(c: Checking) -> None:
    owner: dict[str, str] = {}
    for index, item in enumerate(phase_facts(c)):
        for number, term in enumerate(item.get("markers") or []):
            if not isinstance(term, str):
                continue
            key = " ".join(term.lower().replace("-", " ").split())
            if key in owner and owner[key] != item["id"]:
                c.report("phases.yml", ("phases", index, "markers", number), f"phases[{index}].markers[{number}]",
                         f"'{term}' is also a marker of {owner[key]}", "list each marker under one phase only")
            owner.setdefault(key, item["id"])


@rule
def phases_use_markers_of_phases_that_exist(c: Checking) -> None:
    known = [p.id for p in c.programme.phases]
    for index, phase in enumerate(c.programme.phases):
        for number, other in enumerate(phase.uses_markers_of):
            if other not in known or other == phase.id:
                what = f"'{other}' is not a phase" if other not in known else "a phase uses its own markers already"
                c.report("phases.yml", ("phases", index, "uses_markers_of", number),
                         f"phases[{index}].uses_markers_of[{number}]", what,
                         "use one of: " + ", ".join(k for k in known if k != phase.id))


@rule
def glossary_terms_name_phases_that_exist(c: Checking) -> None:
    known = [p.id for p in c.programme.phases]
    for index, term in enumerate(c.programme.glossary):
        for number, phase in enumerate(term.phases):
            if phase not in known:
                c.report("glossary.yml", ("terms", index, "phases", number), f"terms[{index}].phases[{number}]",
                         f"'{phase}' is not a phase", "use one of: " + ", ".join(known))
