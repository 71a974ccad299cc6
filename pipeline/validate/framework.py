"""Rules for the framework statements (framework/standard-N.yml)."""

from __future__ import annotations

from pipeline.validate.rules import Checking, rule


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
def statement_kind_matches_its_code(c: Checking) -> None:
    for standard in c.programme.standards:
        for index, statement in enumerate(standard.statements):
            looks_like_that = statement.code.split(".")[1].isdigit()
            if looks_like_that != (statement.kind == "learn-that"):
                c.report(_file(standard.id), ("statements", index, "kind"), f"statements[{index}].kind",
                         f"{statement.code} is marked {statement.kind}",
                         "numbered codes (6.1) are learn-that; lettered codes (6.a) are learn-how-to")


@rule
def statements_are_filed_under_their_standard(c: Checking) -> None:
    for standard in c.programme.standards:
        for index, statement in enumerate(standard.statements):
            if not statement.code.startswith(f"{standard.number}."):
                c.report(_file(standard.id), ("statements", index, "code"), f"statements[{index}].code",
                         f"{statement.code} is filed under standard {standard.number}",
                         "move it to its own standard's file or correct the code")


def statement_codes(c: Checking) -> set[str]:
    return {s.code for standard in c.programme.standards for s in standard.statements}
