"""Stage 3: contextualise. A pure function from (programme, school) to what that school publishes.

Nothing of a phase the school does not have survives here, so nothing later in the pipeline
can show it: the scenario sets, phase example sets and phase list keep only the kept phases.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline import model


@dataclass(frozen=True)
class RemovedPhase:
    phase: model.Phase
    scenarios: int  # how many scenarios were removed for it
    examples: int  # how many phase examples were removed for it


@dataclass(frozen=True)
class SchoolProgramme:
    """The programme as one school publishes it."""

    programme: model.Programme  # phases and scenario sets hold only the kept phases
    slug: str  # "" for the national site
    name: str
    module_order: tuple[model.Module, ...]
    examples: dict[str, dict[str, str]] = field(default_factory=dict)
    removed: tuple[RemovedPhase, ...] = ()
    school: model.School | None = None

    @property
    def is_national(self) -> bool:
        return self.school is None

    @property
    def phases(self) -> tuple[model.Phase, ...]:
        return self.programme.phases


def national(programme: model.Programme) -> SchoolProgramme:
    """The national site: every phase, the default order, guidance in every example slot."""
    return SchoolProgramme(
        programme=programme, slug="", name=programme.info.name,
        module_order=tuple(programme.module(code) for code in programme.info.default_module_order),
    )


def contextualise(programme: model.Programme, school: model.School | None) -> SchoolProgramme:
    """Keep what the school publishes: its phases' scenarios, its module order, its examples."""
    if school is None:
        return national(programme)
    kept = set(school.phases)
    scenario_sets = {
        set_id: scenario_set.model_copy(
            update={"scenarios": [s for s in scenario_set.scenarios if s.phase in kept]}
        )
        for set_id, scenario_set in programme.scenario_sets.items()
    }
    phase_example_sets = {
        set_id: example_set.model_copy(update={"examples": [e for e in example_set.examples if e.phase in kept]})
        for set_id, example_set in programme.phase_example_sets.items()
    }
    removed = tuple(
        RemovedPhase(
            phase,
            scenarios=sum(s.phase == phase.id for ss in programme.scenario_sets.values() for s in ss.scenarios),
            examples=sum(e.phase == phase.id for es in programme.phase_example_sets.values() for e in es.examples),
        )
        for phase in programme.phases
        if phase.id not in kept
    )
    school_view = programme.model_copy(update={
        "phases": tuple(p for p in programme.phases if p.id in kept),
        "scenario_sets": scenario_sets,
        "phase_example_sets": phase_example_sets,
    })
    return SchoolProgramme(
        programme=school_view, slug=school.slug, name=school.name,
        module_order=tuple(programme.module(code) for code in school.module_order),
        examples=school.examples, removed=removed, school=school,
    )
