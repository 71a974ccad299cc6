"""scripts/check.py as writers and CI run it: all problems, file:line, exit codes, annotations."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.conftest import PROJECT
from tests.test_validation import SCENARIOS, STUDY, mutate


def check(*arguments: str, **environment: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"} | environment
    return subprocess.run([sys.executable, "scripts/check.py", *arguments], cwd=PROJECT, capture_output=True,
                          text=True, env=env)


def test_clean_sources_exit_0():
    run = check()
    assert run.returncode == 0, run.stdout
    assert "All sources are valid" in run.stdout
    assert "::" not in run.stdout


def test_every_problem_is_listed_with_a_count_and_exit_1(content_copy):
    mutate(content_copy, SCENARIOS, "phase: post-16", "phase: sixth-form")
    mutate(content_copy, STUDY, "minutes: 45", "minutes: forty")
    run = check("--content", str(content_copy))
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    problem_lines = [line for line in run.stdout.splitlines()
                     if re.match(r"^\S+:\d+: ", line) and "warning:" not in line]
    assert len(problem_lines) == 2
    assert "2 errors found." in run.stdout


def test_under_github_actions_problems_become_annotations(content_copy):
    line = mutate(content_copy, SCENARIOS, "phase: post-16", "phase: sixth-form")
    run = check("--content", str(content_copy), GITHUB_ACTIONS="true")
    annotations = [a for a in run.stdout.splitlines() if a.startswith("::")]
    assert annotations, run.stdout
    assert re.match(rf"^::error file=\S+/{re.escape(SCENARIOS)},line={line},title=scenarios\[3\]\.phase::"
                    r"'sixth-form' is not a phase — use one of: ", annotations[0]), annotations[0]


def test_an_unreadable_content_folder_is_an_error_not_a_traceback(tmp_path):
    run = check("--content", str(tmp_path / "nowhere"))
    assert run.returncode == 1
    assert "the content folder does not exist" in run.stdout
    assert "Traceback" not in run.stderr


def test_an_unknown_school_is_a_wrong_argument():
    run = check("--school", "nope")
    assert run.returncode == 2
    assert "there is no school 'nope'" in run.stderr


def test_quiet_prints_errors_only(tmp_path):
    school = tmp_path / "warned" / "school.yml"
    school.parent.mkdir()
    task = "checklist: [Ask Oliver Hughes in Year 4 about the rota]\n"
    school.write_text("name: Warned School\nphases: [primary]\n" + task)
    loud = check("--school", str(school))
    assert loud.returncode == 0 and "may be a pupil's name" in loud.stdout
    quiet = check("-q", "--school", str(school))
    assert quiet.returncode == 0 and quiet.stdout == ""
    school.write_text("name: Warned School\nphases: [nursery]\n" + task)
    quiet = check("-q", "--school", str(school))
    assert quiet.returncode == 1
    assert "'nursery' is not a phase" in quiet.stdout and "pupil's name" not in quiet.stdout


def test_schools_are_checked_even_while_the_programme_has_errors(content_copy, tmp_path):
    mutate(content_copy, SCENARIOS, "phase: post-16", "phase: sixth-form")  # a programme error
    school = tmp_path / "broken-school" / "school.yml"
    school.parent.mkdir()
    school.write_text("name: Broken School\nphases: [primary]\nmodule_order: [B, A, C, D, E, F]\ncolour: blue\n")
    run = check("--content", str(content_copy), "--school", str(school))
    assert run.returncode == 1
    assert "'sixth-form' is not a phase" in run.stdout
    assert f"{school}:4: colour: is not a known key" in run.stdout  # the school's own problems, same run
    # a programme broken beyond putting together still lets the school's file be read
    (content_copy / "modules.yml").write_text("modules: [\n")
    run = check("--content", str(content_copy), "--school", str(school))
    assert "modules.yml" in run.stdout and f"{school}:4: colour: is not a known key" in run.stdout
    assert "Traceback" not in run.stdout + run.stderr


def test_todo_text_is_a_warning_locally_and_an_error_with_strict_todo(content_copy):
    line = mutate(content_copy, STUDY, "summary: ", "summary: TODO ")
    run = check("--content", str(content_copy))
    assert run.returncode == 0, run.stdout
    assert f"{STUDY}:{line}: summary: warning: TODO text is still here" in run.stdout
    run = check("--content", str(content_copy), "--strict-todo")
    assert run.returncode == 1
    assert f"{STUDY}:{line}: summary: TODO text is still here — replace it" in run.stdout


def test_the_publish_workflow_stops_on_todo_text():
    import yaml

    jobs = yaml.safe_load((PROJECT / ".github" / "workflows" / "publish.yml").read_text())["jobs"]

    def runs(job: str) -> list[str]:
        return [step.get("run", "") for step in jobs[job]["steps"]]

    def needs(job: str) -> list[str]:
        wanted = jobs[job].get("needs", [])
        return [wanted] if isinstance(wanted, str) else wanted

    # The check runs first: before any build in its own job, or in a job every building job needs.
    checking = next(job for job in jobs if any("scripts/check.py" in command for command in runs(job)))
    check_step = next(runs(checking)[i] for i, command in enumerate(runs(checking)) if "scripts/check.py" in command)
    assert "--strict-todo" in check_step.split("#")[0]
    for job in jobs:
        commands = runs(job) if "steps" in jobs[job] else []
        if any("scripts/build.py" in command for command in commands):
            if job == checking:
                assert commands.index(check_step) < next(
                    i for i, command in enumerate(commands) if "scripts/build.py" in command)
            else:
                assert checking in needs(job), job
