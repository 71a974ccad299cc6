"""Work shared between builds (engines/mkdocs/shared_work.py, the per-file load) never changes what a build gives.

The reference each time is a clean build: a fresh process that has shared nothing with anyone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from engines.mkdocs.build import build_site
from pipeline import check_programme
from tests.conftest import PROJECT, SAMPLE_SCHOOLS
from tests.helpers import every_file_text, indexed_text, page, project_copy, run_build, snapshot

STUDY = "providing-high-quality-feedback"


def clean_build(out: Path, *arguments: str) -> None:
    """build.py in a process of its own: nothing shared with any other build."""
    run = run_build("--out", str(out), "--jobs", "1", *arguments)
    assert run.returncode == 0, run.stdout + run.stderr


def twin_of_oakfield(folder: Path) -> Path:
    """A second school with Oakfield's phases and order (so most of its pages are shared), but
    its own name, contacts and examples."""
    school = yaml.safe_load((PROJECT / "schools" / "oakfield-primary" / "school.yml").read_text())
    school["name"] = "Larchwood Primary School"
    school["contacts"] = [{"role": "Induction tutor", "name": "Mr P. Quennell", "email": "ect@larchwood.example"}]
    school["examples"] = {STUDY: {"whole-class-feedback-examples": "At Larchwood, Miss Tavistock reads the "
                                                                  "class's work and reteaches one common error."}}
    school.pop("checklist", None)
    school.pop("logo", None)  # Oakfield's crest is Oakfield's
    (folder / "larchwood-primary").mkdir(parents=True)
    (folder / "larchwood-primary" / "school.yml").write_text(yaml.safe_dump(school))
    return folder


def test_schools_built_together_match_schools_built_alone(tmp_path):
    """--all in one process (memory) and in two (a shared folder) against one clean process per school."""
    schools = twin_of_oakfield(tmp_path / "schools")
    for slug in SAMPLE_SCHOOLS:
        shutil.copytree(PROJECT / "schools" / slug, schools / slug)
    slugs = sorted(path.parent.name for path in schools.glob("*/school.yml"))
    for slug in slugs:
        clean_build(tmp_path / "alone", "--school", str(schools / slug / "school.yml"))
    clean_build(tmp_path / "serial", "--all", "--schools-dir", str(schools))
    run = run_build("--all", "--schools-dir", str(schools), "--jobs", "2", "--out", str(tmp_path / "parallel"))
    assert run.returncode == 0, run.stderr

    for slug in slugs:
        alone = snapshot(tmp_path / "alone" / slug)
        assert snapshot(tmp_path / "serial" / slug) == alone, slug
        assert snapshot(tmp_path / "parallel" / slug) == alone, slug
    # built together, no school's name appears in another school's site
    names = {slug: yaml.safe_load((schools / slug / "school.yml").read_text())["name"] for slug in slugs}
    for slug in slugs:
        text = "\n".join(every_file_text(tmp_path / "parallel" / slug).values())
        assert names[slug] in text
        assert not [names[other] for other in slugs if other != slug and names[other] in text], slug
    # the twin shares most pages with Oakfield, and still shows only its own name, contacts and example
    for together in ("serial", "parallel"):
        twin = "\n".join(every_file_text(tmp_path / together / "larchwood-primary").values())
        oakfield = "\n".join(every_file_text(tmp_path / together / "oakfield-primary").values())
        assert "Larchwood Primary School" in twin and "Miss Tavistock" in twin and "Mr P. Quennell" in twin
        assert "Oakfield" not in twin and "Mrs J. Whitcombe" not in twin and "Mr Osei" not in twin
        assert "Larchwood" not in oakfield and "Tavistock" not in oakfield and "Quennell" not in oakfield


def test_an_edit_is_never_hidden_by_shared_work(tmp_path, content_copy):
    """As in preview: build, edit prose, data, a section title and another page's title, build again."""
    target = tmp_path / "preview"
    assert build_site(target, "oakfield-primary", content_copy).ok
    edits = {
        f"self-studies/{STUDY}.md": [("2. Whole-class feedback", "2. Feedback for the whole class"),
                                     ("{{ section(\"whole-class-feedback\") }}",
                                      "{{ section(\"whole-class-feedback\") }}\n\nA sentence added in preview.")],
        "scenarios/feedback-in-six-settings.yml": [("During child-initiated time, Ms Penhaligon",
                                                    "During snack time, Ms Penhaligon")],
        "self-studies/assessment-for-learning-core.md": [("for learning: the essentials", "for learning: first steps")],
    }
    for name, changes in edits.items():
        text = (content_copy / name).read_text()
        for old, new in changes:
            assert old in text, (name, old)
            text = text.replace(old, new)
        (content_copy / name).write_text(text)

    assert build_site(target, "oakfield-primary", content_copy).ok
    study = page(target, f"self-studies/{STUDY}/")
    text = study.get_text()
    assert "A sentence added in preview." in text
    assert "During snack time, Ms Penhaligon" in text and "During child-initiated time" not in text
    headings = [h2.get_text(strip=True).rstrip("¶") for h2 in study.select("article h2")]
    assert "2. Feedback for the whole class" in headings and "2. Whole-class feedback" not in headings
    nav_titles = [link.get_text(" ", strip=True) for link in study.select("nav.md-nav--primary a")]
    assert "Core: Assessment for learning: first steps" in nav_titles  # another page's new title
    assert "Core: Assessment for learning: the essentials" not in nav_titles
    assert "2. Feedback for the whole class" in nav_titles  # this page's contents, in its navigation
    index = indexed_text(target)
    assert "A sentence added in preview." in index
    assert "During snack time" in index and "child-initiated time" not in index

    clean_build(tmp_path / "clean", "--school", "oakfield-primary", "--content", str(content_copy))
    assert snapshot(target) == snapshot(tmp_path / "clean" / "oakfield-primary")


def test_a_reused_page_still_fails_the_build_for_its_broken_link(tmp_path, content_copy):
    study_file = content_copy / "self-studies" / f"{STUDY}.md"
    study_file.write_text(study_file.read_text() + "\nSee [the missing page](no-such-page.md).\n")
    for attempt in ("first", "second"):  # the second conversion is reused: its warning must be too
        result = build_site(tmp_path / attempt, None, content_copy)
        assert not result.ok, attempt
        assert any("no-such-page.md" in message for message in result.messages), (attempt, result.messages)


def test_loading_reads_again_only_the_files_that_changed(content_copy):
    first, problems = check_programme(content_copy)
    study_file = content_copy / "self-studies" / f"{STUDY}.md"
    study_file.write_text(study_file.read_text().replace("summary: >-", "summary: >-\n  Freshly edited.", 1))
    broken = content_copy / "ingredients" / "zz-broken.yml"
    broken.write_text("title: Broken\ningredients:\n  - id: one\n    nme: One\n")
    second, second_problems = check_programme(content_copy)
    assert second is None  # the new file has an error
    assert any(p.path.endswith("zz-broken.yml") and p.line == 4 for p in second_problems)
    broken.unlink()
    third, third_problems = check_programme(content_copy)
    assert third is not None and third is not first
    assert third.self_studies[STUDY].summary.startswith("Freshly edited.")
    assert third.self_studies[STUDY] is not first.self_studies[STUDY]
    unchanged = "checking-prior-knowledge-and-understanding"
    assert third.self_studies[unchanged] is first.self_studies[unchanged]  # not read again
    assert sorted(map(str, third_problems)) == sorted(map(str, problems))  # warnings of unchanged files kept


def test_shared_navigation_gives_exactly_materials_navigation(tmp_path):
    """overrides/partials/nav*.html are Material's own templates with shared items: without them
    (Material's originals), a site is byte for byte the same."""
    outputs = {}
    for variant in ("shared", "material"):
        (tmp_path / variant).mkdir()
        project = project_copy(tmp_path / variant)
        if variant == "material":  # the other partials (header, search) are ours in both
            for name in ("nav.html", "nav-item.html"):
                (project / "overrides" / "partials" / name).unlink()
        run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                              "-d", str(project / "site")], cwd=project, capture_output=True, text=True,
                             env={**os.environ, "ECT_SCHOOL": "oakfield-primary", "NO_MKDOCS_2_WARNING": "1"})
        assert run.returncode == 0, run.stderr
        outputs[variant] = snapshot(project / "site")
    assert outputs["shared"] == outputs["material"], (
        "overrides/partials/nav.html or nav-item.html no longer match Material's: copy Material's new "
        "partials and put back the one shared_nav_item line in each")


def test_with_the_speed_layer_off_every_site_is_the_same_bytes(built, tmp_path, monkeypatch):
    """Every cached page, search entry and navigation item equals a fresh render: the sample sites built
    with the speed layer (the `built` fixture, in one process that shares work between them) are byte for
    byte the sites built afresh, with Material's own code for every page, entry and navigation item."""
    from engines.mkdocs import shared_work
    from tests.conftest import SITE_URL

    monkeypatch.setenv(shared_work.SWITCH_VARIABLE, "off")
    shared_work.forget()
    for slug in ("national", *SAMPLE_SCHOOLS):
        afresh = tmp_path / slug
        result = build_site(afresh, None if slug == "national" else slug, site_url=f"{SITE_URL}{slug}/")
        assert result.ok, result.messages
        assert shared_work.kept_results() == 0, "the speed layer was used though it was switched off"
        assert snapshot(afresh) == snapshot(built[slug]), f"{slug}: a shared result differs from a fresh one"
