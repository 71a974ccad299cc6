"""Reading one school's context (schools/SLUG/school.yml and the files in its folder)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline import model
from pipeline.load import source_text
from pipeline.load.programme import build, read_yaml
from pipeline.problems import Problem, display_path


def find_school_file(name: str, schools_dir: Path) -> Path:
    """A school named by its slug (a folder under schools/), its folder, or its school.yml."""
    candidate = Path(name)
    if candidate.is_file():
        return candidate
    if (candidate / "school.yml").is_file():
        return candidate / "school.yml"
    return schools_dir / name / "school.yml"


def school_slug(school_file: Path) -> str:
    return school_file.resolve().parent.name


def read_school(school_file: Path) -> tuple[model.SchoolFile | None, Any, list[Problem]]:
    """The school file checked against its model, its parsed YAML (with lines) and every problem."""
    problems: list[Problem] = []
    if not school_file.is_file():
        problems.append(Problem(display_path(school_file), 0, "", "there is no such school",
                                "name a folder under schools/ or the path of a school.yml"))
        return None, None, problems
    data = read_yaml(school_file, school_file.parent, problems)
    if data is None:
        return None, None, problems
    return build(model.SchoolFile, data, display_path(school_file), {}, problems), data, problems


def looks_like_a_file(value: str) -> bool:
    """A one-line example that ends in .md names a file in the school's folder; anything else is Markdown."""
    return "\n" not in value and value.strip().lower().endswith((".md", ".markdown"))


def example_path(value: str, school_dir: Path) -> Path | None:
    """The file an example names, when it is the path of a file in the school's folder (None otherwise:
    a path may not lead outside the folder)."""
    path = (school_dir / value.strip()).resolve()
    if not path.is_relative_to(school_dir.resolve()) or not path.is_file():
        return None
    return path


def example_text(value: str, school_dir: Path) -> str | None:
    """An example is Markdown written in place, or the path of a .md file in the school's folder
    (None if there is no such file there: a path may not lead outside the folder).
    Raises SourceUnreadable for a file that is not UTF-8 text or is far too large."""
    if looks_like_a_file(value):
        path = example_path(value, school_dir)
        return source_text.read_text(path, display_path(path)) if path else None
    return value
