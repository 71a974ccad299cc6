"""A warning for every set no page uses yet: not wrong, but a writer should know."""

from __future__ import annotations

from pipeline.validate.rules import Checking, rule
from pipeline.vocabulary import macro_calls


@rule
def every_set_is_used_by_a_page(c: Checking) -> None:
    # A file that failed to load, or a mistyped reference, may be what uses a set: until the errors
    # are fixed, a warning here would only mislead. (This rule runs last, after every other.)
    if c.loaded.failed or any(p.severity == "error" for p in (*c.loaded.problems, *c.problems)):
        return
    programme = c.programme
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
            c.report(f"{folder}/{set_id}.yml", (), "", f"no page uses this {kind} set yet",
                     "refer to it from a self-study, or remove it", severity="warning")
