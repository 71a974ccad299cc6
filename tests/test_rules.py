"""Every validation rule, triggered by a tiny must-fail fixture; every message snapshot-tested.

The fixtures are in tests/fixtures/ (its README.md says how they are laid out):

    programmes/minimal/        the smallest programme with no problems, not even a warning
    schools/SLUG/              schools for it with no problems
    must-fail/CASE/            only the files that differ from minimal (NAME.delete removes NAME),
                               and expected.txt: the problem lines check.py prints for the case
    must-fail-schools/CASE/    a school's folder named CASE, checked against minimal, and expected.txt
    must-pass/CASE/            overlays on minimal that must find no problem at all

Each case is put together in a temporary folder (content/, schools/CASE/) and checked from
there, so that messages name content/... and schools/CASE/school.yml wherever the tests run.

When a message changes on purpose, rewrite every expected.txt and read the diff before committing:

    UPDATE_EXPECTED=1 python -m pytest tests/test_rules.py

A normal run only compares: it never writes.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline import check_programme, check_school
from pipeline.problems import Problem
from pipeline.validate.rules import RULES, SOURCE_RULES, rule_name
from pipeline.validate.school import SCHOOL_RULES

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL = FIXTURES / "programmes" / "minimal"
SCHOOLS = FIXTURES / "schools"
MUST_FAIL = FIXTURES / "must-fail"
MUST_PASS = FIXTURES / "must-pass"
MUST_FAIL_SCHOOLS = FIXTURES / "must-fail-schools"
EXPECTED = "expected.txt"
DELETE = ".delete"
UPDATE = os.environ.get("UPDATE_EXPECTED") == "1"

# The loader's own problems have no rule name; each of these messages (in full) must still be
# shown by some case.
LOADER_MESSAGES = (
    r"is not a known key",
    r"is missing",
    r"expected a whole number, got .+",
    r"expected text, but YAML read a key and value here",
    r"this is not valid YAML: .+",
    r"this line is not UTF-8 text \(byte 0x..\)",
    r"YAML aliases \(&name / \*name\) are not allowed in sources",
    r"this file is missing",
    r"'.+' is not a valid id",
    r"the mentor–ECT meeting template is missing",
    r"the front matter is missing",
    r"the file is empty",
)


def case_names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.is_dir())


def link_minimal(content: Path) -> None:
    """A copy of minimal made of links to its files and folders: cheap to make and to clean up."""
    content.mkdir(parents=True)
    for path in MINIMAL.iterdir():
        (content / path.name).symlink_to(path)


def real_folder(folder: Path) -> None:
    """Turn a linked folder into a real one (of links to its files) so that a case can change it."""
    if folder.is_symlink():
        source = folder.readlink()
        folder.unlink()
        shutil.copytree(source, folder, copy_function=os.symlink)
    elif not folder.exists():
        real_folder(folder.parent)
        folder.mkdir()


def apply_overlay(case: Path, content: Path) -> None:
    """Copy a case's files over a linked copy of minimal; NAME.delete removes NAME instead."""
    for source in sorted(case.rglob("*")):
        relative = source.relative_to(case)
        if source.is_dir() or relative == Path(EXPECTED):
            continue
        target = content / relative
        real_folder(target.parent)
        if source.name.endswith(DELETE):
            removed = target.with_name(target.name.removesuffix(DELETE))
            assert removed.exists(), f"{relative}: there is no {removed.name} in minimal to remove"
            removed.unlink()  # a link, to a file or a folder
        else:
            target.unlink(missing_ok=True)  # a link to minimal's file: never write through it
            shutil.copyfile(source, target)


class Workspace:
    """Puts cases together under one temporary folder and checks each once (tests share the results)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.results: dict[tuple[str, str], list[Problem]] = {}
        self.accepted: dict[tuple[str, str], bool] = {}  # whether the programme or school came back checked

    def programme_case(self, case: str, cases: Path = MUST_FAIL) -> list[Problem]:
        key = (cases.name, case)
        if key not in self.results:
            folder = self.root / cases.name / case
            link_minimal(folder / "content")
            apply_overlay(cases / case, folder / "content")
            with contextlib.chdir(folder):
                programme, self.results[key] = check_programme(Path("content"))
            self.accepted[key] = programme is not None
        return self.results[key]

    def school_case(self, source: Path) -> list[Problem]:
        """A school checked against minimal; its folder keeps its fixture's name (the school's slug)."""
        key = (source.parent.name, source.name)
        if key not in self.results:
            folder = self.root / "schools-against-minimal"
            if not (folder / "content").exists():
                link_minimal(folder / "content")
            shutil.copytree(source, folder / "schools" / source.name, ignore=shutil.ignore_patterns(EXPECTED))
            with contextlib.chdir(folder):
                programme, problems = check_programme(Path("content"))
                assert programme is not None, "\n".join(map(str, problems))
                school, self.results[key] = check_school(Path("schools") / source.name / "school.yml", programme)
            self.accepted[key] = school is not None
        return self.results[key]

    def all_must_fail(self) -> list[Problem]:
        found: list[Problem] = []
        for case in case_names(MUST_FAIL):
            found += self.programme_case(case)
        for case in case_names(MUST_FAIL_SCHOOLS):
            found += self.school_case(MUST_FAIL_SCHOOLS / case)
        return found


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Workspace:
    return Workspace(tmp_path_factory.mktemp("rules"))


def lines(problems: list[Problem]) -> list[str]:
    """The problem lines check.py prints, in its order."""
    return [str(problem) for problem in sorted(problems)]


def compare_with_expected(case: Path, problems: list[Problem]) -> None:
    expected_file = case / EXPECTED
    found = lines(problems)
    assert found, f"{case.name}: a must-fail case found no problem at all"
    if UPDATE:
        expected_file.write_text("\n".join(found) + "\n", encoding="utf-8")
        return
    assert expected_file.is_file(), f"{case.name} has no {EXPECTED}: write it with UPDATE_EXPECTED=1, then read it"
    assert found == expected_file.read_text(encoding="utf-8").splitlines(), (
        f"{case.name}: the problems differ from {EXPECTED} (if on purpose, regenerate with UPDATE_EXPECTED=1)")


# ---- must pass ------------------------------------------------------------------------------

def test_the_minimal_programme_has_no_problems():
    with contextlib.chdir(MINIMAL.parent):
        programme, problems = check_programme(Path(MINIMAL.name))
    assert lines(problems) == []
    assert programme is not None


@pytest.mark.parametrize("slug", case_names(SCHOOLS))
def test_the_fixture_schools_have_no_problems(workspace, slug):
    assert lines(workspace.school_case(SCHOOLS / slug)) == []
    assert workspace.accepted[("schools", slug)]


@pytest.mark.parametrize("case", case_names(MUST_PASS))
def test_must_pass_programme(workspace, case):
    """Overlays on minimal that must find nothing at all (e.g. a phase's marker inside a passage for it)."""
    assert lines(workspace.programme_case(case, MUST_PASS)) == []
    assert workspace.accepted[("must-pass", case)]


# ---- must fail ------------------------------------------------------------------------------

@pytest.mark.parametrize("case", case_names(MUST_FAIL))
def test_must_fail_programme(workspace, case):
    problems = workspace.programme_case(case)
    compare_with_expected(MUST_FAIL / case, problems)
    has_errors = any(problem.severity == "error" for problem in problems)
    assert workspace.accepted[("must-fail", case)] is not has_errors, "only a programme without errors is built"


@pytest.mark.parametrize("case", case_names(MUST_FAIL_SCHOOLS))
def test_must_fail_school(workspace, case):
    problems = workspace.school_case(MUST_FAIL_SCHOOLS / case)
    compare_with_expected(MUST_FAIL_SCHOOLS / case, problems)
    has_errors = any(problem.severity == "error" for problem in problems)
    assert workspace.accepted[("must-fail-schools", case)] != has_errors, \
        "a school with errors must not be built; one with only warnings is built"


def test_every_validation_rule_is_triggered_by_a_must_fail_fixture(workspace, capsys):
    registered: list[Callable] = [*SOURCE_RULES, *RULES, *SCHOOL_RULES]
    every_rule = [rule_name(function) for function in registered]
    triggered = {problem.rule for problem in workspace.all_must_fail()} - {""}
    with capsys.disabled():
        print(f"\nvalidation rules triggered by a must-fail fixture: {len(triggered & set(every_rule))}"
              f"/{len(every_rule)}")
    assert len(set(every_rule)) == len(every_rule), "two rules have the same name"
    assert triggered <= set(every_rule), "a problem names a rule that is not registered"
    untriggered = [name for name in every_rule if name not in triggered]
    assert not untriggered, "no must-fail fixture triggers: " + ", ".join(untriggered)


def test_the_loaders_own_problems_are_shown_by_must_fail_fixtures(workspace):
    loader_messages = [problem.message for problem in workspace.all_must_fail() if not problem.rule]
    missing = [text for text in LOADER_MESSAGES if not any(re.fullmatch(text, message) for message in loader_messages)]
    assert not missing, "no must-fail fixture shows: " + "; ".join(missing)
