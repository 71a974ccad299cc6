"""Helpers for writing Markdown: indentation, durations as readers say them, and tables."""

from __future__ import annotations


def indent(text: str, spaces: int = 4) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else "" for line in text.strip("\n").splitlines())


def minutes(n: int) -> str:
    return f"{n} minute{'s' if n != 1 else ''}"


def duration(n: int) -> str:
    """Minutes as a reader says them: 45 minutes, 1 hour, 1.5 hours, 4.5 hours."""
    if n < 60:
        return minutes(n)
    hours = n / 60
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
