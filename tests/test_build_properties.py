"""Properties of every build: sandboxed, atomic, deterministic, strict; and the build command."""

from __future__ import annotations

import filecmp
import re
import shutil

import pytest

from engines.mkdocs.build import build_site
from tests.conftest import PROJECT, SAMPLE_SCHOOLS, SITE_URL
from tests.helpers import project_copy, run_build, snapshot

PAYLOADS = [
    "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "{{ section.__globals__['os'].system('touch MARKER') }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ lipsum.__globals__['os'].popen('touch MARKER') }}",
    "{% include '/etc/passwd' %}",
    "{{ config }}",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_templates_cannot_run_python_or_read_files(tmp_path, payload, monkeypatch):
    copy = project_copy(tmp_path)
    (copy / "docs" / "evil.md").write_text(f"# A page from a pull request\n\nHello.\n\n{payload}\n")
    monkeypatch.chdir(tmp_path)
    result = build_site(tmp_path / "out", config_file=copy / "mkdocs.yml")
    assert not result.ok
    assert not (tmp_path / "MARKER").exists()
    message = "\n".join(result.messages)
    assert "docs/evil.md:5:" in message, message
    assert "only the macros listed in content/README.md" in message
    assert not (tmp_path / "out").exists()


def test_a_payload_in_content_is_refused_before_building(tmp_path, monkeypatch):
    copy = project_copy(tmp_path)
    study = copy / "content" / "self-studies" / "providing-high-quality-feedback.md"
    study.write_text(study.read_text() + "\n{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}\n")
    monkeypatch.chdir(tmp_path)
    result = build_site(tmp_path / "out", content_dir=copy / "content", config_file=copy / "mkdocs.yml")
    assert not result.ok
    assert not (tmp_path / "MARKER").exists()
    assert "providing-high-quality-feedback.md" in "\n".join(result.messages)


def test_a_failed_build_leaves_the_last_good_site(tmp_path):
    target = tmp_path / "site" / "oakfield-primary"
    assert build_site(target, "oakfield-primary").ok
    before = snapshot(target)
    content = tmp_path / "broken-content"
    shutil.copytree(PROJECT / "content", content)
    (content / "phases.yml").write_text("phases:\n  - id: eyfs\n    nme: EYFS\n")
    result = build_site(target, "oakfield-primary", content_dir=content)
    assert not result.ok
    assert snapshot(target) == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["oakfield-primary"]


def test_two_builds_give_identical_bytes(tmp_path, built):
    again = tmp_path / "again"
    assert build_site(again, "northgate-academy", site_url=f"{SITE_URL}northgate-academy/").ok
    comparison = filecmp.dircmp(built["northgate-academy"], again)
    assert snapshot(again) == snapshot(built["northgate-academy"]), comparison.report_full_closure()


def test_the_national_build_keeps_school_sites_beside_it(tmp_path):
    out = tmp_path / "site"
    assert build_site(out / "brookside-school", "brookside-school").ok
    assert build_site(out).ok
    assert (out / "index.html").is_file()
    assert (out / "brookside-school" / "index.html").is_file()


def test_build_all_prints_progress_per_school(tmp_path):
    run = run_build("--all", "--out", str(tmp_path))
    assert run.returncode == 0, run.stderr
    # one line per school, then a summary: the reports go to files, not to the terminal
    *lines, last = run.stdout.splitlines()
    assert len(lines) == len(SAMPLE_SCHOOLS), run.stdout
    assert re.match(r"^Built 3 sites in \d+\.\d s into .*SLUG\.report\.md\.$", last), last
    assert run.stderr == ""
    built_slugs = []
    for number, line in enumerate(lines, 1):  # schools finish in any order when built side by side
        match = re.match(rf"^\[{number}/{len(SAMPLE_SCHOOLS)}\] ([a-z0-9-]+): built in \d+\.\d s → \S+; "
                         r"(\d+) example slots to fill, \d+ warnings? \(see its report\)$", line)
        assert match, line
        built_slugs.append(match[1])
        report = (tmp_path / f"{match[1]}.report.md").read_text()
        assert f"## Example slots: {28 - int(match[2])} filled, {match[2]} still to fill" in report
    assert sorted(built_slugs) == SAMPLE_SCHOOLS
    for slug in SAMPLE_SCHOOLS:
        assert (tmp_path / slug / "index.html").is_file()


def test_quiet_and_verbose(tmp_path):
    quiet = run_build("-q", "--school", "oakfield-primary", "--out", str(tmp_path))
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == "", quiet.stdout + quiet.stderr
    school = tmp_path / "warned" / "school.yml"
    school.parent.mkdir()
    school.write_text("name: Warned School\nphases: [primary]\n"
                      "checklist: [Ask Oliver Hughes in Year 4 about the rota]\n")
    loud = run_build("-v", "--school", str(school), "--out", str(tmp_path))
    assert loud.returncode == 0, loud.stderr
    assert "1 warning (see its report)" in loud.stdout
    assert re.search(r"^    \S*school\.yml:3: checklist\[0\]: warning: .*may be a pupil's name", loud.stdout, re.M), \
        loud.stdout
    assert "warning:" not in run_build("--school", str(school), "--out", str(tmp_path)).stdout


def test_build_names_the_school_that_failed(tmp_path):
    bad = tmp_path / "bad-school"
    bad.mkdir()
    (bad / "school.yml").write_text("name: Bad\nphases: [nursery]\n")
    run = run_build("--school", "oakfield-primary", "--school", str(bad / "school.yml"), "--out", str(tmp_path))
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert "bad-school: FAILED" in run.stdout
    assert "school.yml:2: phases[0]: 'nursery' is not a phase" in run.stderr
    assert "1 of 2 site(s) failed: bad-school" in run.stderr
    assert (tmp_path / "oakfield-primary" / "index.html").is_file()


def test_an_unknown_school_is_a_usage_error(tmp_path):
    run = run_build("--school", "no-such-school", "--out", str(tmp_path))
    assert run.returncode == 2
    assert "there is no school" in run.stderr


def test_the_programme_cache_never_serves_stale_content(content_copy):
    from pipeline import check_programme

    first, _ = check_programme(content_copy)
    assert check_programme(content_copy)[0] is first  # unchanged sources: loaded once
    study = content_copy / "self-studies" / "providing-high-quality-feedback.md"
    study.write_text(study.read_text().replace("summary: ", "summary: Freshly edited. ", 1))
    edited, _ = check_programme(content_copy)
    assert edited is not first
    assert edited.self_studies["providing-high-quality-feedback"].summary.startswith("Freshly edited.")
