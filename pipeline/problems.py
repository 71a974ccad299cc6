"""Problems found in the sources, reported all together as `file:line: field: what — what to do`."""

from __future__ import annotations

import difflib
import functools
import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one source file."""

    path: str
    line: int
    field: str
    message: str
    hint: str = ""
    severity: str = "error"  # "error" stops the build; "warning" is reported only
    rule: str = field(default="", compare=False)  # the validation rule that found it, for tests

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        hint = f" — {self.hint}" if self.hint else ""
        prefix = "" if self.severity == "error" else "warning: "
        return f"{where}:{field} {prefix}{self.message}{hint}"


class ContentError(Exception):
    """Raised when sources have errors; carries every problem found in the run."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem]) -> str:
    errors = [p for p in problems if p.severity == "error"]
    lines = [str(p) for p in sorted(problems)]
    lines.append(f"{len(errors)} error{'s' if len(errors) != 1 else ''} found.")
    return "\n".join(lines)


def close_matches(typed: str, choices: list[str] | tuple[str, ...]) -> list[str]:
    """The choices a mistyped value was probably meant to be, closest first (none when nothing is close)."""
    by_folded = {choice.casefold(): choice for choice in choices}
    return [by_folded[m] for m in difflib.get_close_matches(str(typed).casefold(), by_folded, n=2, cutoff=0.75)]


def did_you_mean(typed: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """'did you mean 'x'?' when a choice is close to what was typed, else None."""
    close = close_matches(typed, choices)
    return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?" if close else None


def display_path(path: Path) -> str:
    """A path as a writer would type it: relative to the working directory when it is inside it."""
    return _display_path(str(path), os.getcwd())


@functools.lru_cache(maxsize=4096)  # asked for every content file on every load
def _display_path(path: str, working_directory: str) -> str:
    try:
        return Path(path).resolve().relative_to(Path(working_directory).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()
