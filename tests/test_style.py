"""House style (check.py --style): British English spelling with the programme's word list, sentence
length and words to avoid, from content/style.yml; warnings unless the writers make a rule an error."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import prepare
from pipeline.problems import ContentError
from tests.conftest import PROJECT
from tests.test_personal_data import add_to_study
from tests.test_validation import STUDY, shown

FIXTURES = PROJECT / "tests" / "fixtures" / "safety" / "style"


def check(*arguments: str, cwd: Path = PROJECT, **environment: str) -> subprocess.CompletedProcess:
    import os

    env = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"} | environment
    return subprocess.run([sys.executable, str(PROJECT / "scripts" / "check.py"), *arguments], cwd=cwd,
                          capture_output=True, text=True, env=env)


def style_lines(run: subprocess.CompletedProcess) -> list[str]:
    """The house-style problems check.py printed (its other warnings, e.g. a school's time budget, are not)."""
    return [line for line in run.stdout.splitlines()
            if ("warning:" in line or ": error" in line) and ("style.yml" in line or "words to avoid" in line)]


def test_the_sample_has_no_spelling_or_words_to_avoid():
    run = check("--style")
    assert run.returncode == 0, run.stdout
    assert [line for line in run.stdout.splitlines() if "dictionary" in line or "words to avoid" in line] == []


def test_style_is_not_checked_without_the_flag(content_copy):
    add_to_study(content_copy, (FIXTURES / "misspelt.md").read_text())
    run = check("--content", str(content_copy))
    assert run.returncode == 0 and "recieve" not in run.stdout


MUST_FAIL = {
    "misspelt.md": "'recieve' is not in the British English dictionary nor in the programme's word list — "
                   "did you mean 'receive'",
    "american-spelling.md": "'color' is on the list of words to avoid — write 'colour' instead",
    "long-sentence.md": "a sentence of 54 words ('When the teacher plans the lesson, …'), more than 40 — split it",
    "avoid.md": "'in order to' is on the list of words to avoid — write 'to' instead",
}


@pytest.mark.parametrize("fixture", sorted(MUST_FAIL))
def test_each_style_rule_warns_at_the_line(content_copy, fixture):
    line = add_to_study(content_copy, (FIXTURES / fixture).read_text())
    run = check("--content", str(content_copy), "--style")
    assert run.returncode == 0, run.stdout  # warnings never fail
    mine = [w for w in style_lines(run) if w.startswith(f"{shown(content_copy)}/{STUDY}:{line}:")]
    assert len(mine) == 1, run.stdout
    assert f"{STUDY}:{line}: body: warning: {MUST_FAIL[fixture]}" in mine[0]


def test_names_acronyms_citations_and_listed_words_pass(content_copy):
    line = add_to_study(content_copy, (FIXTURES / "fine.md").read_text())
    run = check("--content", str(content_copy), "--style")
    assert [w for w in style_lines(run) if f"{STUDY}:{line}:" in w] == []


def test_a_word_added_to_the_word_list_passes(content_copy):
    line = add_to_study(content_copy, "Pupils use the Kumon-style drills.\n")
    assert any(f"{STUDY}:{line}:" in w and "'Kumon-style'" in w
               for w in style_lines(check("--content", str(content_copy), "--style")))
    style = content_copy / "style.yml"
    style.write_text(style.read_text().replace("    - wellbeing\n", "    - wellbeing\n    - Kumon-style\n"))
    assert not any(f"{STUDY}:{line}:" in w for w in style_lines(check("--content", str(content_copy), "--style")))


def test_a_rule_the_writers_make_an_error_stops_check_and_the_build(content_copy):
    add_to_study(content_copy, (FIXTURES / "avoid.md").read_text())
    style = content_copy / "style.yml"
    style.write_text(style.read_text().replace("avoid:\n  level: warning", "avoid:\n  level: error"))
    run = check("--content", str(content_copy))
    assert run.returncode == 1, run.stdout
    assert "'in order to' is on the list of words to avoid" in run.stdout
    with pytest.raises(ContentError, match="words to avoid"):
        prepare(content_copy, None)


def test_a_mistake_in_style_yml_points_home(content_copy):
    style = content_copy / "style.yml"
    style.write_text(style.read_text().replace("  max_words: 40", "  max_word: 40"))
    run = check("--content", str(content_copy), "--style")
    assert run.returncode == 1
    assert f"{shown(content_copy)}/style.yml:" in run.stdout and \
        "sentence_length.max_word: is not a known key — did you mean 'max_words'?" in run.stdout


def test_under_github_actions_style_warnings_are_annotations(content_copy):
    line = add_to_study(content_copy, (FIXTURES / "avoid.md").read_text())
    run = check("--content", str(content_copy), "--style", GITHUB_ACTIONS="true")
    assert any(a.startswith(f"::warning file={shown(content_copy)}/{STUDY},line={line},title=body::'in order to'")
               for a in run.stdout.splitlines()), run.stdout


def test_changed_since_shows_the_style_of_changed_files_only(tmp_path):
    repository = tmp_path / "repository"
    shutil.copytree(PROJECT / "content", repository / "content")
    git = ["git", "-c", "user.name=Writer", "-c", "user.email=writer@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=repository, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repository, check=True)
    subprocess.run([*git, "commit", "-qm", "start"], cwd=repository, check=True)
    line = add_to_study(repository / "content", (FIXTURES / "avoid.md").read_text())

    run = check("--content", "content", "--style", "--changed-since", "HEAD", cwd=repository)
    warnings = style_lines(run)
    assert warnings and all(w.startswith(f"content/{STUDY}:") for w in warnings), run.stdout
    assert any(w.startswith(f"content/{STUDY}:{line}:") for w in warnings)


def test_passage_tags_are_not_prose():
    """'::: eyfs' and '[[primary: …]]' are tags, not words to spell; the words inside stay prose."""
    from pipeline.safety.style import prose

    text = "::: eyfs send\nA Reception class.\n:::\n\nAll. [[primary: A Year 4 class.]] [[all: Year 9]]"
    shown = prose(text)
    assert len(shown) == len(text) and shown.count("\n") == text.count("\n")
    assert "eyfs" not in shown and "primary" not in shown and "all:" not in shown and "]]" not in shown
    assert "A Reception class." in shown and "A Year 4 class." in shown and "Year 9" in shown
