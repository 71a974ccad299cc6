"""Scaffolding: each new file passes check.py but for its TODOs, passes cleanly once they are filled in,
and shows up in the build; titles and names with YAML's special characters are written safely."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

from engines.mkdocs.build import build_site
from tests.conftest import PROJECT
from tests.helpers import article, page

# Titles that broke the hand-written YAML: ": " starts a key, '#' a comment, a leading quote a quoted string.
TITLE = 'Questions: "why" and how # first'
SCHOOL = 'St Anne\'s "Primary": a school'


def run(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *arguments], cwd=PROJECT, capture_output=True, text=True)


def scaffold_everything(content: Path, schools: Path) -> dict[Path, str | None]:
    """One file of every kind new.py starts: each file written, with the title (or name) it must hold."""
    (content / "development-cycles" / "cycle-3.yml").unlink()  # the sample has cycles 1–3
    commands = [
        ["self-study", "--module", "B", "--elective", "3"],
        ["self-study", f"Subject knowledge: {TITLE}", "--module", "D", "--core", "--year", "2"],
        ["scenario-set", TITLE],
        ["ingredient-set", TITLE],
        ["action-set", TITLE],
        ["mentor-session", TITLE, "--module", "C", "--week", "2"],
        ["development-cycle", "--number", "3"],
        ["form", TITLE],
        ["handbook-chapter", TITLE],
    ]
    written: dict[Path, str | None] = {}
    for command in commands:
        result = run("scripts/new.py", *command, "--content", str(content))
        assert result.returncode == 0, (command, result.stderr)
        title = command[1] if not command[1].startswith("--") else None
        written[Path(re.match(r"wrote (\S+):", result.stdout)[1])] = title
    result = run("scripts/new.py", "school", SCHOOL, "--phases", "eyfs,primary", "--schools", str(schools))
    assert result.returncode == 0, result.stderr
    written[Path(re.match(r"wrote (\S+):", result.stdout)[1])] = SCHOOL
    return written


def check(content: Path, school: Path, *options: str) -> tuple[int, list[str]]:
    result = run("scripts/check.py", "--content", str(content), "--school", str(school), *options)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, [line for line in result.stdout.splitlines() if re.match(r"^\S+:\d+: ", line)]


def test_every_scaffold_fails_check_only_for_its_todos_and_passes_once_they_are_filled(content_copy, tmp_path):
    files = scaffold_everything(content_copy, tmp_path / "schools")
    school = next(path for path in files if path.name == "school.yml")
    for path, title in files.items():  # valid YAML, with the title or name kept exactly
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text.split("---")[1] if path.suffix == ".md" else text)
        if title is not None:
            assert data.get("name" if path.name == "school.yml" else "title") == title, path

    code, problems = check(content_copy, school)
    assert code == 0, problems  # locally, TODO text is a warning
    todo = [p for p in problems if "TODO text is still here" in p]
    assert {p.split(":")[0] for p in todo} == {str(path) for path in files}  # every scaffold has its TODOs
    others = [p for p in problems if p not in todo]
    assert all("no page uses this" in p for p in others), others  # new sets: not yet used by a page

    code, strict = check(content_copy, school, "--strict-todo")
    errors = [p for p in strict if "warning:" not in p]
    assert code == 1 and errors and all("TODO text is still here" in p for p in errors), errors

    for path in files:
        path.write_text(re.sub(r"TODO ?", "Filled ", path.read_text(encoding="utf-8")), encoding="utf-8")
    code, problems = check(content_copy, school, "--strict-todo")
    assert code == 0, problems
    assert all("no page uses this" in p for p in problems), problems


def test_new_files_show_up_in_the_build(content_copy, tmp_path):
    files = scaffold_everything(content_copy, tmp_path / "schools")
    school = next(path for path in files if path.name == "school.yml")
    result = build_site(tmp_path / "out", str(school), content_dir=content_copy)
    assert result.ok, result.messages
    body = article(page(tmp_path / "out", "self-studies/managing-cognitive-load/"))
    assert body.h1.get_text().startswith("Managing cognitive load")
    module_page = article(page(tmp_path / "out", "year-1/b-memory-and-learning/"))
    assert module_page.select_one("a[href='../../self-studies/managing-cognitive-load/']")
    session = article(page(tmp_path / "out", "mentor/sessions/module-c-week-2/"))
    assert session.h1.get_text().startswith(f"Week 2: {TITLE}")
    assert article(page(tmp_path / "out", "mentor/year-2/cycle-3/")).h1.get_text().startswith("Development cycle 3")
    home = page(tmp_path / "out", "")
    assert SCHOOL in home.select_one(".md-header__topic").get_text()


def test_the_help_documents_only_options_that_exist(tmp_path):
    """Every option the help's examples use is one new.py takes (the help once showed a --title that was not)."""
    result = run("scripts/new.py", "--help")
    examples = [line for line in result.stdout.splitlines() if line.strip().startswith("python scripts/new.py")]
    used = {option for line in examples for option in re.findall(r"\s(--[a-z-]+)", line)}
    taken = set(re.findall(r"^  (--[a-z-]+)", result.stdout.split("options:")[1], re.MULTILINE))
    assert len(examples) >= 9 and used and used <= taken, used - taken
    for line in examples:  # each is accepted as written (into an empty folder: parsed, then refused or written)
        arguments = shlex.split(line.split("#")[0])[2:]
        parsed = run("scripts/new.py", *arguments, "--content", str(tmp_path), "--schools", str(tmp_path))
        assert parsed.returncode != 2, (line, parsed.stderr)


def test_new_refuses_to_overwrite(content_copy):
    result = run("scripts/new.py", "self-study", "--module", "E", "--elective", "5", "--content", str(content_copy))
    assert result.returncode == 1
    assert "already written" in result.stderr
    result = run("scripts/new.py", "mentor-session", "Again", "--module", "E", "--week", "1", "--content",
                 str(content_copy))
    assert result.returncode == 1 and "Module 5 week 1 is already written" in result.stderr
    result = run("scripts/new.py", "development-cycle", "--number", "1", "--content", str(content_copy))
    assert result.returncode == 1 and "cycle 1 is already written" in result.stderr


def test_a_new_school_needs_known_phases_and_any_name_is_written_safely(content_copy, tmp_path):
    schools = tmp_path / "schools"
    missing = run("scripts/new.py", "school", "Hill School", "--schools", str(schools))
    assert missing.returncode == 1 and not schools.exists()
    assert "--phases" in missing.stderr and "eyfs, primary, secondary" in missing.stderr
    unknown = run("scripts/new.py", "school", "Hill School", "--phases", "primary,nursery", "--schools", str(schools))
    assert unknown.returncode == 1 and not schools.exists()
    assert "'nursery' is not a phase: use one or more of: eyfs, primary" in unknown.stderr

    name = 'St Anne\'s: "Upper" #1 School'
    made = run("scripts/new.py", "school", name, "--phases", "eyfs,send", "--schools", str(schools))
    assert made.returncode == 0, made.stderr
    school_file = schools / "st-annes-upper-1-school" / "school.yml"
    check = run("scripts/check.py", "--content", str(content_copy), "--school", str(school_file))
    assert check.returncode == 0, check.stdout
    from pipeline import check_programme, check_school
    school, _ = check_school(school_file, check_programme(content_copy)[0])
    assert school.name == name and school.phases == ("eyfs", "send")
