"""Loading and checking one school's context (schools/SLUG/school.yml)."""

from __future__ import annotations

import re
from pathlib import Path

from . import model
from .load import build, read_yaml
from .outline import macro_calls
from .problems import Problem, display_path
from .validate import module_order_problems, resolve_module_order, task_id_problems
from .yaml_lines import line_of

_IMAGE_WITHOUT_ALT = re.compile(r"!\[\s*\]\(")


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


def slots_by_page(programme: model.Programme) -> dict[str, list[str]]:
    """The example slots each self-study offers, in page order (mentor pages have none)."""
    pages: dict[str, list[str]] = {}
    for page in programme.self_studies.values():
        calls, _ = macro_calls(page.body.text, page.body.first_line)
        pages[page.id] = [c.args[0] for c in calls if c.name == "example_slot"]
    return pages


def load_school(school_file: Path, programme: model.Programme) -> tuple[model.School | None, list[Problem]]:
    problems: list[Problem] = []
    shown_as = display_path(school_file)
    if not school_file.is_file():
        problems.append(Problem(shown_as, 0, "", "there is no such school",
                                "name a folder under schools/ or the path of a school.yml"))
        return None, problems
    data = read_yaml(school_file, school_file.parent, problems)
    if data is None:
        return None, problems
    school_file_model = build(model.SchoolFile, data, shown_as, {}, problems)
    if school_file_model is None:
        return None, problems

    def add(location: tuple[object, ...], field: str, message: str, hint: str) -> None:
        problems.append(Problem(shown_as, line_of(data, location) or 1, field, message, hint))

    phase_ids = [p.id for p in programme.phases]
    for index, phase in enumerate(school_file_model.phases):
        if phase not in phase_ids:
            add(("phases", index), f"phases[{index}]", f"'{phase}' is not a phase",
                f"use one of: {', '.join(phase_ids)}")
        elif phase in school_file_model.phases[:index]:
            add(("phases", index), f"phases[{index}]", f"'{phase}' is listed twice", "list each phase once")

    order = school_file_model.module_order
    if order is None:
        module_order = tuple(programme.info.default_module_order)
    else:
        order_problems = module_order_problems(list(order), programme)
        for message, hint in order_problems:
            # point at the offending item where there is one
            index = next((i for i, item in enumerate(order) if f"'{item}'" in message), None)
            location = ("module_order", index) if index is not None else ("module_order",)
            add(location, "module_order", message, hint)
        module_order = () if order_problems else resolve_module_order(list(order), programme)

    slots = slots_by_page(programme)
    examples: dict[str, dict[str, str]] = {}
    for page_id, page_examples in school_file_model.examples.items():
        if page_id not in slots:
            add(("examples", page_id), f"examples.{page_id}", f"there is no page '{page_id}'",
                f"use the id of a self-study: {', '.join(sorted(slots))}")
            continue
        for slot_id, value in page_examples.items():
            where = ("examples", page_id, slot_id)
            field = f"examples.{page_id}.{slot_id}"
            if slot_id not in slots[page_id]:
                add(where, field, f"the page '{page_id}' has no example slot '{slot_id}'",
                    f"use one of: {', '.join(slots[page_id]) or '(this page has no slots)'}")
                continue
            text = _example_text(value, school_file.parent)
            if text is None:
                add(where, field, f"the file '{value}' does not exist",
                    "put the file in the school's folder, or write the Markdown here")
                continue
            if _IMAGE_WITHOUT_ALT.search(text):
                add(where, field, "an image has no alt text",
                    "describe the picture: ![What the picture shows](file.png)")
            examples.setdefault(page_id, {})[slot_id] = text

    for item, message, hint in task_id_problems(school_file_model.checklist):
        add(("checklist", item), f"checklist[{item}]", message, hint)

    if problems:
        return None, problems
    return model.School(
        slug=school_slug(school_file), name=school_file_model.name, phases=tuple(school_file_model.phases),
        module_order=module_order, examples=examples, contacts=tuple(school_file_model.contacts),
        checklist=tuple(school_file_model.checklist), source=shown_as,
    ), problems


def _example_text(value: str, school_dir: Path) -> str | None:
    """An example is Markdown written in place, or the path of a .md file in the school's folder."""
    if "\n" not in value and value.strip().endswith(".md"):
        path = (school_dir / value.strip()).resolve()
        if not path.is_relative_to(school_dir.resolve()) or not path.is_file():
            return None
        return path.read_text(encoding="utf-8")
    return value
