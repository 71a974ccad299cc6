"""Rules for the reusable sets: ingredients, scenarios, phase examples and suggested actions."""

from __future__ import annotations

import re

from pipeline.model import REPEAT
from pipeline.validate.rules import Checking, duplicates, one_of, rule, second

OPTION_KINDS = ("journal", "collaborate", "refine")


@rule
def ingredient_ids_are_unique(c: Checking) -> None:
    for set_id, ingredient_set in c.programme.ingredient_sets.items():
        item_ids = [i.id for i in ingredient_set.ingredients]
        for item_id in duplicates(item_ids):
            c.report(f"ingredients/{set_id}.yml", ("ingredients", second(item_ids, item_id)), "ingredients",
                     f"the ingredient id '{item_id}' appears twice", "give each ingredient its own id")


@rule
def scenario_phases_exist_once_each(c: Checking) -> None:
    phase_ids = [p.id for p in c.programme.phases]
    for set_id, scenario_set in c.programme.scenario_sets.items():
        seen: list[str] = []
        for index, scenario in enumerate(scenario_set.scenarios):
            where, field = ("scenarios", index, "phase"), f"scenarios[{index}].phase"
            if scenario.phase not in phase_ids:
                c.report(f"scenarios/{set_id}.yml", where, field, f"'{scenario.phase}' is not a phase",
                         one_of(phase_ids, scenario.phase))
            elif scenario.phase in seen:
                c.report(f"scenarios/{set_id}.yml", where, field, f"a second scenario for '{scenario.phase}'",
                         "keep one scenario per phase in a set")
            seen.append(scenario.phase)


@rule
def scenario_options_are_one_of_each_kind(c: Checking) -> None:
    for set_id, scenario_set in c.programme.scenario_sets.items():
        for index, scenario in enumerate(scenario_set.scenarios):
            kinds = [o.kind for o in scenario.options]
            if sorted(kinds) != sorted(OPTION_KINDS):
                c.report(f"scenarios/{set_id}.yml", ("scenarios", index, "options"), f"scenarios[{index}].options",
                         f"the options are {', '.join(kinds)}",
                         "give one journal, one collaborate and one refine option")


ROLE_WORDS = 12  # "Year 4 class teacher", "teacher of a class of autistic pupils aged 9 to 11 in a special school"


@rule
def scenario_roles_are_short_phrases(c: Checking) -> None:
    """The role follows the teacher's name ("Mr Haddad, Year 4 class teacher"); the story is the situation's."""
    for set_id, scenario_set in c.programme.scenario_sets.items():
        for index, scenario in enumerate(scenario_set.scenarios):
            role = scenario.role.strip().rstrip(".")
            if len(role.split()) > ROLE_WORDS or re.search(r"[.!?]\s", role):
                c.report(f"scenarios/{set_id}.yml", ("scenarios", index, "role"), f"scenarios[{index}].role",
                         "the role is a sentence, not a short phrase",
                         f"keep it to a few words (at most {ROLE_WORDS}), e.g. 'Year 4 class teacher', and tell "
                         "the story in situation")


@rule
def scenarios_revisit_by_repeating_or_summarising(c: Checking) -> None:
    for set_id, scenario_set in c.programme.scenario_sets.items():
        for index, scenario in enumerate(scenario_set.scenarios):
            revisit = scenario.revisit.strip()
            if len(revisit.split()) == 1 and revisit.lower() != REPEAT:
                c.report(f"scenarios/{set_id}.yml", ("scenarios", index, "revisit"), f"scenarios[{index}].revisit",
                         f"'{revisit}' is neither {REPEAT} nor a summary",
                         f"write {REPEAT} to show the situation again in full, or a short summary of it")


@rule
def option_feedback_is_given_for_every_option_or_none(c: Checking) -> None:
    for set_id, scenario_set in c.programme.scenario_sets.items():
        options = [(index, number, option) for index, scenario in enumerate(scenario_set.scenarios)
                   for number, option in enumerate(scenario.options)]
        with_feedback = sum(option.feedback is not None for _, _, option in options)
        if 0 < with_feedback < len(options):
            for index, number, option in options:
                if option.feedback is None:
                    c.report(f"scenarios/{set_id}.yml", ("scenarios", index, "options", number),
                             f"scenarios[{index}].options[{number}]",
                             "this option has no feedback, but other options in the set have",
                             "add feedback: to it, or remove feedback from every option of the set")


@rule
def teachers_names_are_spelt_one_way(c: Checking) -> None:
    """A warning: two surnames one letter apart in a set are probably one teacher spelt two ways."""
    for set_id, scenario_set in c.programme.scenario_sets.items():
        teachers: dict[str, str] = {}
        for index, scenario in enumerate(scenario_set.scenarios):
            surname = scenario.teacher.split()[-1]
            for other_surname, other in teachers.items():
                if surname != other_surname and one_letter_apart(surname, other_surname):
                    c.report(f"scenarios/{set_id}.yml", ("scenarios", index, "teacher"), f"scenarios[{index}].teacher",
                             f"'{scenario.teacher}' looks like '{other}' spelt another way",
                             "spell each teacher's name one way", severity="warning")
            teachers[surname] = scenario.teacher


def one_letter_apart(a: str, b: str) -> bool:
    """True when two names differ by one letter (a likely misspelling)."""
    a, b = a.lower(), b.lower()
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 4:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


@rule
def phase_example_phases_exist_once_each(c: Checking) -> None:
    phase_ids = [p.id for p in c.programme.phases]
    for set_id, example_set in c.programme.phase_example_sets.items():
        seen: list[str] = []
        for index, example in enumerate(example_set.examples):
            where, field = ("examples", index, "phase"), f"examples[{index}].phase"
            if example.phase not in phase_ids:
                c.report(f"phase-examples/{set_id}.yml", where, field, f"'{example.phase}' is not a phase",
                         one_of(phase_ids, example.phase))
            elif example.phase in seen:
                c.report(f"phase-examples/{set_id}.yml", where, field, f"a second example for '{example.phase}'",
                         "keep one example per phase in a set")
            seen.append(example.phase)


@rule
def action_ids_are_unique(c: Checking) -> None:
    for set_id, action_set in c.programme.action_sets.items():
        action_ids = [a.id for a in action_set.actions]
        for action_id in duplicates(action_ids):
            c.report(f"actions/{set_id}.yml", ("actions", second(action_ids, action_id)), "actions",
                     f"the action id '{action_id}' appears twice", "give each action its own id")


@rule
def action_ingredients_exist_once_each(c: Checking) -> None:
    sets = c.programme.ingredient_sets
    for set_id, action_set in c.programme.action_sets.items():
        for index, action in enumerate(action_set.actions):
            for item_index, reference in enumerate(action.ingredients):
                where = ("actions", index, "ingredients", item_index)
                field = f"actions[{index}].ingredients[{item_index}]"
                set_part, _, item_part = reference.partition("/")
                if reference in action.ingredients[:item_index]:
                    c.report(f"actions/{set_id}.yml", where, field, f"'{reference}' is listed twice in one action",
                             "list each ingredient once")
                elif not item_part:
                    c.report(f"actions/{set_id}.yml", where, field, f"'{reference}' does not name an ingredient",
                             "write SET-ID/INGREDIENT-ID, e.g. feedback-that-moves-learning-on/time-to-act")
                elif set_part not in sets:
                    if not c.failed("ingredient set", set_part):
                        c.report(f"actions/{set_id}.yml", where, field, f"there is no ingredient set '{set_part}'",
                                 one_of(sets, set_part))
                elif item_part not in {i.id for i in sets[set_part].ingredients}:
                    c.report(f"actions/{set_id}.yml", where, field, f"the set '{set_part}' has no ingredient "
                             f"'{item_part}'", one_of([i.id for i in sets[set_part].ingredients], item_part))
