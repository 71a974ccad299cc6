"""Messages that help: 'did you mean' for a mistyped id, key, phase or macro (the whole list only when
nothing is close), one message for one mistake, no knock-on warnings, and no YAML reader's wording
left unexplained."""

from __future__ import annotations

import re
import shutil

import pytest

from pipeline import check_programme, check_school
from pipeline.load.yaml_lines import YamlProblem, parse_yaml
from tests.conftest import PROJECT
from tests.helpers import project_copy
from tests.test_validation import SCENARIOS, STUDY, mutate, problems, shown

YAML_FIXTURES = PROJECT / "tests" / "fixtures" / "safety" / "yaml"
INGREDIENTS = "ingredients/whole-class-feedback.yml"


def everything(content) -> list[str]:
    return [str(p) for p in check_programme(content)[1]]


def test_a_mistyped_id_suggests_the_one_meant(content_copy):
    line = mutate(content_copy, STUDY, "scenario_set: feedback-in-six-settings",
                  "scenario_set: feedback-in-six-setting")
    assert problems(content_copy) == [f"{shown(content_copy)}/{STUDY}:{line}: scenario_set: there is no scenario set "
                                      "'feedback-in-six-setting' — did you mean 'feedback-in-six-settings'?"]


def test_the_whole_list_only_when_nothing_is_close(content_copy):
    mutate(content_copy, STUDY, "scenario_set: feedback-in-six-settings", "scenario_set: questioning")
    message = problems(content_copy)[0]
    assert "did you mean" not in message
    assert message.endswith("use one of: assessment-and-feedback-in-six-settings, "
                            "designing-assessment-in-six-settings, feedback-in-six-settings, "
                            "manageable-marking-in-six-settings, "
                            "prior-knowledge-in-six-settings")


def test_a_mistyped_phase_suggests_the_phase(content_copy):
    mutate(content_copy, SCENARIOS, "phase: post-16", "phase: post16")
    assert problems(content_copy)[0].endswith("scenarios[3].phase: 'post16' is not a phase — did you mean 'post-16'?")


def test_a_mistyped_phase_in_a_school_suggests_the_phase(tmp_path, programme):
    school_file = project_copy(tmp_path) / "schools" / "oakfield-primary" / "school.yml"
    school_file.write_text(school_file.read_text().replace("phases: [eyfs, primary]", "phases: [eyfs, primery]"))
    _, found = check_school(school_file, programme)
    assert [p.message + " — " + p.hint for p in found if p.severity == "error"] == [
        "'primery' is not a phase — did you mean 'primary'?"]


def test_a_mistyped_macro_suggests_the_macro(content_copy):
    mutate(content_copy, STUDY, '{{ example_slot("feedback-examples") }}', '{{ example_slots("feedback-examples") }}')
    assert problems(content_copy)[0].endswith("'example_slots' is not a known macro — did you mean 'example_slot'?")


def test_a_misspelt_key_is_one_mistake_with_a_suggestion(content_copy):
    line = mutate(content_copy, SCENARIOS, "teacher: Ms Penhaligon", "teachr: Ms Penhaligon")
    assert problems(content_copy) == [f"{shown(content_copy)}/{SCENARIOS}:{line}: scenarios[0].teachr: is not a known "
                                      "key — did you mean 'teacher'?"]


def test_an_unknown_key_far_from_any_lists_the_keys(content_copy):
    mutate(content_copy, SCENARIOS, "teacher: Ms Penhaligon", "teacher: Ms Penhaligon\n    colour: red")
    message = problems(content_copy)[0]
    assert message.endswith("is not a known key — remove it or check its spelling; known keys here: phase, teacher, "
                            "role, situation, prompt, revisit, options_intro, reflection, options")


def test_no_knock_on_warning_while_a_reference_is_wrong(content_copy):
    mutate(content_copy, STUDY, "scenario_set: feedback-in-six-settings", "scenario_set: feedback-in-six-setting")
    found = everything(content_copy)
    assert len(found) == 1, found  # and no "no page uses this scenario set yet"


def test_no_knock_on_warning_once_a_file_has_failed_to_load(content_copy):
    mutate(content_copy, STUDY, "minutes: 45", "minutes: forty")
    found = everything(content_copy)
    assert len(found) == 1 and "expected a whole number" in found[0], found


RAW_WORDING = re.compile(r"mapping values|could not find expected|did not find expected|while scanning|while parsing|"
                         r"cannot start any token|found character|<document start>|end of stream")


@pytest.mark.parametrize("fixture", sorted(p.name for p in YAML_FIXTURES.glob("*.yml")))
def test_yaml_mistakes_are_explained_in_plain_words(fixture):
    with pytest.raises(YamlProblem) as refused:
        parse_yaml((YAML_FIXTURES / fixture).read_text(), fixture)
    problem = refused.value.problem
    assert problem.line >= 1 and problem.hint, problem
    assert not RAW_WORDING.search(problem.message), problem
    assert problem.message.startswith("this is not valid YAML: ")


EXPLAINED = {
    "colon-in-value.yml": (1, "a ': ' inside a value starts a new key in YAML", "put the whole value in quotes"),
    "tab.yml": (2, "a tab is used to indent this line", "indent with spaces only"),
    "unclosed-quote.yml": (1, "a quote opened here is never closed", "close the quote"),
    "backtick.yml": (1, "a value cannot start with '`' in YAML", "put the whole value in quotes"),
    "two-documents.yml": (2, "a line '---' splits the file in two", "remove the '---'"),
}


@pytest.mark.parametrize("fixture", sorted(EXPLAINED))
def test_the_common_yaml_mistakes_point_at_their_line(content_copy, fixture):
    line, message, hint = EXPLAINED[fixture]
    shutil.copy(YAML_FIXTURES / fixture, content_copy / INGREDIENTS)
    found = [p for p in problems(content_copy) if INGREDIENTS in p]
    assert len(found) == 1, found
    assert found[0].startswith(f"{shown(content_copy)}/{INGREDIENTS}:{line}: this is not valid YAML: "
                               f"{message} — {hint}")


def test_an_unhashable_key_is_a_message_not_a_traceback():
    with pytest.raises(YamlProblem, match="a key is a list or a block"):
        parse_yaml("[a, b]: 1\n", "x.yml")
