"""Rules for self-studies (self-studies/ID.md) and the mentor pages that mirror them (mentor-support/ID.md)."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline import model
from pipeline.validate.framework import statement_codes
from pipeline.validate.rules import Checking, duplicates, one_of, rule, second
from pipeline.vocabulary import MacroCall, macro_calls

Page = model.SelfStudy | model.MentorSupport


def study_file(study_id: str) -> str:
    return f"self-studies/{study_id}.md"


def mentor_file(page_id: str) -> str:
    return f"mentor-support/{page_id}.md"


def pages(c: Checking) -> Iterator[tuple[str, Page, model.SelfStudy]]:
    """Every study and mentor page with its file and the study it belongs to (mentor pages whose
    study does not exist are left out: `mentor_pages_support_a_study` reports them)."""
    for study_id, study in c.programme.self_studies.items():
        yield study_file(study_id), study, study
    for page_id, page in c.programme.mentor_pages.items():
        study = c.programme.self_studies.get(page.aligned_study)
        if study is not None:
            yield mentor_file(page_id), page, study


def calls(page: Page) -> list[MacroCall]:
    return macro_calls(page.body.text, page.body.first_line)[0]


# ---- the front matter -----------------------------------------------------------------------

@rule
def electives_have_a_number_and_no_title(c: Checking) -> None:
    seen: dict[tuple[str, int], str] = {}
    for study_id, study in c.programme.self_studies.items():
        if study.kind != "elective":
            continue
        relative = study_file(study_id)
        if study.number is None:
            c.report(relative, (), "number", "an elective needs its number (1–5)", "add number: N")
        elif (study.module, study.number) in seen:
            c.report(relative, ("number",), "number", f"elective {study.module}{study.number} is also written in "
                     f"{seen[(study.module, study.number)]}", "keep one file per elective")
        else:
            seen[(study.module, study.number)] = c.shown(relative)
        if study.title:
            c.report(relative, ("title",), "title", "an elective takes its title from modules.yml",
                     "remove the title here; change it in modules.yml if it is wrong")


@rule
def core_studies_have_a_title_and_no_number(c: Checking) -> None:
    for study_id, study in c.programme.self_studies.items():
        if study.kind == "elective":
            continue
        if study.title is None:
            c.report(study_file(study_id), (), "title", "a core self-study needs a title", "add title: …")
        if study.number is not None:
            c.report(study_file(study_id), ("number",), "number", "only electives have a number", "remove it")


@rule
def studies_name_sets_that_exist(c: Checking) -> None:
    for study_id, study in c.programme.self_studies.items():
        references = (("scenario_set", study.scenario_set, c.programme.scenario_sets, "scenario set"),
                      ("action_set", study.action_set, c.programme.action_sets, "action set"))
        for field, value, known, kind in references:
            if value is not None and value not in known and not c.failed(kind, value):
                c.report(study_file(study_id), (field,), field, f"there is no {kind} '{value}'",
                         one_of(known, value) if known else f"create it first ({kind})")


@rule
def studies_cite_statements_that_exist_once(c: Checking) -> None:
    codes = statement_codes(c)
    for study_id, study in c.programme.self_studies.items():
        for index, code in enumerate(study.statements):
            if code not in codes:
                c.report(study_file(study_id), ("statements", index), f"statements[{index}]",
                         f"there is no statement {code}", "add it to content/framework/ or correct the code")
        for code in duplicates(study.statements):
            c.report(study_file(study_id), ("statements",), "statements", f"{code} is listed twice",
                     "list each code once")


@rule
def mentor_pages_support_a_study(c: Checking) -> None:
    supported: dict[str, str] = {}
    for page_id, page in c.programme.mentor_pages.items():
        relative = mentor_file(page_id)
        if page.aligned_study not in c.programme.self_studies:
            if not c.failed("self-study", page.aligned_study):
                c.report(relative, ("aligned_study",), "aligned_study",
                         f"there is no self-study '{page.aligned_study}'",
                         one_of(c.programme.self_studies, page.aligned_study))
        elif page.aligned_study in supported:
            c.report(relative, ("aligned_study",), "aligned_study",
                     f"{supported[page.aligned_study]} already supports this study", "keep one mentor page per study")
        else:
            supported[page.aligned_study] = c.shown(relative)


# ---- sections and timings -------------------------------------------------------------------

@rule
def section_ids_are_unique(c: Checking) -> None:
    for relative, page, _ in pages(c):
        ids = [s.id for s in page.sections]
        for section_id in duplicates(ids):
            c.report(relative, ("sections", second(ids, section_id)), "sections",
                     f"the section id '{section_id}' appears twice", "give each section its own id")


def timing_tolerance(total: int) -> int:
    """How far the timed sections may be from the stated total before check.py warns: a fifth of the
    total, at least 5 minutes (content/README.md). Estimates are rounded by the people who write them."""
    return max(5, round(total / 5))


def _span(low: int, high: int) -> str:
    return f"{low} minutes" if low == high else f"{low}–{high} minutes"


@rule
def timed_sections_agree_with_the_total(c: Checking) -> None:
    """A warning: the stated total is what readers see, so a gap is worth a look but never stops a build.
    Untimed sections take time too, so with one of them only sections that overrun the total are reported."""
    for relative, page, _ in pages(c):
        if all(s.minutes is None for s in page.sections):
            continue
        low, high = model.timed_minutes(page.sections)
        allowed = timing_tolerance(page.minutes)
        untimed = any(s.minutes is None for s in page.sections)
        if low > page.minutes + allowed:
            gap = f"{low - page.minutes} more than"
        elif high < page.minutes - allowed and not untimed:
            gap = f"{page.minutes - high} fewer than"
        else:
            continue
        c.report(relative, ("minutes",), "minutes",
                 f"the timed sections add up to {_span(low, high)}, {gap} the stated {page.minutes} "
                 f"(up to {allowed} is allowed either way)",
                 "check the total and the sections' minutes: readers see the total", severity="warning")


@rule
def each_section_starts_once_in_the_body(c: Checking) -> None:
    for relative, page, _ in pages(c):
        ids = [s.id for s in page.sections]
        used = [call for call in calls(page) if call.name == "section"]
        used_ids = [call.args[0] for call in used]
        for number, call in enumerate(used):
            if call.args[0] not in ids:
                c.report_line(relative, call.line, "body", f"section(\"{call.args[0]}\") is not in the front "
                              "matter's sections", one_of(ids, call.args[0]))
            elif call.args[0] in used_ids[:number]:
                c.report_line(relative, call.line, "body", f"section(\"{call.args[0]}\") is used twice",
                              "use each section once")
        for section_id in ids:
            if section_id not in used_ids:
                c.report(relative, ("sections", ids.index(section_id)), "sections",
                         f"the section '{section_id}' never appears in the body",
                         f"add {{{{ section(\"{section_id}\") }}}} where it starts, or remove it")


@rule
def sections_are_listed_in_body_order(c: Checking) -> None:
    for relative, page, _ in pages(c):
        ids = [s.id for s in page.sections]
        if duplicates(ids):  # section_ids_are_unique says so; the order cannot be judged
            continue
        in_body = [call.args[0] for call in calls(page) if call.name == "section" and call.args[0] in ids]
        if in_body == list(dict.fromkeys(in_body)) and in_body != [s for s in ids if s in in_body]:
            c.report(relative, ("sections",), "sections", "the sections are listed in a different order from the body",
                     f"list them in body order: {', '.join(in_body)}")


# ---- macros in the body ---------------------------------------------------------------------

@rule
def bodies_use_only_the_macro_vocabulary(c: Checking) -> None:
    for relative, page, _ in pages(c):
        for problem in macro_calls(page.body.text, page.body.first_line)[1]:
            c.report_line(relative, problem.line, "body", problem.message, problem.hint)


@rule
def scenarios_have_a_moment_and_a_set(c: Checking) -> None:
    for relative, page, study in pages(c):
        for call in calls(page):
            if call.name != "scenarios":
                continue
            if call.args[0] not in ("start", "end"):
                c.report_line(relative, call.line, "body", f"scenarios(\"{call.args[0]}\"): unknown moment",
                              'write "start" or "end"')
            elif study.scenario_set is None:
                c.report_line(relative, call.line, "body", "this page shows scenarios but its study has no "
                              "scenario_set", "add scenario_set to the study's front matter")


@rule
def ingredient_and_example_sets_exist(c: Checking) -> None:
    for relative, page, _ in pages(c):
        for call in calls(page):
            kind, known = {"ingredients": ("ingredient set", c.programme.ingredient_sets),
                           "phase_examples": ("phase example set", c.programme.phase_example_sets)}.get(
                               call.name, (None, {}))
            if kind and call.args[0] not in known and not c.failed(kind, call.args[0]):
                c.report_line(relative, call.line, "body", f"there is no {kind} '{call.args[0]}'",
                              one_of(known, call.args[0]) if known else "(none yet)")


@rule
def mentor_pages_show_the_studys_ingredients(c: Checking) -> None:
    for relative, page, study in pages(c):
        if not isinstance(page, model.MentorSupport):
            continue
        study_sets = {call.args[0] for call in calls(study) if call.name == "ingredients"}
        for call in calls(page):
            if call.name == "ingredients" and call.args[0] in c.programme.ingredient_sets and \
                    call.args[0] not in study_sets:
                c.report_line(relative, call.line, "body", f"the aligned study does not use the ingredient set "
                              f"'{call.args[0]}'", "show the same ingredient sets as the ECT study")


@rule
def example_slots_are_on_studies_once_each(c: Checking) -> None:
    for relative, page, _ in pages(c):
        slots: list[str] = []
        for call in calls(page):
            if call.name != "example_slot":
                continue
            if isinstance(page, model.MentorSupport):
                c.report_line(relative, call.line, "body", "mentor pages have no example slots",
                              "say in prose that the school shares its examples; the slots are on the ECT's study")
            if call.args[0] in slots:
                c.report_line(relative, call.line, "body", f"the slot id '{call.args[0]}' is used twice on this page",
                              "give each example slot its own id")
            slots.append(call.args[0])


@rule
def example_slots_have_their_own_guidance(c: Checking) -> None:
    """Each slot the body shows is listed in the front matter with its guidance, and each listed slot is shown."""
    for study_id, study in c.programme.self_studies.items():
        relative = study_file(study_id)
        declared = [slot.id for slot in study.example_slots]
        for slot_id in duplicates(declared):
            c.report(relative, ("example_slots", second(declared, slot_id)), "example_slots",
                     f"the example slot '{slot_id}' is listed twice", "list each slot once, with its guidance")
        used = [call for call in calls(study) if call.name == "example_slot"]
        for call in used:
            if call.args[0] not in declared:
                c.report_line(relative, call.line, "body", f"example_slot(\"{call.args[0]}\") has no guidance "
                              "for schools", f"add it to the front matter: example_slots: - {{id: {call.args[0]}, "
                              "guidance: what the school should add here}")
        for index, slot_id in enumerate(declared):
            if slot_id not in {call.args[0] for call in used}:
                c.report(relative, ("example_slots", index), f"example_slots[{index}]",
                         f"the example slot '{slot_id}' never appears in the body",
                         f"add {{{{ example_slot(\"{slot_id}\") }}}} where the examples go, or remove it here")


@rule
def macros_have_the_data_they_show(c: Checking) -> None:
    needs = {"look_fors": (lambda s: s.look_fors, "look_fors() needs look_fors in the study's front matter",
                           "add them"),
             "suggested_actions": (lambda s: s.action_set, "suggested_actions() needs an action_set",
                                   "add action_set to the study"),
             "statements": (lambda s: s.statements, "statements() needs statements in the study's front matter",
                            "add them")}
    for relative, page, study in pages(c):
        for call in calls(page):
            if call.name in needs and not needs[call.name][0](study):
                c.report_line(relative, call.line, "body", needs[call.name][1], needs[call.name][2])
