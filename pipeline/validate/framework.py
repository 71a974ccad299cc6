"""Rules for the framework statements (framework/standard-N.yml)."""

from __future__ import annotations

from pipeline import model
from pipeline.validate.rules import Checking, duplicates, one_of, rule, second


def _file(standard_id: str) -> str:
    return f"framework/{standard_id}.yml"


@rule
def each_standard_is_written_once(c: Checking) -> None:
    numbers = [standard.number for standard in c.programme.standards]
    for standard in c.programme.standards:
        if numbers.count(standard.number) > 1:
            c.report(_file(standard.id), ("number",), "number", f"standard {standard.number} is written in two files",
                     "keep one file per standard")


@rule
def statement_codes_are_unique(c: Checking) -> None:
    codes = [s.code for standard in c.programme.standards for s in standard.statements]
    for standard in c.programme.standards:
        for index, statement in enumerate(standard.statements):
            if codes.count(statement.code) > 1:
                c.report(_file(standard.id), ("statements", index), f"statements[{index}].code",
                         f"the statement code {statement.code} appears twice", "keep one statement per code")


@rule
def statement_kinds_exist_and_match_their_codes(c: Checking) -> None:
    kinds = {kind.id: kind for kind in c.programme.info.statement_kinds}
    for standard in c.programme.standards:
        for index, statement in enumerate(standard.statements):
            kind = kinds.get(statement.kind)
            where, field = ("statements", index, "kind"), f"statements[{index}].kind"
            if kind is None:
                c.report(_file(standard.id), where, field, f"'{statement.kind}' is not a kind of statement",
                         one_of(list(kinds)) + " (statement_kinds in programme.yml)")
            elif kind.codes != "any" and model.statement_code_style(statement.code) != kind.codes:
                c.report(_file(standard.id), where, field, f"{statement.code} is marked {statement.kind}, whose "
                         f"codes are {kind.codes} ({'6.1' if kind.codes == 'numbered' else '6.a or 6I'})",
                         "correct the kind or the code, or the kind's codes: in programme.yml")


@rule
def statement_kinds_are_listed_once(c: Checking) -> None:
    kind_ids = [kind.id for kind in c.programme.info.statement_kinds]
    for kind_id in duplicates(kind_ids):
        c.report("programme.yml", ("statement_kinds", second(kind_ids, kind_id)), "statement_kinds",
                 f"the statement kind '{kind_id}' is listed twice", "list each kind once")


@rule
def statement_groups_exist_in_their_standard(c: Checking) -> None:
    for standard in c.programme.standards:
        group_ids = [group.id for group in standard.groups]
        for group_id in duplicates(group_ids):
            c.report(_file(standard.id), ("groups", second(group_ids, group_id)), "groups",
                     f"the group '{group_id}' is listed twice", "list each group once")
        for index, statement in enumerate(standard.statements):
            if statement.group is not None and statement.group not in group_ids:
                c.report(_file(standard.id), ("statements", index, "group"), f"statements[{index}].group",
                         f"there is no group '{statement.group}' in this standard",
                         one_of(list(dict.fromkeys(group_ids))) if group_ids else "add it under groups: with its stem")


@rule
def statements_are_filed_under_their_standard(c: Checking) -> None:
    for standard in c.programme.standards:
        for index, statement in enumerate(standard.statements):
            if model.statement_standard(statement.code) != standard.number:
                c.report(_file(standard.id), ("statements", index, "code"), f"statements[{index}].code",
                         f"{statement.code} is filed under standard {standard.number}",
                         "move it to its own standard's file or correct the code")


def statement_codes(c: Checking) -> set[str]:
    return {s.code for standard in c.programme.standards for s in standard.statements}
