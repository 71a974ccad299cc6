"""Stage 2: validate. The programme's rules and cross-references, every problem in one run.

Validation knows the rules of the programme (DOMAIN.md): ids resolve, phases exist, timings
add up, each ingredient appears once per list, module orders put A first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from . import model
from .load import Loaded
from .outline import HANDBOOK_VOCABULARY, MacroCall, macro_calls
from .problems import Problem
from .yaml_lines import line_of

OPTION_KINDS = ("journal", "collaborate", "refine")


def duplicates(values: Iterable[str]) -> list[str]:
    return [value for value, count in Counter(values).items() if count > 1]


def validate_programme(programme: model.Programme, loaded: Loaded) -> list[Problem]:
    """Every cross-reference and rule problem in the programme."""
    problems: list[Problem] = []
    failed = loaded.failed

    def at(relative: str, *location: object) -> tuple[str, int]:
        shown_as = f"{loaded.shown_root}/{relative}" if loaded.shown_root not in ("", ".") else relative
        return shown_as, line_of(loaded.raw.get(relative), tuple(location)) or 1

    def report(relative: str, location: tuple[object, ...], field: str, message: str, hint: str,
               severity: str = "error") -> None:
        shown_as, line = at(relative, *location)
        problems.append(Problem(shown_as, line, field, message, hint, severity))

    phase_ids = [p.id for p in programme.phases]
    module_codes = [m.code for m in programme.modules]
    codes = [s.code for standard in programme.standards for s in standard.statements]

    # -- programme-wide facts
    for phase_id in duplicates(phase_ids):
        report("phases.yml", ("phases", phase_ids.index(phase_id)), "phases", f"the id '{phase_id}' appears twice",
               "give each phase its own id")
    if sorted(module_codes) != list("ABCDEF"):
        report("modules.yml", ("modules",), "modules", "each module letter A–F must appear exactly once",
               f"found: {', '.join(module_codes)}")
    year_numbers = [y.number for y in programme.years]
    if sorted(year_numbers) != [1, 2]:
        report("years.yml", ("years",), "years", "the programme has year 1 and year 2, once each",
               f"found: {', '.join(map(str, year_numbers))}")
    for index, year in enumerate(programme.years):
        if year.seminars and len(year.seminars) != 6:
            report("years.yml", ("years", index, "seminars"), f"years[{index}].seminars",
                   f"{len(year.seminars)} seminars listed", "list six, one per half term, in order")
    abbreviations = [t.abbreviation for t in programme.glossary if t.abbreviation]
    for abbreviation in duplicates(abbreviations):
        report("glossary.yml", ("terms",), "terms", f"the abbreviation {abbreviation} is defined twice",
               "keep one entry per abbreviation")
    for term in duplicates(t.term.lower() for t in programme.glossary):
        report("glossary.yml", ("terms",), "terms", f"the term '{term}' is defined twice", "keep one entry per term")

    numbers = [standard.number for standard in programme.standards]
    for standard in programme.standards:
        relative = f"framework/{standard.id}.yml"
        if numbers.count(standard.number) > 1:
            report(relative, ("number",), "number", f"standard {standard.number} is written in two files",
                   "keep one file per standard")
        for index, statement in enumerate(standard.statements):
            where = ("statements", index)
            if codes.count(statement.code) > 1:
                report(relative, where, f"statements[{index}].code", f"the statement code {statement.code} "
                       "appears twice", "keep one statement per code")
            looks_like_that = statement.code.split(".")[1].isdigit()
            if looks_like_that != (statement.kind == "learn-that"):
                report(relative, (*where, "kind"), f"statements[{index}].kind",
                       f"{statement.code} is marked {statement.kind}",
                       "numbered codes (6.1) are learn-that; lettered codes (6.a) are learn-how-to")
            if not statement.code.startswith(f"{standard.number}."):
                report(relative, (*where, "code"), f"statements[{index}].code",
                       f"{statement.code} is filed under standard {standard.number}",
                       "move it to its own standard's file or correct the code")
    for message, hint in module_order_problems(list(programme.info.default_module_order), programme):
        report("programme.yml", ("default_module_order",), "default_module_order", message, hint)

    # -- ingredient sets
    ingredient_ids: dict[str, set[str]] = {}
    for set_id, ingredient_set in programme.ingredient_sets.items():
        item_ids = [i.id for i in ingredient_set.ingredients]
        ingredient_ids[set_id] = set(item_ids)
        for item_id in duplicates(item_ids):
            report(f"ingredients/{set_id}.yml", ("ingredients", item_ids.index(item_id)), "ingredients",
                   f"the ingredient id '{item_id}' appears twice", "give each ingredient its own id")

    # -- scenario sets
    for set_id, scenario_set in programme.scenario_sets.items():
        relative = f"scenarios/{set_id}.yml"
        seen: list[str] = []
        for index, scenario in enumerate(scenario_set.scenarios):
            if scenario.phase not in phase_ids:
                report(relative, ("scenarios", index, "phase"), f"scenarios[{index}].phase",
                       f"'{scenario.phase}' is not a phase", f"use one of: {', '.join(phase_ids)}")
            elif scenario.phase in seen:
                report(relative, ("scenarios", index, "phase"), f"scenarios[{index}].phase",
                       f"a second scenario for '{scenario.phase}'", "keep one scenario per phase in a set")
            seen.append(scenario.phase)
            kinds = [o.kind for o in scenario.options]
            if sorted(kinds) != sorted(OPTION_KINDS):
                report(relative, ("scenarios", index, "options"), f"scenarios[{index}].options",
                       f"the options are {', '.join(kinds)}",
                       "give one journal, one collaborate and one refine option")
        teachers: dict[str, str] = {}
        for index, scenario in enumerate(scenario_set.scenarios):
            surname = scenario.teacher.split()[-1]
            for other_surname, other in teachers.items():
                if surname != other_surname and _close(surname, other_surname):
                    report(relative, ("scenarios", index, "teacher"), f"scenarios[{index}].teacher",
                           f"'{scenario.teacher}' looks like '{other}' spelt another way",
                           "spell each teacher's name one way", severity="warning")
            teachers[surname] = scenario.teacher

    # -- phase example sets
    for set_id, example_set in programme.phase_example_sets.items():
        phases_seen: list[str] = []
        for index, example in enumerate(example_set.examples):
            where = ("examples", index, "phase")
            if example.phase not in phase_ids:
                report(f"phase-examples/{set_id}.yml", where, f"examples[{index}].phase",
                       f"'{example.phase}' is not a phase", f"use one of: {', '.join(phase_ids)}")
            elif example.phase in phases_seen:
                report(f"phase-examples/{set_id}.yml", where, f"examples[{index}].phase",
                       f"a second example for '{example.phase}'", "keep one example per phase in a set")
            phases_seen.append(example.phase)

    # -- action sets
    for set_id, action_set in programme.action_sets.items():
        relative = f"actions/{set_id}.yml"
        action_ids = [a.id for a in action_set.actions]
        for action_id in duplicates(action_ids):
            report(relative, ("actions", action_ids.index(action_id)), "actions",
                   f"the action id '{action_id}' appears twice", "give each action its own id")
        for index, action in enumerate(action_set.actions):
            for item_index, reference in enumerate(action.ingredients):
                where = ("actions", index, "ingredients", item_index)
                field = f"actions[{index}].ingredients[{item_index}]"
                if reference in action.ingredients[:item_index]:
                    report(relative, where, field, f"'{reference}' is listed twice in one action",
                           "list each ingredient once")
                    continue
                set_part, _, item_part = reference.partition("/")
                if not item_part:
                    report(relative, where, field, f"'{reference}' does not name an ingredient",
                           "write SET-ID/INGREDIENT-ID, e.g. feedback-that-moves-learning-on/time-to-act")
                elif set_part not in programme.ingredient_sets:
                    if ("ingredient set", set_part) not in failed:
                        report(relative, where, field, f"there is no ingredient set '{set_part}'",
                               f"use one of: {', '.join(sorted(programme.ingredient_sets))}")
                elif item_part not in ingredient_ids[set_part]:
                    report(relative, where, field, f"the set '{set_part}' has no ingredient '{item_part}'",
                           f"use one of: {', '.join(sorted(ingredient_ids[set_part]))}")

    # -- self-studies
    electives_seen: dict[tuple[str, int], str] = {}
    for study_id, study in programme.self_studies.items():
        relative = f"self-studies/{study_id}.md"

        def ref(field: str, value: str | None, known: Iterable[str], kind: str, *,
                _relative: str = relative) -> None:
            if value is not None and value not in known and (kind, value) not in failed:
                report(_relative, (field,), field, f"there is no {kind} '{value}'",
                       f"use one of: {', '.join(sorted(known))}" if known else f"create it first ({kind})")

        if study.kind == "elective":
            if study.number is None:
                report(relative, (), "number", "an elective needs its number (1–5)", "add number: N")
            elif (study.module, study.number) in electives_seen:
                report(relative, ("number",), "number",
                       f"elective {study.module}{study.number} is also written in "
                       f"{electives_seen[(study.module, study.number)]}", "keep one file per elective")
            else:
                electives_seen[(study.module, study.number)] = relative
            if study.title:
                report(relative, ("title",), "title", "an elective takes its title from modules.yml",
                       "remove the title here; change it in modules.yml if it is wrong")
        else:
            if study.title is None:
                report(relative, (), "title", "a core self-study needs a title", "add title: …")
            if study.number is not None:
                report(relative, ("number",), "number", "only electives have a number", "remove it")
        ref("scenario_set", study.scenario_set, programme.scenario_sets, "scenario set")
        ref("action_set", study.action_set, programme.action_sets, "action set")
        for index, code in enumerate(study.statements):
            if code not in codes:
                report(relative, ("statements", index), f"statements[{index}]", f"there is no statement {code}",
                       "add it to content/framework/ or correct the code")
        for code in duplicates(study.statements):
            report(relative, ("statements",), "statements", f"{code} is listed twice", "list each code once")
        problems += _page_problems(programme, study, relative, at, failed, study_for_page=study)

    # -- mentor pages
    supported: dict[str, str] = {}
    for page_id, page in programme.mentor_pages.items():
        relative = f"mentor-support/{page_id}.md"
        study = programme.self_studies.get(page.aligned_study)
        if study is None:
            if ("self-study", page.aligned_study) not in failed:
                report(relative, ("aligned_study",), "aligned_study", f"there is no self-study '{page.aligned_study}'",
                       f"use one of: {', '.join(sorted(programme.self_studies))}")
            continue
        if page.aligned_study in supported:
            report(relative, ("aligned_study",), "aligned_study",
                   f"{supported[page.aligned_study]} already supports this study", "keep one mentor page per study")
        supported[page.aligned_study] = relative
        problems += _page_problems(programme, page, relative, at, failed, study_for_page=study)

    # -- sets nobody uses: not wrong, but a writer should know
    used: dict[str, set[str]] = {"scenario": set(), "action": set(), "ingredient": set(), "phase example": set()}
    for study in programme.self_studies.values():
        used["scenario"].add(study.scenario_set or "")
        used["action"].add(study.action_set or "")
        for call in macro_calls(study.body.text, 1)[0]:
            if call.name == "ingredients":
                used["ingredient"].add(call.args[0])
            if call.name == "phase_examples":
                used["phase example"].add(call.args[0])
    for action_set in programme.action_sets.values():
        used["ingredient"].update(ref.partition("/")[0] for a in action_set.actions for ref in a.ingredients)
    for kind, folder, sets in (("scenario", "scenarios", programme.scenario_sets),
                               ("action", "actions", programme.action_sets),
                               ("ingredient", "ingredients", programme.ingredient_sets),
                               ("phase example", "phase-examples", programme.phase_example_sets)):
        for set_id in sorted(set(sets) - used[kind]):
            report(f"{folder}/{set_id}.yml", (), "", f"no page uses this {kind} set yet",
                   "refer to it from a self-study, or remove it", severity="warning")

    # -- weekly mentor sessions
    element_ids = [e.id for e in programme.session_elements]
    weeks_seen: dict[tuple[str, int], str] = {}
    for session_id, session in programme.mentor_sessions.items():
        relative = f"mentor-sessions/{session_id}.yml"
        if session.activity_minutes != session.minutes:
            report(relative, ("minutes",), "minutes",
                   f"the activities add up to {session.activity_minutes} minutes, not {session.minutes}",
                   "make review + plan + theory_to_practice + next_steps equal the session's minutes")
        for index, element in enumerate(session.elements):
            if element not in element_ids:
                report(relative, ("elements", index), f"elements[{index}]", f"'{element}' is not a session element",
                       f"use one of: {', '.join(element_ids)}")
        for index, activity in enumerate(session.theory_to_practice.activities):
            where = ("theory_to_practice", "activities", index, "element")
            if activity.element not in element_ids:
                report(relative, where, f"theory_to_practice.activities[{index}].element",
                       f"'{activity.element}' is not a session element", f"use one of: {', '.join(element_ids)}")
        for index, code in enumerate(session.learning_intentions):
            if code not in codes:
                report(relative, ("learning_intentions", index), f"learning_intentions[{index}]",
                       f"there is no statement {code}", "add it to content/framework/ or correct the code")
        key = (session.module, session.week)
        if key in weeks_seen:
            report(relative, ("week",), "week", f"module {session.module} week {session.week} is also "
                   f"{weeks_seen[key]}", "give each session its own week")
        weeks_seen[key] = relative

    # -- year-2 development cycles
    cycle_numbers: dict[int, str] = {}
    for cycle_id, cycle in programme.development_cycles.items():
        relative = f"development-cycles/{cycle_id}.yml"
        if cycle.number in cycle_numbers:
            report(relative, ("number",), "number", f"cycle {cycle.number} is also {cycle_numbers[cycle.number]}",
                   "number the cycles 1, 2, 3")
        cycle_numbers[cycle.number] = relative
        expected = model.CYCLE_STAGES
        for index, interaction in enumerate(cycle.interactions):
            where = ("interactions", index)
            if interaction.number != index + 1 or interaction.stage != expected[index]:
                report(relative, where, f"interactions[{index}]",
                       f"interaction {index + 1} should be {expected[index]} {index + 1}, "
                       f"not {interaction.stage} {interaction.number}",
                       "keep the order Refocus 1, Refocus 2, Develop 3, Integrate 4, Develop 5, Integrate 6")
            if (interaction.decision is not None) != (index == 3):
                report(relative, where, f"interactions[{index}].decision",
                       "only Integrate 4 has a decision" if interaction.decision else
                       "Integrate 4 needs its decision (met / not met)",
                       "give Integrate 4 a decision with question, met and not_met")
        for theme_id in duplicates(t.id for t in cycle.themes):
            report(relative, ("themes",), "themes", f"the theme id '{theme_id}' appears twice", "rename one")
        for index, interaction in enumerate(cycle.interactions):
            for item, message, hint in task_id_problems(interaction.checklist):
                report(relative, ("interactions", index, "checklist", item),
                       f"interactions[{index}].checklist[{item}]", message, hint)

    # -- the set-up checklist
    for item, message, hint in task_id_problems(programme.checklist):
        report("checklist.yml", ("tasks", item), f"tasks[{item}]", message, hint)

    # -- forms
    for form_id, form in programme.forms.items():
        for field_id in duplicates(f.id for f in form.fields):
            report(f"forms/{form_id}.yml", ("fields",), "fields", f"the field id '{field_id}' appears twice",
                   "give each field its own id")

    # -- the induction-tutor handbook
    orders: dict[int, str] = {}
    for chapter_id, chapter in programme.handbook.items():
        relative = f"handbook/{chapter_id}.md"
        if chapter.order in orders:
            report(relative, ("order",), "order", f"chapter {orders[chapter.order]} has the same order",
                   "give each chapter its own order number")
        orders[chapter.order] = chapter_id
        calls, body_problems = macro_calls(chapter.body.text, chapter.body.first_line, HANDBOOK_VOCABULARY)
        shown_as = at(relative)[0]
        problems.extend(Problem(shown_as, p.line, "body", p.message, p.hint) for p in body_problems)
        for call in calls:
            if call.name == "sequence_example":
                for message, hint in module_order_problems([c.strip() for c in call.args[0].split(",")], programme):
                    problems.append(Problem(shown_as, call.line, "body", f"sequence_example: {message}", hint))
            if call.name in ("time_commitments", "webinar_table") and call.args[0] not in ("1", "2"):
                problems.append(Problem(shown_as, call.line, "body", f"{call.name}(\"{call.args[0]}\"): no such year",
                                        'write "1" or "2"'))

    # -- meeting template
    row_ids = [r.id for r in programme.meeting_template.rows]
    for row_id in duplicates(row_ids):
        report("templates/mentor-ect-meeting.yml", ("rows", row_ids.index(row_id)), "rows",
               f"the row id '{row_id}' appears twice", "give each row its own id")
    return problems


def task_id_problems(tasks: Iterable[model.Task]) -> list[tuple[int, str, str]]:
    """Tasks of one checklist that share an id, so would share a tick: (index, message, hint) of each later one."""
    first: dict[str, int] = {}
    found = []
    for index, task in enumerate(tasks):
        if task.key not in first:
            first[task.key] = index
            continue
        source = "" if task.id else f" (their first {model.TASK_ID_WORDS} words)"
        found.append((index, f"tasks {first[task.key] + 1} and {index + 1} have the same id '{task.key}'{source}, "
                      "so they would share a tick",
                      "give one of them an id of its own: write it as {id: …, text: …} (see content/README.md)"))
    return found


def _close(a: str, b: str) -> bool:
    """True when two surnames differ by one letter (a likely misspelling)."""
    a, b = a.lower(), b.lower()
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 4:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _page_problems(programme: model.Programme, page: model.SelfStudy | model.MentorSupport, relative: str,
                   at: Callable[..., tuple[str, int]], failed: set[tuple[str, str]],
                   study_for_page: model.SelfStudy) -> list[Problem]:
    """Timings and macro calls in one page's body."""
    problems: list[Problem] = []

    def add(location: tuple[object, ...] | int, field: str, message: str, hint: str) -> None:
        if isinstance(location, int):
            shown_as, _ = at(relative)
            problems.append(Problem(shown_as, location, field, message, hint))
        else:
            shown_as, line = at(relative, *location)
            problems.append(Problem(shown_as, line, field, message, hint))

    section_ids = [s.id for s in page.sections]
    for section_id in duplicates(section_ids):
        add(("sections", section_ids.index(section_id)), "sections", f"the section id '{section_id}' appears twice",
            "give each section its own id")
    total = model.total_minutes(page.sections)
    if total != page.minutes:
        add(("minutes",), "minutes",
            f"the sections add up to {total} minutes, not {page.minutes}",
            f"change minutes to {total}, or correct the sections' minutes")

    calls, body_problems = macro_calls(page.body.text, page.body.first_line)
    problems += [Problem(at(relative)[0], p.line, "body", p.message, p.hint) for p in body_problems]

    used_sections: list[MacroCall] = [c for c in calls if c.name == "section"]
    used_ids = [c.args[0] for c in used_sections]
    for call in used_sections:
        if call.args[0] not in section_ids:
            add(call.line, "body", f"section(\"{call.args[0]}\") is not in the front matter's sections",
                f"use one of: {', '.join(section_ids)}")
        elif used_ids.count(call.args[0]) > 1 and used_ids.index(call.args[0]) != used_sections.index(call):
            add(call.line, "body", f"section(\"{call.args[0]}\") is used twice", "use each section once")
    for section_id in section_ids:
        if section_id not in used_ids:
            add(("sections", section_ids.index(section_id)), "sections",
                f"the section '{section_id}' never appears in the body",
                f"add {{{{ section(\"{section_id}\") }}}} where it starts, or remove it")
    in_body = [s for s in used_ids if s in section_ids]
    if in_body == list(dict.fromkeys(in_body)) and in_body != [s for s in section_ids if s in in_body]:
        add(("sections",), "sections", "the sections are listed in a different order from the body",
            f"list them in body order: {', '.join(in_body)}")

    study_sets = {c.args[0] for c in macro_calls(study_for_page.body.text, 1)[0] if c.name == "ingredients"}
    slots: list[str] = []
    for call in calls:
        if call.name == "scenarios":
            if call.args[0] not in ("start", "end"):
                add(call.line, "body", f"scenarios(\"{call.args[0]}\"): unknown moment", 'write "start" or "end"')
            elif study_for_page.scenario_set is None:
                add(call.line, "body", "this page shows scenarios but its study has no scenario_set",
                    "add scenario_set to the study's front matter")
        elif call.name == "ingredients":
            set_id = call.args[0]
            if set_id not in programme.ingredient_sets:
                if ("ingredient set", set_id) not in failed:
                    add(call.line, "body", f"there is no ingredient set '{set_id}'",
                        f"use one of: {', '.join(sorted(programme.ingredient_sets))}")
            elif isinstance(page, model.MentorSupport) and set_id not in study_sets:
                add(call.line, "body", f"the aligned study does not use the ingredient set '{set_id}'",
                    "show the same ingredient sets as the ECT study")
        elif call.name == "phase_examples":
            if call.args[0] not in programme.phase_example_sets and ("phase example set", call.args[0]) not in failed:
                add(call.line, "body", f"there is no phase example set '{call.args[0]}'",
                    f"use one of: {', '.join(sorted(programme.phase_example_sets)) or '(none yet)'}")
        elif call.name == "example_slot":
            slot = call.args[0]
            if isinstance(page, model.MentorSupport):
                add(call.line, "body", "mentor pages have no example slots",
                    "say in prose that the school shares its examples; the slots are on the ECT's study")
            if slot in slots:
                add(call.line, "body", f"the slot id '{slot}' is used twice on this page",
                    "give each example slot its own id")
            slots.append(slot)
        elif call.name == "look_fors" and not study_for_page.look_fors:
            add(call.line, "body", "look_fors() needs look_fors in the study's front matter", "add them")
        elif call.name == "suggested_actions" and study_for_page.action_set is None:
            add(call.line, "body", "suggested_actions() needs an action_set", "add action_set to the study")
        elif call.name == "statements" and not study_for_page.statements:
            add(call.line, "body", "statements() needs statements in the study's front matter", "add them")
    return problems


def module_order_problems(order: list[str], programme: model.Programme) -> list[tuple[str, str]]:
    """The rules of the flexible sequence (DOMAIN.md §2), as (message, what to do) pairs.

    `order` holds module letters or titles; a title is matched without regard to case.
    """
    titles = {m.title.lower(): m.code for m in programme.modules}
    names = {m.code: m.title for m in programme.modules}
    problems: list[tuple[str, str]] = []
    codes: list[str] = []
    for item in order:
        code = item.upper() if item.upper() in names else titles.get(item.strip().lower())
        if code is None:
            problems.append((f"'{item}' is not a module",
                             "use a letter A–F or a title: " + "; ".join(f"{c} {t}" for c, t in names.items())))
        else:
            codes.append(code)
    if codes and codes[0] != "A":
        problems.append((f"'{names['A']}' (A) must come first",
                         f"move A to the start; '{names[codes[0]]}' ({codes[0]}) is first now"))
    for code in duplicates(codes):
        problems.append((f"'{names[code]}' ({code}) appears twice", "each module is taken once, one per half term"))
    for code in names:
        if code not in codes:
            problems.append((f"'{names[code]}' ({code}) is missing", "list all six modules, one per half term"))
    return problems


def resolve_module_order(order: list[str], programme: model.Programme) -> tuple[str, ...]:
    titles = {m.title.lower(): m.code for m in programme.modules}
    return tuple(item.upper() if len(item) == 1 else titles[item.strip().lower()] for item in order)
