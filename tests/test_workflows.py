"""The forge's pipeline files: they parse, pin their actions, and run the README's commands."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import yaml

from tests.conftest import PROJECT

WORKFLOWS = PROJECT / ".github" / "workflows"


def readme_commands() -> list[str]:
    block = re.search(r"## The two commands.*?```sh\n(.*?)```", (PROJECT / "README.md").read_text(), re.DOTALL)
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]


def steps(workflow: str) -> dict[str, list[dict]]:
    data = yaml.safe_load((WORKFLOWS / workflow).read_text())
    return {name: job.get("steps", []) for name, job in data["jobs"].items()}


def test_workflows_parse_and_pin_every_action():
    for path in WORKFLOWS.glob("*.yml"):
        for job_steps in steps(path.name).values():
            for step in job_steps:
                if "uses" in step:
                    assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+\.\d+\.\d+", step["uses"]), step["uses"]


def test_the_test_job_runs_the_readme_commands():
    runs = [step["run"] for step in steps("pull-request.yml")["test"] if "run" in step]
    assert runs == readme_commands()
    ci_run = (PROJECT / ".ci" / "run").read_text()
    for command in readme_commands():
        assert command in ci_run


def test_pull_requests_check_build_every_school_and_try_properdocs():
    jobs = steps("pull-request.yml")
    runs = " ".join(step.get("run", "") for job in jobs.values() for step in job)
    assert "python scripts/check.py" in runs
    assert "python scripts/build.py --school ${{ matrix.school }}" in runs
    assert "properdocs build --strict" in runs
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for step in jobs["build"])
    listed = subprocess.run([sys.executable, "scripts/list_schools.py"], cwd=PROJECT, capture_output=True, text=True)
    assert listed.stdout.strip().startswith('["')


def test_main_builds_shards_of_what_changed_and_publishes_only_changed_files():
    jobs = steps("publish.yml")
    plan = " ".join(step.get("run", "") for step in jobs["plan"])
    assert "python scripts/list_schools.py --shards" in plan and "--changed-since" in plan
    assert any(step.get("with", {}).get("fetch-depth") == 0 for step in jobs["plan"])  # REF must be there
    workflow = yaml.safe_load((WORKFLOWS / "publish.yml").read_text())
    build = workflow["jobs"]["build"]
    assert build["strategy"]["fail-fast"] is False  # a shard's failure stops no other shard
    assert "fromJSON(needs.plan.outputs.plan).shards" in build["strategy"]["matrix"]["include"]
    runs = " ".join(step.get("run", "") for step in jobs["build"])
    assert "python scripts/build.py --shared-assets --out public" in runs
    upload = next(step for step in jobs["build"] if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert "!cancelled()" in upload["if"]  # a shard with a failed school still hands on the others
    publish = " ".join(step.get("run", "") for step in jobs["publish"])
    assert "python scripts/publish.py public" in publish and "--remove" in publish
    assert "!cancelled()" in workflow["jobs"]["publish"]["if"]
    assert any(step.get("with", {}).get("merge-multiple") for step in jobs["publish"])
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in jobs["deploy"])


def test_every_script_the_workflows_call_accepts_its_arguments():
    for path in WORKFLOWS.glob("*.yml"):
        for job_steps in steps(path.name).values():
            for step in job_steps:
                for command in step.get("run", "").splitlines():
                    words = shlex.split(command.replace("${{ matrix.school }}", "oakfield-primary"))
                    if len(words) > 1 and words[0] == "python" and words[1].startswith("scripts/"):
                        script = PROJECT / words[1]
                        assert script.is_file(), command
                        if "--" in command:
                            help_text = subprocess.run([sys.executable, str(script), "--help"], cwd=PROJECT,
                                                       capture_output=True, text=True).stdout
                            for flag in (w.split("=")[0] for w in words if w.startswith("--")):
                                assert flag in help_text, (command, flag)


def test_pre_commit_runs_ruff_and_the_check():
    config = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert "ruff" in hooks
    assert hooks["check-sources"]["entry"] == "python scripts/check.py"
