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

from pipeline import model
from pipeline.load import source_text
from pipeline.load.school import example_path, looks_like_a_file, read_school, school_slug
from pipeline.load.source_text import SourceUnreadable
from pipeline.load.yaml_lines import line_of
from pipeline.problems import Problem, did_you_mean, display_path
from pipeline.render.slugs import slug_problem
from pipeline.safety.personal_data import ALLOWED_FILE, describe, read_allowed, scan, yaml_field_at
from pipeline.safety.stale_examples import examples_to_review, read_reviewed, review_command
from pipeline.sequence import module_order_problems, resolve_module_order
from pipeline.slots import described, pages_titled, slots_by_page
from pipeline.validate.checklists import task_id_problems
from pipeline.validate.rules import one_of, rule_name

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
    # filled in by the examples rule: page id → slot id → the example's text, and who wrote it when
    examples: dict[str, dict[str, str]] = field(default_factory=dict)
    credits: dict[str, dict[str, model.ExampleCredit]] = field(default_factory=dict)
    # where each example file is, for the rules that read it again: page id → slot id → path
    example_files: dict[str, dict[str, Path]] = field(default_factory=dict)
    reviewed: dict[str, dict[str, model.ReviewedExample]] = field(default_factory=dict)
    rule: str = ""

    def report(self, location: tuple[object, ...], field: str, message: str, hint: str,
               line: int | None = None, severity: str = "error") -> None:
        where = line if line is not None else line_of(self.raw, location) or 1
        self.problems.append(Problem(display_path(self.school_file), where, field, message, hint, severity,
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
            s.report(("phases", index), f"phases[{index}]", f"'{phase}' is not a phase", one_of(phase_ids, phase))
        elif phase in s.file.phases[:index]:
            s.report(("phases", index), f"phases[{index}]", f"'{phase}' is listed twice", "list each phase once")


@school_rule
def module_order_follows_the_rules(s: SchoolChecking) -> None:
    if s.file.module_order is None:  # the programme's default order
        return
    for index, message, hint in module_order_problems(list(s.file.module_order), s.programme):
        s.report(("module_order", index) if index is not None else ("module_order",), "module_order", message, hint)


def _page_named(s: SchoolChecking, key: str, slots: dict[str, list[str]]) -> str | None:
    """The page an `examples:` key names: its id, or its title when only one page has that title.
    Otherwise says why not, listing the pages it could mean, and gives None."""
    if key in slots:
        return key
    titled = pages_titled(s.programme, key)
    if len(titled) == 1:
        return titled[0]
    where, field = ("examples", key), f"examples.{key}"
    on_pages = sorted(page for page, page_slots in slots.items() if key in page_slots)
    if titled:
        s.report(where, field, f"{len(titled)} pages have the title '{key}'",
                 "write the id of the one you mean: " + described(s.programme, titled))
    elif on_pages:
        s.report(where, field, f"'{key}' is an example slot, not a page",
                 "put it under the page it is on (by the page's id): " + described(s.programme, on_pages))
    else:
        titles = {s.programme.study_title(study): study.id for study in s.programme.self_studies.values()}
        close = did_you_mean(key, sorted(slots)) or did_you_mean(key, sorted(titles))
        s.report(where, field, f"there is no page '{key}'",
                 close or "use the id (or the title) of a self-study: " + ", ".join(sorted(slots)))
    return None


def _slot_problem(s: SchoolChecking, page_id: str, slot_id: str, slots: dict[str, list[str]]) -> tuple[str, str]:
    """Why a page has no such slot, and what to do: the slots it has, or the pages that have this one."""
    elsewhere = sorted(page for page, page_slots in slots.items() if slot_id in page_slots)
    message = f"the page '{page_id}' has no example slot '{slot_id}'"
    if elsewhere:
        return message, (f"'{slot_id}' is on another page: put it under that page: "
                         + described(s.programme, elsewhere)
                         + (f" (this page has: {', '.join(slots[page_id])})" if slots[page_id] else ""))
    hint = one_of(slots[page_id], slot_id) if slots[page_id] else "this page has no example slots"
    return message, hint


@school_rule
def examples_fill_slots_that_exist(s: SchoolChecking) -> None:
    """Each example names a page (by id, or by its title where only one page has it) and a slot on it."""
    slots = slots_by_page(s.programme)
    for key, page_examples in s.file.examples.items():
        page_id = _page_named(s, key, slots)
        if page_id is None:
            continue
        for slot_id, value in page_examples.items():
            where, field = ("examples", key, slot_id), f"examples.{key}.{slot_id}"
            if slot_id not in slots[page_id]:
                s.report(where, field, *_slot_problem(s, page_id, slot_id, slots))
                continue
            if page_id != key and slot_id in s.examples.get(page_id, {}):
                s.report(where, field, f"'{slot_id}' on '{page_id}' is filled twice (by its id and by its title)",
                         "keep one of them")
                continue
            _read_example(s, page_id, slot_id, value, where, field)


def _read_example(s: SchoolChecking, page_id: str, slot_id: str, value: str | model.Example,
                  where: tuple[object, ...], field: str) -> None:
    """One example's text, from where it is written or from its file; problems reported at its line."""
    if isinstance(value, model.Example):
        if (value.file is None) == (value.text is None):
            s.report(where, field, "an example needs either `file` or `text`, and not both",
                     "write file: examples/NAME.md, or text: followed by the example")
            return
        if value.author or value.date:
            s.credits.setdefault(page_id, {})[slot_id] = model.ExampleCredit(author=value.author,
                                                                             date=value.date)
        reference = value.file or ""
        path = example_path(reference, s.school_file.parent) if value.file else None
    else:
        reference = value
        path = example_path(value, s.school_file.parent) if looks_like_a_file(value) else None
    try:
        if path is not None:
            text: str | None = source_text.read_text(path, display_path(path))
        elif isinstance(value, model.Example):
            text = value.text
        else:
            text = None if looks_like_a_file(value) else value
    except SourceUnreadable as error:
        s.problems.append(error.problem)
        return
    if text is None:
        s.report(where, field, f"the file '{reference}' does not exist in the school's folder",
                 "put the file in the school's folder, or write the Markdown here")
        return
    if path is not None:
        s.example_files.setdefault(page_id, {})[slot_id] = path
    if _IMAGE_WITHOUT_ALT.search(text):
        s.report(where, field, "an image has no alt text",
                 "describe the picture: ![What the picture shows](file.png)")
    s.examples.setdefault(page_id, {})[slot_id] = text


@school_rule
def own_tasks_have_an_id_each(s: SchoolChecking) -> None:
    for item, message, hint in task_id_problems(s.file.checklist):
        s.report(("checklist", item), f"checklist[{item}]", message, hint)


@school_rule
def school_text_has_no_personal_data(s: SchoolChecking) -> None:
    """Personal data in school.yml or an example file: an error, or for a likely pupil's name a warning
    (see safety/personal_data.py). A contact's own name and email are meant to be published."""
    folder = s.school_file.parent
    allowed_shown = display_path(folder / ALLOWED_FILE)
    allowed, problems = read_allowed(folder / ALLOWED_FILE, allowed_shown)
    s.problems += problems
    contact_lines = {line_of(s.raw, ("contacts", index, key)) for index, contact in enumerate(s.file.contacts)
                     for key in ("name", "email", "role")}
    sources: list[tuple[Path, str | None]] = [(s.school_file, None)]
    sources += [(path, f"examples.{page}.{slot}") for page, slots in sorted(s.example_files.items())
                for slot, path in sorted(slots.items())]
    for path, example_field in sources:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):  # reported where the file is read
            continue
        for finding in scan(text, allowed):
            if example_field is None and finding.line in contact_lines and finding.kind in ("email", "name"):
                continue
            message, hint = describe(finding, allowed_shown)
            s.problems.append(Problem(display_path(path), finding.line,
                                      example_field or yaml_field_at(s.raw, finding.line),
                                      message, hint, finding.severity, rule=s.rule))


@school_rule
def examples_fit_their_national_section(s: SchoolChecking) -> None:
    """A warning for each example whose national section changed since it was reviewed (or that was
    never marked reviewed): see safety/stale_examples.py."""
    s.reviewed, warnings = read_reviewed(s.school_file.parent)
    s.problems += warnings
    if any(p.severity == "error" for p in s.problems):
        return  # the school's context is not complete: no knock-on warnings
    school = model.School(slug=school_slug(s.school_file), name=s.file.name, phases=tuple(s.file.phases),
                          module_order=s.programme.info.default_module_order, examples=s.examples,
                          source=display_path(s.school_file), reviewed=s.reviewed)
    for item in examples_to_review(s.programme, school):
        where, field = ("examples", item.page_id, item.slot_id), f"examples.{item.page_id}.{item.slot_id}"
        command = review_command(school.slug, item.reference)
        if item.changed:
            s.report(where, field, f"to review: the section above it ('{item.section_title}') changed since "
                     "this example was reviewed", f"read the change in the contextualisation report or with "
                     f"python scripts/review.py --school {school.slug}; when the example fits, run {command}",
                     severity="warning")
        else:
            s.report(where, field, "this example has not been marked reviewed against the section above it",
                     f"when it fits the section '{item.section_title}', run {command}", severity="warning")


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
    if any(p.severity == "error" for p in checking.problems):
        return None, checking.problems
    order = school_model.module_order
    return model.School(
        slug=school_slug(school_file), name=school_model.name, phases=tuple(school_model.phases),
        module_order=resolve_module_order(list(order), programme) if order else programme.info.default_module_order,
        examples=checking.examples, contacts=tuple(school_model.contacts), checklist=tuple(school_model.checklist),
        source=display_path(school_file), credits=checking.credits, reviewed=checking.reviewed,
    ), checking.problems
