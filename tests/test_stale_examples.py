"""Stale local examples: when the national section above a school's example changes, check warns and the
report shows the change until the example is marked reviewed; examples may carry an author and a date."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pipeline import check_programme, check_school
from pipeline.contextualise import contextualise
from pipeline.report import contextualisation_report
from tests.conftest import PROJECT
from tests.helpers import article, page, project_copy

STUDY = "self-studies/providing-high-quality-feedback.md"
ABOVE_FEEDBACK_EXAMPLES = "Feedback is one of the most powerful influences on learning"  # section 1
IN_SUMMARY = "{{ section(\"summary\") }}\n"  # a section with no example slot
STALE = "to review: the section above it"


def copy_with_school(tmp_path: Path) -> tuple[Path, Path]:
    copy = project_copy(tmp_path)
    return copy / "content", copy / "schools" / "oakfield-primary" / "school.yml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def school_warnings(content: Path, school_file: Path) -> list[str]:
    programme, problems = check_programme(content)
    assert programme is not None, problems
    school, problems = check_school(school_file, programme)
    assert school is not None, problems
    return [str(p) for p in problems if p.rule == "school.examples_fit_their_national_section"]


def review(content: Path, school_file: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/review.py", "--content", str(content), "--school",
                           str(school_file), *arguments], cwd=PROJECT, capture_output=True, text=True)


def test_the_sample_schools_examples_are_reviewed_against_todays_text():
    for school_file in sorted((PROJECT / "schools").glob("*/school.yml")):
        assert school_warnings(PROJECT / "content", school_file) == []


def test_a_changed_section_flags_the_example_below_it_until_it_is_marked_reviewed(tmp_path):
    content, school_file = copy_with_school(tmp_path)
    edit(content / STUDY, ABOVE_FEEDBACK_EXAMPLES, "Feedback is among the strongest influences on learning")

    warnings = school_warnings(content, school_file)
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(f"{school_file.as_posix()}:14: examples.providing-high-quality-feedback."
                                  "feedback-examples: warning: to review: the section above it ('1. Feedback that "
                                  "moves learning on') changed since this example was reviewed")

    programme, _ = check_programme(content)
    school, problems = check_school(school_file, programme)
    report = contextualisation_report(contextualise(programme, school), problems)
    section = report.split("## Examples to review: 1")[1].split("## Warnings")[0]
    assert "To review: the section above it (“1. Feedback that moves learning on”) changed" in section
    assert f"-{ABOVE_FEEDBACK_EXAMPLES}" in section and "+Feedback is among the strongest influences" in section
    assert STALE not in report.split("## Warnings")[1]  # listed once, with its diff, not again as a warning

    listed = review(content, school_file)
    assert listed.returncode == 0 and "+Feedback is among the strongest influences" in listed.stdout

    marked = review(content, school_file, "--reviewed", "providing-high-quality-feedback/feedback-examples")
    assert marked.returncode == 0, marked.stdout
    assert school_warnings(content, school_file) == []


def test_only_a_change_the_school_sees_is_its_to_review_and_the_diff_shows_only_its_phases(tmp_path):
    """Oakfield has EYFS and primary: a change to the section's secondary passage is not its to review, and
    when its own phase's passage changes, the diff in its report holds no other phase's words."""
    content, school_file = copy_with_school(tmp_path)
    edit(content / STUDY, "A Year 9 history class has written", "A Year 8 history class has written")
    assert school_warnings(content, school_file) == []

    edit(content / STUDY, "A Year 5 class has been comparing fractions", "A Year 6 class has been comparing fractions")
    assert len(school_warnings(content, school_file)) == 1
    programme, _ = check_programme(content)
    school, problems = check_school(school_file, programme)
    report = contextualisation_report(contextualise(programme, school), problems)
    section = report.split("## Examples to review: 1")[1].split("## Warnings")[0]
    assert "-    A Year 5 class has been comparing fractions" in section
    assert "+    A Year 6 class has been comparing fractions" in section
    for other_phase in ("history class", "Year 8", "Year 9", "A level"):
        assert other_phase not in report


def test_a_change_in_a_section_without_examples_flags_nothing(tmp_path):
    content, school_file = copy_with_school(tmp_path)
    edit(content / STUDY, IN_SUMMARY, IN_SUMMARY + "\nA new first paragraph for the summary.\n")
    assert school_warnings(content, school_file) == []


def test_a_new_example_is_flagged_until_it_is_marked_reviewed(tmp_path):
    content, school_file = copy_with_school(tmp_path)
    edit(school_file, "examples:                 #", "examples:\n  making-marking-and-feedback-manageable:\n"
         "    marking-examples: Our Year 6 team marks one question in depth.\n  #")
    warnings = school_warnings(content, school_file)
    assert len(warnings) == 1 and "examples.making-marking-and-feedback-manageable.marking-examples: warning: this " \
        "example has not been marked reviewed against the section above it" in warnings[0], warnings
    assert review(content, school_file, "--reviewed", "all").returncode == 0
    assert school_warnings(content, school_file) == []


def test_reviewing_an_example_the_school_does_not_have_says_which_it_has(tmp_path):
    content, school_file = copy_with_school(tmp_path)
    run = review(content, school_file, "--reviewed", "providing-high-quality-feedback/no-such-slot")
    assert run.returncode == 1
    assert "has no example providing-high-quality-feedback/no-such-slot — use one of: " in run.stdout


def test_an_example_block_needs_a_file_or_a_text(tmp_path):
    content, school_file = copy_with_school(tmp_path)
    edit(school_file, "      file: examples/feedback-in-year-3.md\n", "")
    programme, _ = check_programme(content)
    school, problems = check_school(school_file, programme)
    assert school is None
    assert "examples.providing-high-quality-feedback.feedback-examples: an example needs either `file` or `text`" \
        in "\n".join(map(str, problems))


def test_author_and_date_are_shown_under_the_example(built):
    body = article(page(built["oakfield-primary"], "self-studies/providing-high-quality-feedback/"))
    heading = next(h for h in body.find_all("h3")
                   if h.get_text(strip=True).startswith("Examples from Oakfield Primary School"))
    credit = heading.find_next("div", class_="school-text").find_next_sibling()
    assert credit.get_text(" ", strip=True) == "Written by Mrs J. Whitcombe, induction tutor, 12 November 2025."


def test_an_author_is_shown_as_plain_text(tmp_path):
    from engines.mkdocs.build import build_site

    content, school_file = copy_with_school(tmp_path)
    edit(school_file, "author: Mrs J. Whitcombe, induction tutor",
         "author: \"<img src=x onerror=alert(1)> **Ms Bold** [link](javascript:alert(1))\"")
    result = build_site(tmp_path / "site", str(school_file), content)
    assert result.ok, result.messages
    body = article(page(tmp_path / "site", "self-studies/providing-high-quality-feedback/"))
    credit = next(p for p in body.find_all("p") if p.get_text().startswith("Written by"))
    assert credit.get_text() == ("Written by <img src=x onerror=alert(1)> **Ms Bold** [link](javascript:alert(1)), "
                                 "12 November 2025.")
    assert credit.find(["img", "strong", "a"]) is None


def test_a_broken_review_record_is_a_warning_and_the_site_still_builds(tmp_path):
    content, school_file = copy_with_school(tmp_path)
    (school_file.parent / "reviewed.yml").write_text("examples:\n  providing-high-quality-feedback: [\n")
    programme, _ = check_programme(content)
    school, problems = check_school(school_file, programme)
    assert school is not None
    warnings = [str(p) for p in problems if p.severity == "warning"]
    assert any("reviewed.yml:3: warning: this is not valid YAML" in w and "scripts/review.py --school oakfield-primary "
               "--reviewed all" in w for w in warnings), warnings
