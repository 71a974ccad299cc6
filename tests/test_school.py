"""A school's context: its phases, its module order (the programme's rules), its examples."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.validate.school import validate_school as load_school
from tests.conftest import PROJECT

GOOD = """\
name: Test School
phases: [primary]
module_order: [A, F, E, D, C, B]
"""


def write_school(tmp_path: Path, text: str, **files: str) -> Path:
    folder = tmp_path / "test-school"
    folder.mkdir(exist_ok=True)
    for name, body in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(body)
    (folder / "school.yml").write_text(text)
    return folder / "school.yml"


def messages(tmp_path: Path, programme, text: str, **files: str) -> list[str]:
    school, problems = load_school(write_school(tmp_path, text, **files), programme)
    assert (school is None) == bool(problems)
    return [str(p) for p in problems]


def test_a_good_school_loads(tmp_path, programme):
    school, problems = load_school(write_school(tmp_path, GOOD), programme)
    assert problems == []
    assert school.slug == "test-school"
    assert school.module_order == ("A", "F", "E", "D", "C", "B")


def test_titles_may_be_used_for_the_order(tmp_path, programme):
    text = GOOD.replace("[A, F, E, D, C, B]", "[Behaviour and Relationships, adaptive practice, E, D, C, B]")
    school, problems = load_school(write_school(tmp_path, text), programme)
    assert problems == [] and school.module_order[:2] == ("A", "F")


def test_no_order_means_the_default(tmp_path, programme):
    school, _ = load_school(write_school(tmp_path, "name: X\nphases: [eyfs]\n"), programme)
    assert school.module_order == tuple(programme.info.default_module_order)


@pytest.mark.parametrize("order, expected", [
    ("[C, A, B, D, E, F]", "school.yml:3: module_order[0]: 'Behaviour and Relationships' (A) must come first"),
    ("[A, C, C, D, E, F]", "module_order[2]: 'Planning and Delivery' (C) appears twice"),
    ("[A, B, C, D, E]", "school.yml:3: module_order: 'Adaptive Practice' (F) is missing"),
    ("[A, B, C, D, E, Geography]", "module_order[5]: 'Geography' is not a module"),
    ("[1, 3, 5, 2, 6, 7]", "module_order[5]: '7' is not a module"),  # the sample numbers its modules 1–6
])
def test_module_order_rules(tmp_path, programme, order, expected):
    found = messages(tmp_path, programme, GOOD.replace("[A, F, E, D, C, B]", order))
    assert any(expected in message for message in found), found


def test_modules_can_be_named_by_number_name_letter_or_title(tmp_path, programme):
    order = "[1, Module 6, e, '4', Memory and Learning, 'module 3: planning and delivery']"
    school, problems = load_school(write_school(tmp_path, GOOD.replace("[A, F, E, D, C, B]", order)), programme)
    assert problems == [] and school.module_order == ("A", "F", "E", "D", "B", "C")


def test_a_phase_that_does_not_exist(tmp_path, programme):
    found = messages(tmp_path, programme, GOOD.replace("[primary]", "[primary, infants]"))
    assert len(found) == 1
    assert "school.yml:2: phases[1]: 'infants' is not a phase — use one of: eyfs, primary" in found[0]


def test_examples_must_name_real_slots_and_files(tmp_path, programme):
    text = GOOD + """\
examples:
  providing-high-quality-feedback:
    feedback-examples: examples/missing.md
    no-such-slot: Some text.
  no-such-page:
    x: Some text.
"""
    found = messages(tmp_path, programme, text)
    assert any(":6: examples.providing-high-quality-feedback.feedback-examples: the file" in m for m in found), found
    assert any(":7: examples.providing-high-quality-feedback.no-such-slot: the page" in m for m in found), found
    assert any(":8: examples.no-such-page: there is no page 'no-such-page'" in m for m in found), found


def test_an_example_image_needs_alt_text(tmp_path, programme):
    text = GOOD + "examples:\n  providing-high-quality-feedback:\n    feedback-examples: examples/a.md\n"
    found = messages(tmp_path, programme, text, **{"examples/a.md": "Look: ![](board.png)\n"})
    assert any("an image has no alt text" in m for m in found), found


def test_check_command_reports_school_errors_without_a_traceback(tmp_path):
    school_file = write_school(tmp_path, GOOD.replace("[A, F, E, D, C, B]", "[F, A, A, D, C, B]"))
    run = subprocess.run([sys.executable, "scripts/check.py", "--school", str(school_file)],
                         cwd=PROJECT, capture_output=True, text=True)
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert "(A) must come first" in run.stdout
    assert "(A) appears twice" in run.stdout
    assert "(E) is missing" in run.stdout
    assert "3 errors found." in run.stdout
