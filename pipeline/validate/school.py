"""Rules for one school's context, and the checked School it gives.

School staff write these files, so every rule points at the line in school.yml (or the example
file) and says what to do in plain words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import brand, model, passages
from pipeline.load import source_text
from pipeline.load.programme import field_name
from pipeline.load.school import example_path, looks_like_a_file, read_school, school_slug
from pipeline.load.source_text import SourceUnreadable
from pipeline.load.yaml_lines import line_of, text_values
from pipeline.markers import Markers, markers_of_phases, readable
from pipeline.problems import Problem, did_you_mean, display_path
from pipeline.render.slugs import slug_problem
from pipeline.safety.personal_data import ALLOWED_FILE, describe, read_allowed, scan, yaml_field_at
from pipeline.safety.stale_examples import examples_to_review, read_reviewed, review_command
from pipeline.schedule import (
    HALF_TERMS,
    MONTH_NAMES,
    amount_text,
    hours_text,
    parse_date,
    parse_school_year,
    plan,
    school_year_of,
    school_year_text,
)
from pipeline.sequence import module_order_problems, resolve_module_order
from pipeline.slots import described, pages_titled, slots_by_page
from pipeline.validate.checklists import task_id_problems
from pipeline.validate.rules import one_of, rule_name
from pipeline.validate.text import TODO_HINT, TODO_LEFT, todo_lines

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
               line: int | None = None, severity: str = "error", path: Path | None = None) -> None:
        where = line if line is not None else line_of(self.raw, location) or 1
        self.problems.append(Problem(display_path(path or self.school_file), where, field, message, hint, severity,
                                     rule=self.rule))

    @property
    def has_errors(self) -> bool:
        return any(problem.severity == "error" for problem in self.problems)


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
        # a problem with one item points at it (a repeat at its second time); a missing module at the key
        if index is None:
            s.report(("module_order",), "module_order", message, hint)
        else:
            s.report(("module_order", index), f"module_order[{index}]", message, hint)


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
def text_names_only_the_schools_phases(s: SchoolChecking) -> None:
    """A warning, not an error: the school's text is its own and shows only on its own site, where a
    deliberate mention (a primary school writing about Year 7 transition) is the school's call; the
    warning, also in its report, catches the accidental one."""
    markers = markers_of_phases(s.programme.phases)
    kept = set(s.file.phases)
    names = {p.id: p.name for p in s.programme.phases}
    for location, line, value in text_values(s.raw):
        if location[:1] in (("phases",), ("module_order",)):
            continue
        path, text, first = None, value, line
        if location[:1] == ("examples",) and len(location) >= 3 and location[3:] in ((), ("file",)):
            # an example kept in a file is checked in the file (read by examples_fill_slots_that_exist)
            path = s.example_files.get(str(location[1]), {}).get(str(location[2]))
            if path is not None:
                text, first = s.examples[str(location[1])][str(location[2])], 1
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
def no_todo_text_is_left(s: SchoolChecking) -> None:
    for location, line, text in text_values(s.raw):
        for at in todo_lines(text, line):
            s.report(location, field_name(location), TODO_LEFT, TODO_HINT, line=at, severity="warning")


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


# ---- planning: the ECT's start, term dates and timetable (the schedule page, calendar and time budget) ----


@school_rule
def ect_start_names_a_school_year(s: SchoolChecking) -> None:
    planning = s.file.planning
    if planning and parse_school_year(planning.ect_starts.school_year) is None:
        s.report(("planning", "ect_starts", "school_year"), "planning.ect_starts.school_year",
                 f"'{planning.ect_starts.school_year}' is not a school year",
                 "write the two years it spans, e.g. 2026-27")


@school_rule
def term_dates_are_school_days(s: SchoolChecking) -> None:
    for index, item in enumerate(s.file.planning.term_dates if s.file.planning else []):
        for key in ("first_day", "last_day"):
            value = getattr(item, key)
            day = parse_date(value)
            where, field = ("planning", "term_dates", index, key), f"planning.term_dates[{index}].{key}"
            if day is None:
                s.report(where, field, f"'{value}' is not a date", "write it as YYYY-MM-DD, e.g. 2026-09-02")
            elif day.weekday() >= 5:
                s.report(where, field, f"{value} is a {'Saturday' if day.weekday() == 5 else 'Sunday'}",
                         "give the half term's first or last school day, a Monday to Friday")


@school_rule
def term_dates_are_whole_school_years(s: SchoolChecking) -> None:
    term_dates = s.file.planning.term_dates if s.file.planning else []
    for index, item in enumerate(term_dates):
        expected = HALF_TERMS[index % 6]
        if item.half_term != expected:
            s.report(("planning", "term_dates", index, "half_term"), f"planning.term_dates[{index}].half_term",
                     f"expected {expected} here, found {item.half_term}",
                     "list whole school years in order, each from Autumn 1 to Summer 2")
            return  # the rest would be out of step too
    if len(term_dates) % 6:
        s.report(("planning", "term_dates", len(term_dates) - 1), "planning.term_dates",
                 f"the last school year has {len(term_dates) % 6} of its 6 half terms",
                 "add the rest, up to Summer 2, or remove it to use the typical pattern for that year")


def _term_dates_problems(term_dates: list[model.TermDates]) -> list[tuple[int, str, str, str]]:
    """(item, key, message, what to do) for dates that do not run forward within their school year."""
    found: list[tuple[int, str, str, str]] = []
    days = [(parse_date(t.first_day), parse_date(t.last_day)) for t in term_dates]
    for index, (first, last) in enumerate(days):
        name = term_dates[index].half_term
        found += _half_term_problems(index, name, first, last, days[index - 1][1] if index else None)
        found += _school_year_problems(index, name, first, last, days[index - index % 6][0])
    return found


def _half_term_problems(index: int, name: str, first: dt.date | None, last: dt.date | None,
                        previous_last: dt.date | None) -> list[tuple[int, str, str, str]]:
    found = []
    if first and last and last < first:
        found.append((index, "last_day", f"{name} ends ({last}) before it starts ({first})", "check both dates"))
    elif first and last and (last - first).days > 10 * 7:
        found.append((index, "last_day", f"{name} lasts {(last - first).days // 7 + 1} weeks",
                      "a half term lasts at most 10 weeks: check both dates"))
    if first and previous_last and first <= previous_last:
        found.append((index, "first_day", f"{name} starts ({first}) before the half term before it ends "
                      f"({previous_last})", "check both dates: half terms follow one another"))
    return found


def _school_year_problems(index: int, name: str, first: dt.date | None, last: dt.date | None,
                          autumn_first: dt.date | None) -> list[tuple[int, str, str, str]]:
    if index % 6 == 0:
        if first and first.month not in (8, 9):
            return [(index, "first_day", f"Autumn 1 starts in {MONTH_NAMES[first.month - 1]}",
                     "a school year starts in August or September: check the date")]
        return []
    if autumn_first is None or autumn_first.month not in (8, 9):
        return []
    year = school_year_of(autumn_first)
    for key, day in (("first_day", first), ("last_day", last)):
        if day and school_year_of(day) != year:
            return [(index, key, f"{name} is not in the school year {school_year_text(year)}",
                     "a school year runs from August to the following July: check the date")]
    return []


@school_rule
def term_dates_run_forward(s: SchoolChecking) -> None:
    term_dates = s.file.planning.term_dates if s.file.planning else []
    if any(item.half_term != HALF_TERMS[index % 6] for index, item in enumerate(term_dates)):
        return  # out of step: the order rule says so, and every date after it would look wrong
    for index, key, message, hint in _term_dates_problems(term_dates):
        s.report(("planning", "term_dates", index, key), f"planning.term_dates[{index}].{key}", message, hint)


@school_rule
def term_dates_fall_in_the_induction(s: SchoolChecking) -> None:
    planning = s.file.planning
    start = parse_school_year(planning.ect_starts.school_year) if planning else None
    if not planning or not planning.term_dates or start is None:
        return
    induction = [start + n for n in range(3 - planning.ect_starts.year)]
    listed = {school_year_of(d) for t in planning.term_dates[::6] if (d := parse_date(t.first_day))}
    if listed and not listed & set(induction):
        s.report(("planning", "term_dates"), "planning.term_dates",
                 f"these dates are for {', '.join(map(school_year_text, sorted(listed)))}, but the ECT's induction "
                 f"runs in {' and '.join(map(school_year_text, induction))}",
                 "give the term dates of those school years, or leave term_dates out to use the typical pattern")


@school_rule
def plan_fits_the_time(s: SchoolChecking) -> None:
    """A warning for each half term whose plan asks more of the ECT than their time off timetable."""
    planning = s.file.planning
    if planning is None or s.has_errors:
        return
    order = s.file.module_order
    codes = resolve_module_order(list(order), s.programme) if order else s.programme.info.default_module_order
    where = ("planning", "timetable_hours") if planning.timetable_hours else ("planning",)
    for half_term in plan(s.programme, codes, planning).over:
        budget = half_term.budget
        s.report(where, ".".join(where),
                 f"{half_term.label}: the plan asks {hours_text(budget.ect_minutes)} of the ECT, "
                 f"{amount_text(budget.over)} more than their {hours_text(budget.entitled)} off timetable",
                 "plan where the extra time comes from: the schedule page's time budget shows what it counts",
                 severity="warning")


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
    if checking.has_errors:
        return None, checking.problems
    order = school_model.module_order
    return model.School(
        slug=school_slug(school_file), name=school_model.name, phases=tuple(school_model.phases),
        module_order=resolve_module_order(list(order), programme) if order else programme.info.default_module_order,
        examples=checking.examples, contacts=tuple(school_model.contacts), checklist=tuple(school_model.checklist),
        source=display_path(school_file), credits=checking.credits, reviewed=checking.reviewed,
        logo=checking.logo, accent_colour=checking.accent_colour,
        planning=school_model.planning,
    ), checking.problems
