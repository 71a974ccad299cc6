"""Engine portability: the same sources build unchanged with ProperDocs (a MkDocs 1.x fork)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from engines.mkdocs.build import build_site
from tests.conftest import PROJECT

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): GENERATOR.sub(b"", p.read_bytes())
            for p in sorted(site.rglob("*")) if p.is_file() and p.suffix != ".gz"}


def test_properdocs_builds_the_same_site(tmp_path):
    properdocs = Path(sys.executable).parent / "properdocs"
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run([str(properdocs), "build", "--strict", "-f", "mkdocs.yml", "-d", str(tmp_path / "site")],
                         cwd=PROJECT, capture_output=True, text=True, env=environment)
    assert run.returncode == 0, run.stderr
    assert build_site(tmp_path / "ours").ok
    ours, theirs = files(tmp_path / "ours"), files(tmp_path / "site")
    assert ours.keys() == theirs.keys()
    different = [name for name in ours if ours[name] != theirs[name]]
    assert not different, different[:5]
