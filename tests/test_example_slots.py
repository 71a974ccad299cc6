"""Example slots named by a page's title: accepted where one page has it; otherwise the candidates are listed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline import check_programme
from pipeline.validate.school import validate_school
from tests.test_rules import MINIMAL


@pytest.fixture
def two_pages_titled_alike(tmp_path) -> Path:
    """minimal, with a second core study (year 2) titled like test-core."""
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    core = (content / "self-studies" / "test-core.md").read_text()
    (content / "self-studies" / "test-core-again.md").write_text(core.replace("year: 1", "year: 2"))
    return content


def school(tmp_path: Path, examples: str) -> Path:
    folder = tmp_path / "test-school"
    folder.mkdir(exist_ok=True)
    (folder / "school.yml").write_text(f"name: Test School\nphases: [primary]\nexamples:\n{examples}")
    return folder / "school.yml"


def test_a_title_names_its_page_when_only_one_page_has_it(tmp_path):
    programme, _ = check_programme(MINIMAL)
    found, problems = validate_school(school(tmp_path, '  "test CORE self-study":\n    core-examples: Ours.\n'),
                                      programme)
    assert [p for p in problems if p.severity == "error"] == []
    assert found.examples == {"test-core": {"core-examples": "Ours."}}


def test_a_title_two_pages_have_lists_both(tmp_path, two_pages_titled_alike):
    programme, problems = check_programme(two_pages_titled_alike)
    assert programme is not None, problems
    found, problems = validate_school(school(tmp_path, "  Test core self-study:\n    core-examples: Ours.\n"),
                                      programme)
    assert found is None
    assert [str(p).split(": ", 1)[1] for p in problems] == [
        "examples.Test core self-study: 2 pages have the title 'Test core self-study' — write the id of the one "
        'you mean: test-core ("Test core self-study", year 1, Module A); test-core-again ("Test core self-study", '
        "year 2, Module A)"]


def test_a_slot_on_another_page_names_that_page(tmp_path):
    programme, _ = check_programme(MINIMAL)
    _, problems = validate_school(school(tmp_path, "  test-core:\n    test-examples: Ours.\n"), programme)
    assert [p.hint for p in problems] == [
        "'test-examples' is on another page: put it under that page: test-elective (\"Providing high-quality "
        'feedback", year 1, Module E) (this page has: core-examples)']
