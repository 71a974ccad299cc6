"""Contextualising is a pure function: (programme, school) → what that school publishes."""

from __future__ import annotations

from pipeline.contextualise import contextualise, national
from pipeline.model import School


def school(**overrides) -> School:
    values = dict(slug="test-school", name="Test School", phases=("primary",),
                  module_order=("A", "F", "E", "D", "C", "B"), examples={}, source="schools/test/school.yml")
    values.update(overrides)
    return School(**values)


def test_only_the_schools_phases_survive(programme):
    view = contextualise(programme, school())
    assert [p.id for p in view.phases] == ["primary"]
    for scenario_set in view.programme.scenario_sets.values():
        assert {s.phase for s in scenario_set.scenarios} <= {"primary"}
    removed = {r.phase.id: r.scenarios for r in view.removed}
    assert set(removed) == {"eyfs", "secondary", "post-16", "send", "alternative-provision"}
    expected = sum(1 for ss in programme.scenario_sets.values() for s in ss.scenarios if s.phase == "eyfs")
    assert removed["eyfs"] == expected > 0


def test_the_programme_itself_is_not_changed(programme):
    before = programme.model_dump()
    contextualise(programme, school())
    assert programme.model_dump() == before


def test_the_module_order_is_the_schools(programme):
    view = contextualise(programme, school())
    assert [m.code for m in view.module_order] == ["A", "F", "E", "D", "C", "B"]


def test_several_phases_keep_the_programmes_phase_order(programme):
    view = contextualise(programme, school(phases=("send", "eyfs")))
    assert [p.id for p in view.phases] == ["eyfs", "send"]


def test_examples_are_the_schools(programme):
    examples = {"providing-high-quality-feedback": {"feedback-examples": "Our own example."}}
    view = contextualise(programme, school(examples=examples))
    assert view.examples == examples
    assert not view.is_national


def test_national_keeps_everything_in_the_default_order(programme):
    view = national(programme)
    assert view.is_national
    assert view.phases == programme.phases
    assert [m.code for m in view.module_order] == list(programme.info.default_module_order)
    # every scenario is kept; their texts lose only the tags of deliberate mentions ([[all: …]])
    assert {key: [(s.phase, s.teacher) for s in scenario_set.scenarios]
            for key, scenario_set in view.programme.scenario_sets.items()} == {
        key: [(s.phase, s.teacher) for s in scenario_set.scenarios]
        for key, scenario_set in programme.scenario_sets.items()}
    assert not any("[[" in s.situation for ss in view.programme.scenario_sets.values() for s in ss.scenarios)
    assert contextualise(programme, None) == view


def test_a_statement_a_school_would_no_longer_cover_is_an_error_naming_it(programme):
    """Coverage comes from whole pages, which no phase removes today; should a school's view ever lose the
    only page covering a statement, that is a build error naming the statement and the page it had."""
    from pipeline.contextualise import coverage_lost, covered_statements
    from pipeline.guards import coverage_problems

    covered = covered_statements(programme)
    code, pages = next((code, pages) for code, pages in sorted(covered.items()) if len(pages) == 1)
    study = next(s for s in programme.self_studies.values() if programme.study_title(s) == pages[0])
    without = programme.model_copy(update={"self_studies": {
        key: value for key, value in programme.self_studies.items() if key != study.id}})
    lost = coverage_lost(programme, without)
    assert (code, (pages[0],)) in lost
    view = contextualise(programme, school())
    assert view.coverage_lost == ()
    problems = [str(p) for p in coverage_problems(view.__class__(**{**vars(view), "coverage_lost": lost}))]
    assert any(f"framework statement {code} is covered nationally ({pages[0]}) but not on Test School's site" in p
               and p.startswith("schools/test/school.yml:1: phases:") for p in problems), problems
