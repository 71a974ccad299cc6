"""Every command a person runs answers --help, saying what it does and how it exits."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import PROJECT

SCRIPTS = sorted(path.name for path in (PROJECT / "scripts").iterdir() if path.suffix in (".py", ".sh"))


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_script_answers_help(script):
    command = ["bash", f"scripts/{script}"] if script.endswith(".sh") else [sys.executable, f"scripts/{script}"]
    run = subprocess.run([*command, "--help"], cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("usage:"), run.stdout[:200]
    assert "Exit codes" in run.stdout, run.stdout
