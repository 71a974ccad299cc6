"""Helpers for writing Markdown: indentation, durations as readers say them, and tables."""

from __future__ import annotations

import re


def indent(text: str, spaces: int = 4) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else "" for line in text.strip("\n").splitlines())


def minutes(n: int) -> str:
    return f"{n} minute{'s' if n != 1 else ''}"


def duration(minutes_: int | None, hours: float | None = None) -> str:
    """A time as the writer gave it: minutes as minutes (90 minutes), hours as hours (1 hour, 4.5 hours)."""
    if hours is None:
        return minutes(minutes_ or 0)
    text = f"{hours:g}"
    return f"{text} hour{'s' if text != '1' else ''}"


def table(header: list[str], rows: list[list[str]], align: list[str] | None = None) -> str:
    """A Markdown table; a `|` inside a cell is escaped, so it never splits the cell."""
    align = align or ["---"] * len(header)
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def span(low: int, high: int) -> str:
    """A time as written: 8 minutes, or a range, 5–8 minutes."""
    return minutes(low) if low == high else f"{low}–{high} minutes"


# ---- reading Markdown: what is markup, and what is code or a template ----

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,}).*?^(?P=indent)(?P=fence)[ \t]*$",
                    re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
def _blank(match: re.Match[str]) -> str:
    """The matched text as spaces, newlines kept, so that later lines keep their numbers."""
    return re.sub(r"[^\n]", " ", match.group(0))


def markup_only(text: str) -> str:
    """The text with code (fenced blocks and `spans`) and {{ templates }} blanked out: they are not markup.
    Lines keep their numbers."""
    return _TEMPLATE.sub(_blank, _CODE_SPAN.sub(_blank, _FENCE.sub(_blank, text)))
