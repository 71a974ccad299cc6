"""Rules for the induction-tutor handbook (handbook/ID.md)."""

from __future__ import annotations

from pipeline.sequence import module_order_problems
from pipeline.validate.rules import Checking, rule
from pipeline.vocabulary import HANDBOOK_VOCABULARY, macro_calls


def _file(chapter_id: str) -> str:
    return f"handbook/{chapter_id}.md"


@rule
def chapters_have_an_order_each(c: Checking) -> None:
    orders: dict[int, str] = {}
    for chapter_id, chapter in c.programme.handbook.items():
        if chapter.order in orders:
            c.report(_file(chapter_id), ("order",), "order", f"chapter {orders[chapter.order]} has the same order",
                     "give each chapter its own order number")
        orders[chapter.order] = chapter_id


@rule
def chapters_use_only_the_handbook_macros(c: Checking) -> None:
    for chapter_id, chapter in c.programme.handbook.items():
        for problem in macro_calls(chapter.body.text, chapter.body.first_line, HANDBOOK_VOCABULARY)[1]:
            c.report_line(_file(chapter_id), problem.line, "body", problem.message, problem.hint)


@rule
def handbook_macro_arguments_are_valid(c: Checking) -> None:
    for chapter_id, chapter in c.programme.handbook.items():
        for call in macro_calls(chapter.body.text, chapter.body.first_line, HANDBOOK_VOCABULARY)[0]:
            if call.name == "sequence_example":
                for _, message, hint in module_order_problems(call.args[0].split(","), c.programme):
                    c.report_line(_file(chapter_id), call.line, "body", f"sequence_example: {message}", hint)
            if call.name in ("time_commitments", "webinar_table", "seminar_table") and call.args[0] not in ("1", "2"):
                c.report_line(_file(chapter_id), call.line, "body", f"{call.name}(\"{call.args[0]}\"): no such year",
                              'write "1" or "2"')
