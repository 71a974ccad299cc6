"""Contextualisation guards: what a school's site must still hold once other phases are left out.

For each of the school's phases, every self-study keeps at least one example (a passage tagged for
that phase, or a phase example set's example), and every study that has scenarios keeps one; and
every framework statement the national programme covers is still covered. A gap is an error that
names what to add, found by check.py (for each school) and before any build.
"""

from __future__ import annotations

from pipeline import model, passages
from pipeline.contextualise import SchoolProgramme, contextualise
from pipeline.problems import Problem
from pipeline.vocabulary import macro_calls


def phase_examples(programme: model.Programme, study: model.SelfStudy) -> dict[str, int]:
    """How many examples the study's page has for each phase: passages of its body tagged for the phase
    (not those for mentors or for the national edition only) and phase example sets it shows."""
    counts: dict[str, int] = {}
    for passage in passages.parse(study.body.text).all_passages():
        chain = [passage, *passage.ancestors()]
        if any(passages.MENTORS in p.tags or passages.NATIONAL in p.tags for p in chain):
            continue
        for phase in passage.phases:
            counts[phase] = counts.get(phase, 0) + 1
    for call in macro_calls(study.body.text, study.body.first_line)[0]:
        if call.name == "phase_examples" and call.args[0] in programme.phase_example_sets:
            for example in programme.phase_example_sets[call.args[0]].examples:
                counts[example.phase] = counts.get(example.phase, 0) + 1
    return counts


def _content_root(study: model.SelfStudy) -> str:
    """How the content folder is shown in messages, from where the study's file is shown."""
    return study.source.removesuffix(f"self-studies/{study.id}.md")


def study_gaps(programme: model.Programme, sp: SchoolProgramme) -> list[Problem]:
    """Each study left without a scenario or an example for one of the school's phases."""
    problems = []
    for study in sorted(sp.programme.self_studies.values(), key=lambda s: s.id):
        title, root = programme.study_title(study), _content_root(study)
        national_study = programme.self_studies.get(study.id, study)
        examples = phase_examples(programme, national_study)
        for phase in sp.phases:
            if study.scenario_set and not any(s.phase == phase.id
                                              for s in sp.programme.scenario_sets[study.scenario_set].scenarios):
                problems.append(Problem(
                    f"{root}scenarios/{study.scenario_set}.yml", 1, "scenarios",
                    f"the self-study '{title}' ({study.source}) has no scenario for {phase.name}, which "
                    f"{sp.name} has", f"add a scenario with phase: {phase.id} to this set"))
            if not examples.get(phase.id):
                problems.append(Problem(
                    study.source, study.body.file_line(1), "body",
                    f"the self-study '{title}' has no example for {phase.name}, which {sp.name} has",
                    f"add a passage for it ('::: {phase.id}') where the study shows what this looks like in "
                    "practice, or show a phase example set with an example for it"))
    return problems


def coverage_problems(sp: SchoolProgramme) -> list[Problem]:
    return [Problem(sp.school.source if sp.school else "", 1, "phases",
                    f"framework statement {code} is covered nationally ({'; '.join(pages)}) but not on {sp.name}'s "
                    "site", f"add a page for {', '.join(p.name for p in sp.phases)} that covers {code}")
            for code, pages in sp.coverage_lost]


def school_gaps(programme: model.Programme, school: model.School) -> list[Problem]:
    """Every gap the school's site would have: checked before it is built."""
    sp = contextualise(programme, school)
    return study_gaps(programme, sp) + coverage_problems(sp)
