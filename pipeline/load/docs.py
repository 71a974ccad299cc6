"""Reading the site's hand-written pages (docs/*.md): the home page, the accessibility statement."""

from __future__ import annotations

from pathlib import Path

from pipeline.load.source_text import read_text
from pipeline.problems import display_path


def read_docs(docs_dir: Path) -> dict[str, tuple[str, str]]:
    """Every Markdown page under docs/: its path in the site → (its text, how messages name the file)."""
    pages: dict[str, tuple[str, str]] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        shown_as = display_path(path)
        pages[path.relative_to(docs_dir).as_posix()] = (read_text(path, shown_as), shown_as)
    return pages
