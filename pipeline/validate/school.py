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

from pipeline import brand, model
from pipeline.load import source_text
from pipeline.load.school import example_path, looks_like_a_file, read_school, school_slug
from pipeline.load.source_text import SourceUnreadable
from pipeline.load.yaml_lines import line_of
from pipeline.problems import Problem, did_you_mean, display_path
from pipeline.render.slugs import slug_problem
from pipeline.safety.personal_data import ALLOWED_FILE, describe, read_allowed, scan, yaml_field_at
from pipeline.safety.stale_examples import examples_to_review, read_reviewed, review_command
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
    # filled in by the examples rule: page id → slot id → the example's text, and who wrote it when
    examples: dict[str, dict[str, str]] = field(default_factory=dict)
    credits: dict[str, dict[str, model.ExampleCredit]] = field(default_factory=dict)
    # where each example file is, for the rules that read it again: page id → slot id → path
    example_files: dict[str, dict[str, Path]] = field(default_factory=dict)
    reviewed: dict[str, dict[str, model.ReviewedExample]] = field(default_factory=dict)
    logo: model.SchoolLogo | None = None  # filled in by the logo rule, once checked
    accent_colour: str | None = None  # filled in by the colour rule, once checked
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
                     did_you_mean(page_id, sorted(slots)) or "use the id of a self-study: " + ", ".join(sorted(slots)))
            continue
        for slot_id, value in page_examples.items():
            where, field = ("examples", page_id, slot_id), f"examples.{page_id}.{slot_id}"
            if slot_id not in slots[page_id]:
                s.report(where, field, f"the page '{page_id}' has no example slot '{slot_id}'",
                         one_of(slots[page_id], slot_id) if slots[page_id] else "(this page has no slots)")
                continue
            if isinstance(value, model.Example):
                if (value.file is None) == (value.text is None):
                    s.report(where, field, "an example needs either `file` or `text`, and not both",
                             "write file: examples/NAME.md, or text: followed by the example")
                    continue
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
                continue
            if text is None:
                s.report(where, field, f"the file '{reference}' does not exist in the school's folder",
                         "put the file in the school's folder, or write the Markdown here")
                continue
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
def logo_is_a_safe_small_image(s: SchoolChecking) -> None:
    """The logo is a school file, so untrusted: a PNG, JPEG or plain SVG in the school's folder, small
    (pipeline/brand.py)."""
    logo = s.file.logo
    if logo is None:
        return
    path = example_path(logo.file, s.school_file.parent)
    if path is None:
        s.report(("logo", "file"), "logo.file", f"the file '{logo.file}' does not exist in the school's folder",
                 "put the logo in the school's folder and write its name here, e.g. logo.png")
        return
    try:
        checked = brand.check_logo(path.name, path.read_bytes())
    except OSError as error:
        s.report(("logo", "file"), "logo.file", f"the logo cannot be read ({error.strerror})",
                 "check that the file can be opened, then build again")
        return
    except brand.LogoProblem as problem:
        s.report(("logo", "file"), "logo.file", problem.message, problem.hint)
        return
    s.logo = model.SchoolLogo(suffix=checked.suffix, data=checked.data, alt=logo.alt)


@school_rule
def accent_colour_has_enough_contrast(s: SchoolChecking) -> None:
    """The accent colour passes 4.5:1 everywhere the site uses it (pipeline/brand.py: PAIRINGS)."""
    written = s.file.accent_colour
    if written is None:
        return
    colour = brand.parse_colour(written)
    if colour is None:
        s.report(("accent_colour",), "accent_colour", f"'{written}' is not a colour written as #RRGGBB",
                 "write it as a hash and six hexadecimal digits, e.g. '#00703c' (in quotes)")
        return
    failing = brand.failing_pairings(colour)
    if failing:
        fails = "; ".join(f"{pairing.where} has {ratio:.2f}:1, not {pairing.minimum}:1" for pairing, ratio in failing)
        s.report(("accent_colour",), "accent_colour", f"{colour} has too little contrast: {fails}",
                 f"use '{brand.nearest_passing(colour)}', the nearest colour of the same hue that passes everywhere "
                 "the site uses it")
        return
    s.accent_colour = colour


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
        logo=checking.logo, accent_colour=checking.accent_colour,
    ), checking.problems
