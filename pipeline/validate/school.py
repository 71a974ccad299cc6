"""Rules for one school's context, and the checked School it gives.

School staff write these files, so every rule points at the line in school.yml (or the example
file) and says what to do in plain words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import model, passages
from pipeline.load.programme import field_name
from pipeline.load.school import example_text, read_school, school_slug
from pipeline.load.source_text import SourceUnreadable
from pipeline.load.yaml_lines import line_of, text_values
from pipeline.markers import Markers, PhaseMarkers, markers_for, readable
from pipeline.problems import Problem, display_path
from pipeline.render.slugs import slug_problem
from pipeline.sequence import module_order_problems, resolve_module_order
from pipeline.validate.checklists import task_id_problems
from pipeline.validate.rules import one_of, rule_name
from pipeline.vocabulary import macro_calls

_IMAGE_WITHOUT_ALT = re.compile(r"!\[\s*\]\(")


@dataclass
class SchoolChecking:
    """What every school rule sees."""

    school_file: Path
    file: model.SchoolFile
    raw: Any
    programme: model.Programme
    reserved: frozenset[str]
    problems: list[Problem] = field(default_factory=list)
    examples: dict[str, dict[str, str]] = field(default_factory=dict)  # filled in by the examples rule
    rule: str = ""

    def report(self, location: tuple[object, ...], field: str, message: str, hint: str,
               line: int | None = None, severity: str = "error", path: Path | None = None) -> None:
        where = line if line is not None else line_of(self.raw, location) or 1
        self.problems.append(Problem(display_path(path or self.school_file), where, field, message, hint, severity,
                                     rule=self.rule))


SchoolRule = Callable[[SchoolChecking], None]
SCHOOL_RULES: list[SchoolRule] = []


def school_rule(function: SchoolRule) -> SchoolRule:
    SCHOOL_RULES.append(function)
    return function


@school_rule
def folder_name_is_usable(s: SchoolChecking) -> None:
    problem = slug_problem(school_slug(s.school_file), s.reserved)
    if problem:
        s.report((), "", *problem, line=0)


@school_rule
def phases_exist_once_each(s: SchoolChecking) -> None:
    phase_ids = [p.id for p in s.programme.phases]
    for index, phase in enumerate(s.file.phases):
        if phase not in phase_ids:
            s.report(("phases", index), f"phases[{index}]", f"'{phase}' is not a phase", one_of(phase_ids))
        elif phase in s.file.phases[:index]:
            s.report(("phases", index), f"phases[{index}]", f"'{phase}' is listed twice", "list each phase once")


@school_rule
def module_order_follows_the_rules(s: SchoolChecking) -> None:
    if s.file.module_order is None:  # the programme's default order
        return
    for index, message, hint in module_order_problems(list(s.file.module_order), s.programme):
        s.report(("module_order", index) if index is not None else ("module_order",), "module_order", message, hint)


def slots_by_page(programme: model.Programme) -> dict[str, list[str]]:
    """The example slots each self-study offers, in page order (mentor pages have none)."""
    return {page.id: [c.args[0] for c in macro_calls(page.body.text, page.body.first_line)[0]
                      if c.name == "example_slot"] for page in programme.self_studies.values()}


@school_rule
def examples_fill_slots_that_exist(s: SchoolChecking) -> None:
    slots = slots_by_page(s.programme)
    for page_id, page_examples in s.file.examples.items():
        if page_id not in slots:
            s.report(("examples", page_id), f"examples.{page_id}", f"there is no page '{page_id}'",
                     "use the id of a self-study: " + ", ".join(sorted(slots)))
            continue
        for slot_id, value in page_examples.items():
            where, field = ("examples", page_id, slot_id), f"examples.{page_id}.{slot_id}"
            if slot_id not in slots[page_id]:
                s.report(where, field, f"the page '{page_id}' has no example slot '{slot_id}'",
                         f"use one of: {', '.join(slots[page_id]) or '(this page has no slots)'}")
                continue
            try:
                text = example_text(value, s.school_file.parent)
            except SourceUnreadable as error:
                s.problems.append(error.problem)
                continue
            if text is None:
                s.report(where, field, f"the file '{value}' does not exist in the school's folder",
                         "put the file in the school's folder, or write the Markdown here")
                continue
            if _IMAGE_WITHOUT_ALT.search(text):
                s.report(where, field, "an image has no alt text",
                         "describe the picture: ![What the picture shows](file.png)")
            s.examples.setdefault(page_id, {})[slot_id] = text


@school_rule
def text_names_only_the_schools_phases(s: SchoolChecking) -> None:
    """A warning, not an error: the school's text is its own and shows only on its own site, where a
    deliberate mention (a primary school writing about Year 7 transition) is the school's call; the
    warning, also in its report, catches the accidental one."""
    markers = markers_for(tuple(PhaseMarkers(p.id, tuple(p.markers), tuple(p.uses_markers_of))
                                for p in s.programme.phases))
    kept = set(s.file.phases)
    names = {p.id: p.name for p in s.programme.phases}
    for location, line, value in text_values(s.raw):
        if location[:1] in (("phases",), ("module_order",)):
            continue
        path, text, first = None, value, line
        if location[:1] == ("examples",) and len(location) == 3:
            try:
                text = example_text(value, s.school_file.parent)
            except SourceUnreadable:
                continue  # reported by examples_fill_slots_that_exist
            if text is None:
                continue
            if text is not value:
                path, first = (s.school_file.parent / value.strip()).resolve(), 1
        for at, words, phase in _other_phases(text, markers, kept):
            s.report(location, field_name(location), f"'{words}' names the {names[phase]} phase, which "
                     f"{s.file.name} does not have: your site would show it",
                     f"reword it; if you mean it, write it as [[all: {words}]] and this warning goes",
                     line=first + at, severity="warning", path=path)


def _other_phases(text: str, markers: Markers, kept: set[str]) -> list[tuple[int, str, str]]:
    """Markers of phases the school does not have, outside [[all: …]]: (line within the text, words, phase)."""
    shown = readable(text)
    found = [f for f in markers.find(shown) if not f.home & kept]
    if not found:
        return []
    parsed = passages.parse(text, 0)
    allowed = [p for p in parsed.inlines if p.tags == (passages.ALL,)]
    return [(parsed.line_at(f.start), " ".join(shown[f.start:f.end].replace("*", "").split()), f.phase)
            for f in found if not any(p.inner_start <= f.start < p.inner_end for p in allowed)]


@school_rule
def own_tasks_have_an_id_each(s: SchoolChecking) -> None:
    for item, message, hint in task_id_problems(s.file.checklist):
        s.report(("checklist", item), f"checklist[{item}]", message, hint)


def validate_school(school_file: Path, programme: model.Programme,
                    reserved: frozenset[str] = frozenset()) -> tuple[model.School | None, list[Problem]]:
    """A school's context checked against the programme (None if it has errors), and every problem.
    `reserved`: the names its folder may not have (see render/urls.py)."""
    school_model, raw, problems = read_school(school_file)
    if school_model is None:
        return None, problems
    checking = SchoolChecking(school_file, school_model, raw, programme, reserved, problems)
    for function in SCHOOL_RULES:
        checking.rule = rule_name(function)
        function(checking)
    if any(problem.severity == "error" for problem in checking.problems):
        return None, checking.problems
    order = school_model.module_order
    return model.School(
        slug=school_slug(school_file), name=school_model.name, phases=tuple(school_model.phases),
        module_order=resolve_module_order(list(order), programme) if order else programme.info.default_module_order,
        examples=checking.examples, contacts=tuple(school_model.contacts), checklist=tuple(school_model.checklist),
        source=display_path(school_file),
    ), checking.problems
