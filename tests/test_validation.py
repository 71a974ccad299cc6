"""Validation: every problem in one run, each as `file:line: field: what is wrong — what to do`."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline import check_programme
from pipeline.problems import display_path

STUDY = "self-studies/providing-high-quality-feedback.md"
SCENARIOS = "scenarios/feedback-in-six-settings.yml"
ACTIONS = "actions/high-quality-feedback-actions.yml"
INGREDIENTS = "ingredients/whole-class-feedback.yml"
MESSAGE = re.compile(r"^(?P<file>\S+):(?P<line>\d+): (?P<field>\S+:)? ?(?P<what>.+?)( — (?P<hint>.+))?$")


def mutate(content: Path, relative: str, old: str, new: str, count: int = 1) -> int:
    """Replace text in a content file; returns the line the change is on."""
    path = content / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def shown(content: Path) -> str:
    return display_path(content)


def problems(content: Path) -> list[str]:
    programme, found = check_programme(content)
    errors = [p for p in found if p.severity == "error"]
    assert programme is None if errors else True
    return [str(p) for p in errors]


def only(found: list[str], fragment: str) -> str:
    matching = [p for p in found if fragment in p]
    assert len(matching) == 1, f"expected one problem with {fragment!r}, got:\n" + "\n".join(found)
    return matching[0]


def test_the_sample_content_is_valid(content_copy):
    assert problems(content_copy) == []


def test_every_message_has_file_line_field_and_a_hint(content_copy):
    mutate(content_copy, SCENARIOS, "teacher: Ms Penhaligon", "teachr: Ms Penhaligon")
    mutate(content_copy, STUDY, "minutes: 45", "minutes: forty")
    for message in problems(content_copy):
        match = MESSAGE.match(message)
        assert match and match["hint"], message


def test_unknown_key(content_copy):
    line = mutate(content_copy, SCENARIOS, "teacher: Ms Penhaligon", "teachr: Ms Penhaligon")
    message = only(problems(content_copy), "teachr")
    assert message.startswith(f"{shown(content_copy)}/{SCENARIOS}:{line}: scenarios[0].teachr: is not a known key")
    assert message.endswith("— did you mean 'teacher'?")


def test_missing_key(content_copy):
    path = content_copy / SCENARIOS
    lines = path.read_text().splitlines(keepends=True)
    index = next(i for i, text in enumerate(lines) if text.strip().startswith("role:"))
    block_line = next(i for i in range(index, -1, -1) if lines[i].lstrip().startswith("- phase:")) + 1
    del lines[index]
    path.write_text("".join(lines))
    message = only(problems(content_copy), ".role")
    assert message.startswith(f"{shown(content_copy)}/{SCENARIOS}:{block_line}: scenarios[0].role: is missing")


def test_wrong_type(content_copy):
    line = mutate(content_copy, STUDY, "minutes: 45", "minutes: forty")
    message = only(problems(content_copy), "forty")
    assert message.startswith(f"{shown(content_copy)}/{STUDY}:{line}: minutes: expected a whole number, got 'forty'")


def test_duplicate_id(content_copy):
    text = (content_copy / INGREDIENTS).read_text()
    first_id = re.search(r"- id: (\S+)", text).group(1)
    second_id = re.findall(r"- id: (\S+)", text)[1]
    mutate(content_copy, INGREDIENTS, f"- id: {second_id}", f"- id: {first_id}")
    only(problems(content_copy), f"the ingredient id '{first_id}' appears twice")


def test_dangling_references(content_copy):
    mutate(content_copy, STUDY, "scenario_set: feedback-in-six-settings", "scenario_set: feedback-in-seven-settings")
    statement_line = mutate(content_copy, STUDY, "6.3", "6.9")
    action_line = mutate(content_copy, ACTIONS, "feedback-that-moves-learning-on/", "feedback-that-moves-learning/")
    found = problems(content_copy)
    only(found, "there is no scenario set 'feedback-in-seven-settings'")
    assert only(found, "there is no statement 6.9").startswith(f"{shown(content_copy)}/{STUDY}:{statement_line}:")
    assert only(found, "there is no ingredient set 'feedback-that-moves-learning'").startswith(
        f"{shown(content_copy)}/{ACTIONS}:{action_line}:")


def test_scenario_phase_not_in_the_phase_list(content_copy):
    line = mutate(content_copy, SCENARIOS, "phase: post-16", "phase: sixth-form")
    message = only(problems(content_copy), "'sixth-form' is not a phase")
    assert message.startswith(f"{shown(content_copy)}/{SCENARIOS}:{line}: scenarios[3].phase:")
    assert "use one of: eyfs, primary, secondary, post-16, send, alternative-provision" in message


def test_an_ingredient_repeated_in_one_list(content_copy):
    text = (content_copy / ACTIONS).read_text()
    first = re.search(r"ingredients:\n\s+- (\S+)", text).group(1)
    mutate(content_copy, ACTIONS, f"- {first}\n", f"- {first}\n      - {first}\n")
    only(problems(content_copy), f"'{first}' is listed twice in one action")


def test_timed_sections_far_from_the_total_are_a_warning_with_the_difference(content_copy):
    line = mutate(content_copy, STUDY, "minutes: 45", "minutes: 45")
    mutate(content_copy, STUDY, "learning on\", minutes: 8}", "learning on\", minutes: 40}")
    programme, found = check_programme(content_copy)
    assert programme is not None  # a warning never stops the build
    assert [str(p) for p in found] == [
        f"{shown(content_copy)}/{STUDY}:{line}: minutes: warning: the timed sections add up to 60–63 minutes, "
        "15 more than the stated 45 (up to 9 is allowed either way) — check the total and the sections' "
        "minutes: readers see the total"]


def test_a_section_time_that_is_not_a_time(content_copy):
    line = mutate(content_copy, STUDY, "learning on\", minutes: 8}", "learning on\", minutes: 8 to 10}")
    message = only(problems(content_copy), "is not a time")
    assert message.startswith(f"{shown(content_copy)}/{STUDY}:{line}: sections[2].minutes: '8 to 10' is not a time")
    assert message.endswith("write a number of minutes (8) or a range (5-8), or leave minutes out if untimed")


def test_unknown_macro_and_python_in_a_body(content_copy):
    line = mutate(content_copy, STUDY, '{{ look_fors() }}', '{{ look_for() }}')
    payload_line = mutate(content_copy, STUDY, "## References",
                          "{{ cycler.__init__.__globals__.os.popen('id').read() }}\n\n## References")
    found = problems(content_copy)
    assert only(found, "'look_for' is not a known macro").startswith(f"{shown(content_copy)}/{STUDY}:{line}: body:")
    assert only(found, "only a plain macro call").startswith(f"{shown(content_copy)}/{STUDY}:{payload_line}: body:")


def test_every_template_mistake_in_a_body_is_reported_with_its_line(content_copy):
    statement = mutate(content_copy, STUDY, "## References", "{% include 'x' %}\n\n## References")
    comment = mutate(content_copy, STUDY, "## References", "{# a note #}\n\n## References")
    empty = mutate(content_copy, STUDY, "## References", "{{ }}\n\n## References")
    wrong_argument = mutate(content_copy, STUDY, '{{ look_fors() }}', '{{ look_fors("all") }}')
    unclosed = mutate(content_copy, STUDY, "## References", "{{ statements()\n\n## References")
    found = problems(content_copy)
    where = f"{shown(content_copy)}/{STUDY}"
    assert [p.split(": body:")[0] for p in found if "are not allowed in content" in p] == [
        f"{where}:{statement}", f"{where}:{comment}"]
    assert only(found, "broken template syntax: Expected an expression").startswith(f"{where}:{empty}: body:")
    assert only(found, "look_fors() takes 0 quoted argument(s)").startswith(f"{where}:{wrong_argument}: body:")
    assert only(found, "a '{{' is never closed").startswith(f"{where}:{unclosed}: body:")


def test_malformed_yaml_is_reported_with_its_line_and_others_still_found(content_copy):
    line = mutate(content_copy, INGREDIENTS, "title: Whole-class feedback", "title: [Whole-class feedback")
    mutate(content_copy, STUDY, "minutes: 45", "minutes: forty")
    found = problems(content_copy)
    assert only(found, "not valid YAML").startswith(f"{shown(content_copy)}/{INGREDIENTS}:")
    assert int(only(found, "not valid YAML").split(":")[1]) >= line
    only(found, "forty")
    # the set that failed to load is not reported again as a dangling reference
    assert not [p for p in found if "there is no ingredient set 'whole-class-feedback'" in p]


def test_every_problem_in_one_run(content_copy):
    mutate(content_copy, SCENARIOS, "teacher: Ms Penhaligon", "teachr: Ms Penhaligon")
    mutate(content_copy, "scenarios/designing-assessment-in-six-settings.yml", "phase: post-16", "phase: sixth-form")
    mutate(content_copy, ACTIONS, "feedback-that-moves-learning-on/focus-on-the-task",
           "feedback-that-moves-learning-on/no-such-ingredient")
    mutate(content_copy, STUDY, "6.3", "6.9")
    assert len(problems(content_copy)) == 4  # four mistakes, each counted once


def test_misspelt_teacher_is_a_warning(content_copy):
    mutate(content_copy, SCENARIOS, "teacher: Mr Abernethy", "teacher: Mr Penhaligan")
    programme, found = check_programme(content_copy)
    assert programme is not None
    warning = only([str(p) for p in found], "spelt another way")
    assert "warning:" in warning


def test_a_colon_in_text_gets_a_plain_hint(content_copy):
    line = mutate(content_copy, STUDY, "look_fors:\n  - ", "look_fors:\n  - Ask this: ")
    message = only(problems(content_copy), "look_fors[0]")
    assert message.startswith(f"{shown(content_copy)}/{STUDY}:{line + 1}: look_fors[0]: expected text")
    assert "put the whole text in quotes" in message


def test_a_study_that_fails_to_load_gives_no_false_unused_set_warnings(content_copy):
    mutate(content_copy, STUDY, "minutes: 45", "minutes: forty")  # the only study using its scenarios and actions
    _, found = check_programme(content_copy)
    assert any("expected a whole number, got 'forty'" in str(p) for p in found)
    assert not [str(p) for p in found if "no page uses this" in str(p)]
