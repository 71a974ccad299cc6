"""Scaffolding: each new file is valid at once and shows up in the build."""

from __future__ import annotations

import subprocess
import sys

from engines.mkdocs.build import build_site
from tests.conftest import PROJECT
from tests.helpers import article, page


def run(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *arguments], cwd=PROJECT, capture_output=True, text=True)


def test_new_files_pass_check_and_show_up_in_the_build(content_copy, tmp_path):
    schools = tmp_path / "schools"
    made = [
        run("scripts/new.py", "self-study", "--module", "B", "--elective", "3", "--content", str(content_copy)),
        run("scripts/new.py", "self-study", "Subject knowledge in year 2", "--module", "D", "--core", "--year",
            "2", "--content", str(content_copy)),
        run("scripts/new.py", "scenario-set", "Questioning in six settings", "--content", str(content_copy)),
        run("scripts/new.py", "ingredient-set", "Questions that make everyone think", "--content",
            str(content_copy)),
        run("scripts/new.py", "school", "St Anne's Primary", "--phases", "eyfs,primary", "--schools", str(schools)),
    ]
    for result in made:
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("wrote ")
    assert (content_copy / "self-studies" / "managing-cognitive-load.md").is_file()
    assert (content_copy / "scenarios" / "questioning-in-six-settings.yml").is_file()
    school_file = schools / "st-annes-primary" / "school.yml"
    assert school_file.is_file()

    check = run("scripts/check.py", "--content", str(content_copy), "--school", str(school_file))
    assert check.returncode == 0, check.stdout

    result = build_site(tmp_path / "out", str(school_file), content_dir=content_copy)
    assert result.ok, result.messages
    body = article(page(tmp_path / "out", "self-studies/managing-cognitive-load/"))
    assert body.h1.get_text().startswith("Managing cognitive load")
    module_page = article(page(tmp_path / "out", "year-1/b-memory-and-learning/"))
    assert module_page.select_one("a[href='../../self-studies/managing-cognitive-load/']")


def test_new_refuses_to_overwrite(content_copy):
    result = run("scripts/new.py", "self-study", "--module", "E", "--elective", "5", "--content", str(content_copy))
    assert result.returncode == 1
    assert "already written" in result.stderr


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
