"""Rules for checklists: the set-up checklist, each cycle interaction's checklist, a school's own tasks.

A reader's tick is kept under the task's id (its first words, or an `id:` of its own), so two
tasks of one list with the same id would share a tick.
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline import model
from pipeline.validate.rules import Checking, rule


def task_id_problems(tasks: Iterable[model.Task]) -> list[tuple[int, str, str]]:
    """Tasks of one checklist that share an id: (index, message, hint) of each later one."""
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


@rule
def set_up_tasks_have_an_id_each(c: Checking) -> None:
    for item, message, hint in task_id_problems(c.programme.checklist):
        c.report("checklist.yml", ("tasks", item), f"tasks[{item}]", message, hint)


@rule
def cycle_tasks_have_an_id_each(c: Checking) -> None:
    for cycle_id, cycle in c.programme.development_cycles.items():
        for index, interaction in enumerate(cycle.interactions):
            for item, message, hint in task_id_problems(interaction.checklist):
                c.report(f"development-cycles/{cycle_id}.yml", ("interactions", index, "checklist", item),
                         f"interactions[{index}].checklist[{item}]", message, hint)
