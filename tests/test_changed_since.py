"""`build.py --changed-since REF` picks exactly the sites a change alters, and says why.

Each test makes a git repository of the sample content and schools, commits it, changes one thing and
asks which sites differ. Where the answer is narrower than "every site", the sites left out are shown to
render exactly the same pages at REF and now (pipeline.render.site.render_site), and the sites picked
to render differently: the choice is exact, not a guess.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import DOCS_DIR, forget, prepare
from pipeline.changes import NATIONAL, ChangePlan, plan_changes
from pipeline.load.docs import read_docs
from pipeline.render.site import render_site
from tests.conftest import PROJECT, SAMPLE_SCHOOLS

SCENARIOS = "content/scenarios/feedback-in-six-settings.yml"


def git(repo: Path, *arguments: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.org",
                           *arguments], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    """The sample content, schools and theme overrides, committed; HEAD is the REF the tests compare with."""
    repo = tmp_path / "repo"
    for name in ("content", "schools", "overrides"):
        shutil.copytree(PROJECT / name, repo / name)
    (repo / "README.md").write_text("A project.\n")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "the published state")
    return repo


def pages(repo: Path, site: str) -> dict[str, str]:
    """Every finished page of a site, rendered by the pipeline (no engine), with its navigation and name."""
    forget()
    school = None if site == NATIONAL else repo / "schools" / site / "school.yml"
    built = render_site(prepare(repo / "content", school)[0], read_docs(DOCS_DIR))
    return {"(navigation)": repr(built.nav), "(name)": built.name} | {p.src: p.markdown for p in built.pages}


def rendered_at_head(repo: Path, sites: list[str]) -> dict[str, dict[str, str]]:
    stash = repo.parent / "now"
    shutil.copytree(repo, stash)
    git(repo, "stash", "-q", "--include-untracked")
    before = {site: pages(repo, site) for site in sites}
    shutil.rmtree(repo)
    shutil.move(stash, repo)
    return before


def assert_exact(repo: Path, plan) -> None:
    """The sites picked render differently now; the sites left unchanged render the same pages."""
    sites = [NATIONAL, *SAMPLE_SCHOOLS]
    before = rendered_at_head(repo, sites)
    for site in sites:
        differs = pages(repo, site) != before[site]
        assert differs == (site in plan.rebuild), (site, plan.lines())


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_content_change_every_school_shows_rebuilds_every_site(repo):
    study = next((repo / "content" / "self-studies").glob("*.md"))
    study.write_text(study.read_text(encoding="utf-8") + "\nOne more sentence for every reader.\n", encoding="utf-8")
    plan = plan_changes("HEAD", repo)
    assert set(plan.rebuild) == {NATIONAL, *SAMPLE_SCHOOLS}
    assert all(study.name in why for why in plan.rebuild.values())
    assert plan.removed == {}


def test_a_changed_or_added_image_rebuilds_every_site(repo):
    # Images are compared by their bytes, which need not be text (a PNG): no site keeps an old picture.
    png = bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xFF, 0xFE])
    (repo / "content" / "images" / "a-new-diagram.png").write_bytes(png)
    plan = plan_changes("HEAD", repo)
    assert set(plan.rebuild) == {NATIONAL, *SAMPLE_SCHOOLS}, plan.lines()
    assert all("a-new-diagram.png" in why for why in plan.rebuild.values())


def test_a_phase_only_change_rebuilds_only_the_schools_with_that_phase(repo):
    # The SEND scenario of one set: Brookside has SEND; Oakfield (EYFS, primary) and Northgate
    # (secondary, post-16) never show it.
    scenarios = repo / SCENARIOS
    text = scenarios.read_text(encoding="utf-8")
    send = text.index("phase: send")
    situation = text.index("situation:", send)
    scenarios.write_text(text[:situation] + "situation: >-\n      A new first sentence. " +
                         text[situation + len("situation:"):].lstrip(" >-\n"), encoding="utf-8")
    plan = plan_changes("HEAD", repo)
    assert set(plan.rebuild) == {NATIONAL, "brookside-school"}, plan.lines()
    assert "send" in plan.rebuild["brookside-school"]
    assert "do not show" in plan.unchanged["oakfield-primary"]
    assert_exact(repo, plan)


def test_reordering_two_phases_rebuilds_only_schools_that_show_both(repo):
    # Swap the EYFS and primary scenarios of a set: only a school with both sees the order change.
    path = repo / SCENARIOS
    text = path.read_text(encoding="utf-8")
    eyfs, primary, secondary = (text.index(f"  - phase: {p}\n") for p in ("eyfs", "primary", "secondary"))
    path.write_text(text[:eyfs] + text[primary:secondary] + text[eyfs:primary] + text[secondary:], encoding="utf-8")
    plan = plan_changes("HEAD", repo)
    assert set(plan.rebuild) == {NATIONAL, "oakfield-primary"}, plan.lines()
    assert_exact(repo, plan)


def test_a_school_change_rebuilds_only_that_school(repo):
    edit(repo / "schools" / "northgate-academy" / "school.yml", "module_order: [A, E, B, C, D, F]",
         "module_order: [A, B, E, C, D, F]")
    plan = plan_changes("HEAD", repo)
    assert plan.rebuild == {"northgate-academy": "its folder changed: schools/northgate-academy/school.yml"}
    assert set(plan.unchanged) == {NATIONAL, "brookside-school", "oakfield-primary"}
    assert_exact(repo, plan)


@pytest.mark.parametrize("theme_file", ["overrides/main.html", "docs/assets/ect.css", "engines/mkdocs/hooks.py"])
def test_a_theme_or_code_change_rebuilds_every_site(repo, theme_file):
    path = repo / theme_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text((path.read_text() if path.exists() else "") + "\n/* changed */\n")
    plan = plan_changes("HEAD", repo)
    assert set(plan.rebuild) == {NATIONAL, *SAMPLE_SCHOOLS}
    assert all(theme_file in why and "every site" in why for why in plan.rebuild.values())


def test_documentation_changes_no_site_and_a_deleted_school_is_removed(repo):
    edit(repo / "README.md", "A project.", "A project, described.")
    edit(repo / "content" / "README.md", "#", "##")  # the writers' guide: no site shows it
    shutil.rmtree(repo / "schools" / "brookside-school")
    plan = plan_changes("HEAD", repo)
    assert plan.rebuild == {}
    assert plan.removed == {"brookside-school": "schools/brookside-school/school.yml is gone"}
    assert set(plan.unchanged) == {NATIONAL, "northgate-academy", "oakfield-primary"}


def test_a_new_school_is_built(repo):
    shutil.copytree(repo / "schools" / "oakfield-primary", repo / "schools" / "elm-tree-primary")
    plan = plan_changes("HEAD", repo)
    assert plan.rebuild == {"elm-tree-primary": "a new school"}


def load_build_script():
    spec = importlib.util.spec_from_file_location("build_script", PROJECT / "scripts" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_build_py_builds_only_the_sites_picked_and_says_why(tmp_path, monkeypatch, capsys):
    build = load_build_script()
    plan = ChangePlan("REF", ["schools/northgate-academy/school.yml"],
                      rebuild={"northgate-academy": "its folder changed: schools/northgate-academy/school.yml"},
                      unchanged={NATIONAL: "nothing it publishes changed", "oakfield-primary": "nothing it publishes "
                                 "changed", "brookside-school": "nothing it publishes changed"})
    monkeypatch.setattr(build, "plan_changes", lambda ref: plan)
    out = tmp_path / "out"
    assert build.main(["--all", "--changed-since", "REF", "--out", str(out), "--jobs", "1"]) == 0
    said = capsys.readouterr().out
    assert "northgate-academy: build — its folder changed" in said
    assert "oakfield-primary: unchanged — nothing it publishes changed" in said
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["northgate-academy"]
    # the national site, unchanged: nothing is built
    assert build.main(["--changed-since", "REF", "--out", str(out)]) == 0
    assert "the national site does not differ from REF: nothing to build" in capsys.readouterr().out
    assert not (out / "index.html").exists()


def test_an_unknown_ref_is_a_wrong_argument_that_says_what_to_do(tmp_path):
    done = subprocess.run([sys.executable, "scripts/build.py", "--all", "--changed-since", "no-such-commit",
                           "--out", str(tmp_path / "out")], cwd=PROJECT, capture_output=True, text=True)
    assert done.returncode == 2
    assert "no-such-commit" in done.stderr and "fetch-depth: 0" in done.stderr
    assert not (tmp_path / "out").exists()


def test_check_py_style_and_build_py_see_the_same_changed_files(repo, monkeypatch):
    # A writer's new study, not yet committed, is a changed file for both: its house style is shown.
    edit(repo / "schools" / "northgate-academy" / "school.yml", "module_order: [A, E, B, C, D, F]",
         "module_order: [A, B, E, C, D, F]")
    (repo / "content" / "self-studies" / "a-new-study.md").write_text("Not committed yet.\n", encoding="utf-8")
    spec = importlib.util.spec_from_file_location("check_script", PROJECT / "scripts" / "check.py")
    check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check)
    monkeypatch.chdir(repo)
    seen = check.changed_files("HEAD")
    assert seen == {(repo / path).resolve() for path in plan_changes("HEAD", repo).changed}
    assert (repo / "content" / "self-studies" / "a-new-study.md").resolve() in seen
    assert check.changed_files("no-such-commit") is None  # check.py then shows every file's style
