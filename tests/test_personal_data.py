"""The personal-data guard: identifiers are errors at file:line, likely pupils' names are warnings
with a one-line way to allow them, and legitimate cases pass (fixtures in tests/fixtures/safety/)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import check_programme, check_school, prepare
from pipeline.problems import ContentError
from tests.conftest import PROJECT
from tests.helpers import project_copy
from tests.test_validation import STUDY, shown

FIXTURES = PROJECT / "tests" / "fixtures" / "safety" / "personal-data"
RULE = "personal_data.content_has_no_personal_data"

MUST_FAIL = {
    "email.md": ("error", "an email address (jo.…) is personal data and would be published"),
    "telephone.md": ("error", "a telephone number (016…) is personal data"),
    "upn.md": ("error", "a unique pupil number (UPN) (H80…) is personal data"),
    "uln.md": ("error", "a unique learner number (ULN) (999…) is personal data"),
    "date-of-birth.md": ("error", "a date of birth (DOB…) is personal data"),
    "postcode.md": ("error", "a postcode (LS6…) is personal data"),
    "pupil-name.md": ("warning", "'Oliver Hughes' may be a pupil's name (it is near 'Year 4')"),
}


def add_to_study(content: Path, text: str) -> int:
    """Add a paragraph at the end of a self-study's body; returns the line it starts on."""
    path = content / STUDY
    original = path.read_text(encoding="utf-8")
    path.write_text(original + "\n" + text, encoding="utf-8")
    return (original + "\n").count("\n") + 1


def guard_problems(found) -> list:
    return [p for p in found if p.rule == RULE]


@pytest.mark.parametrize("fixture", sorted(MUST_FAIL))
def test_each_kind_of_personal_data_is_found_at_its_line(content_copy, fixture):
    severity, message = MUST_FAIL[fixture]
    line = add_to_study(content_copy, (FIXTURES / "must-fail" / fixture).read_text())
    programme, found = check_programme(content_copy)
    problems = guard_problems(found)
    assert [p.severity for p in problems] == [severity], problems
    text = str(problems[0])
    assert text.startswith(f"{shown(content_copy)}/{STUDY}:{line}: body: "), text
    assert message in text, text
    assert " — " in text  # what to do
    assert (programme is None) == (severity == "error")  # an error stops the build, a warning does not


def test_a_pupil_name_warning_says_how_to_allow_it(content_copy):
    add_to_study(content_copy, (FIXTURES / "must-fail" / "pupil-name.md").read_text())
    warning = str(guard_problems(check_programme(content_copy)[1])[0])
    assert f'add the line "Oliver Hughes: staff" (or "Oliver Hughes: invented") to {shown(content_copy)}/allowed.yml' \
        in warning


@pytest.mark.parametrize("fixture", sorted(p.name for p in (FIXTURES / "must-pass").glob("*.md")))
def test_legitimate_text_passes(content_copy, fixture):
    shutil.copy(FIXTURES / "must-pass" / "allowed.yml", content_copy / "allowed.yml")
    add_to_study(content_copy, (FIXTURES / "must-pass" / fixture).read_text())
    programme, found = check_programme(content_copy)
    assert guard_problems(found) == []
    assert programme is not None


def test_invented_and_staff_names_pass_only_through_the_allow_list(content_copy):
    add_to_study(content_copy, (FIXTURES / "must-pass" / "allowed-names.md").read_text())
    warned = {p.message.split("'")[1] for p in guard_problems(check_programme(content_copy)[1])}
    assert warned == {"Amelia Stone", "Priya Natarajan"}  # Mr Osei has a title: an adult


def test_no_allow_list_entry_publishes_a_childs_identifier(content_copy):
    """content/README.md: a UPN, a ULN or a date of birth never passes, whatever allowed.yml says."""
    (content_copy / "allowed.yml").write_text("9999999998: public\nH801200001001: public\n")
    for fixture in ("uln.md", "upn.md"):
        add_to_study(content_copy, (FIXTURES / "must-fail" / fixture).read_text())
    kinds = sorted(p.message.split(" (")[0] for p in guard_problems(check_programme(content_copy)[1]))
    assert kinds == ["a unique learner number", "a unique pupil number"]


def test_a_mistake_in_the_allow_list_points_home(content_copy):
    (content_copy / "allowed.yml").write_text("Amelia Stone: invented\nPriya Natarajan: stafff\n")
    problems = [str(p) for p in check_programme(content_copy)[1] if p.path.endswith("allowed.yml")]
    assert problems == [f"{shown(content_copy)}/allowed.yml:2: Priya Natarajan: 'stafff' is not a kind of entry "
                        "— did you mean 'staff'?"]


def test_each_name_is_one_warning_in_a_file(content_copy):
    text = (FIXTURES / "must-fail" / "pupil-name.md").read_text()
    add_to_study(content_copy, text + "\n" + text)
    assert len(guard_problems(check_programme(content_copy)[1])) == 1


def test_the_sample_programme_and_schools_have_no_personal_data(programme):
    _, found = check_programme(PROJECT / "content")
    assert guard_problems(found) == []
    for school_file in sorted((PROJECT / "schools").glob("*/school.yml")):
        school, problems = check_school(school_file, programme)
        assert school is not None
        assert [p for p in problems if p.rule == "school.school_text_has_no_personal_data"] == []


# ---- a school's files -------------------------------------------------------------------------

def school_in_copy(tmp_path: Path) -> tuple[Path, Path]:
    copy = project_copy(tmp_path)
    return copy / "content", copy / "schools" / "oakfield-primary" / "school.yml"


def test_an_example_file_with_an_email_stops_the_schools_build(tmp_path):
    content, school_file = school_in_copy(tmp_path)
    example = school_file.parent / "examples" / "feedback-in-year-3.md"
    example.write_text(example.read_text() + "\nSend photos to j.smith.home@freemail.co.uk.\n")
    line = example.read_text().splitlines().index("Send photos to j.smith.home@freemail.co.uk.") + 1
    with pytest.raises(ContentError) as refused:  # what build.py and mkdocs run before anything is built
        prepare(content, school_file)
    assert f"{example.as_posix()}:{line}: examples.providing-high-quality-feedback.feedback-examples: " \
           "an email address (j.s…) is personal data" in str(refused.value)


def test_a_contacts_email_is_published_but_the_same_address_elsewhere_is_not(tmp_path, programme):
    content, school_file = school_in_copy(tmp_path)
    school, problems = check_school(school_file, programme)
    assert school is not None and school.contacts[0].email == "induction@oakfield.example.sch.uk"
    text = school_file.read_text().replace("    email: induction@oakfield.example.sch.uk",
                                           "    email: j.whitcombe@oakfieldprimary.org.uk")
    text = text.replace("  - Book the hall", "  - Ask j.whitcombe@oakfieldprimary.org.uk to book the hall")
    school_file.write_text(text)
    school, problems = check_school(school_file, programme)
    errors = [str(p) for p in problems if p.severity == "error"]
    assert school is None
    assert len(errors) == 1 and "checklist[0]: an email address" in errors[0], errors


def test_check_names_the_school_file_and_exits_1(tmp_path):
    content, school_file = school_in_copy(tmp_path)
    school_file.write_text(school_file.read_text().replace(
        "  - Book the hall", "  - Ring Amir's dad on 07911 123456 to book the hall"))
    run = subprocess.run([sys.executable, "scripts/check.py", "--content", str(content), "--school", str(school_file)],
                         cwd=PROJECT, capture_output=True, text=True)
    assert run.returncode == 1, run.stdout
    assert "school.yml:11: checklist[0]: a telephone number (079…) is personal data" in run.stdout, run.stdout


def test_staff_named_in_a_schools_allow_list_pass(tmp_path, programme):
    content, school_file = school_in_copy(tmp_path)
    school_file.write_text(school_file.read_text().replace(
        "In Year 5, Mr Osei reads", "In Year 5, Kwame Osei reads"))
    _, problems = check_school(school_file, programme)
    assert [p.message for p in problems if p.severity == "warning" and "pupil's name" in p.message] == [
        "'Kwame Osei' may be a pupil's name (it is near 'Year 5')"]
    (school_file.parent / "allowed.yml").write_text("Kwame Osei: staff   # our Year 5 teacher\n")
    _, problems = check_school(school_file, programme)
    assert [p for p in problems if "pupil's name" in p.message] == []
