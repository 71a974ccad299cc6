"""Every kind of source file: where it lives, which model checks it and which part of the Programme
it fills. Written once, used by the loader, the JSON Schemas for editors and the scaffolding command.

Adding a content kind: a model in model.py (and its field on Programme), one line here, and the
page that shows it in render/ (see CONTRIBUTING.md, "Adding a content kind").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from pipeline import model


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class SourceKind:
    name: str  # how messages and writers call it, e.g. "ingredient set"
    pattern: str  # where its files are, relative to content/ (or to the project for schools)
    model: type[BaseModel]
    schema: str  # the JSON Schema's file name, without .schema.json
    field: str = ""  # the Programme's field it fills
    # from what was loaded (one file's object, or a folder's objects by id) to the Programme's field
    assemble: Callable[[Any], Any] = _same

    @property
    def folder(self) -> str:
        return self.pattern.rpartition("/")[0]

    @property
    def suffix(self) -> str:
        return "." + self.pattern.rpartition(".")[2]

    @property
    def one_file(self) -> bool:
        return "*" not in self.pattern


MEETING_TEMPLATE_ID = "mentor-ect-meeting"
# Assembled even when its file is missing or broken, so that validation can still report every
# cross-reference; the loading problem keeps such a programme from being built.
MISSING_MEETING_TEMPLATE = model.MeetingTemplate(
    id=MEETING_TEMPLATE_ID, title="(missing)", introduction="(missing)",
    rows=[model.MeetingRow(id="missing", title="(missing)", guidance="(missing)")],
)


def _by_number(items: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(sorted(items.values(), key=lambda item: item.number))


CONTENT_KINDS: tuple[SourceKind, ...] = (
    SourceKind("programme", "programme.yml", model.ProgrammeInfo, "programme", "info"),
    SourceKind("phases", "phases.yml", model.PhaseList, "phases", "phases", lambda m: tuple(m.phases)),
    SourceKind("modules", "modules.yml", model.ModuleList, "modules", "modules", lambda m: tuple(m.modules)),
    SourceKind("years", "years.yml", model.YearList, "years", "years",
               lambda m: tuple(sorted(m.years, key=lambda year: year.number))),
    SourceKind("glossary", "glossary.yml", model.Glossary, "glossary", "glossary", lambda m: tuple(m.terms)),
    SourceKind("standard", "framework/*.yml", model.Standard, "standard", "standards", _by_number),
    SourceKind("ingredient set", "ingredients/*.yml", model.IngredientSet, "ingredient-set", "ingredient_sets"),
    SourceKind("scenario set", "scenarios/*.yml", model.ScenarioSet, "scenario-set", "scenario_sets"),
    SourceKind("phase example set", "phase-examples/*.yml", model.PhaseExampleSet, "phase-example-set",
               "phase_example_sets"),
    SourceKind("action set", "actions/*.yml", model.ActionSet, "action-set", "action_sets"),
    SourceKind("self-study", "self-studies/*.md", model.SelfStudy, "self-study", "self_studies"),
    SourceKind("mentor page", "mentor-support/*.md", model.MentorSupport, "mentor-support", "mentor_pages"),
    SourceKind("template", "templates/*.yml", model.MeetingTemplate, "meeting-template", "meeting_template",
               lambda items: items.get(MEETING_TEMPLATE_ID) or MISSING_MEETING_TEMPLATE),
    SourceKind("form", "forms/*.yml", model.Form, "form", "forms"),
    SourceKind("session elements", "session-elements.yml", model.SessionElementList, "session-elements",
               "session_elements", lambda m: tuple(m.elements)),
    SourceKind("mentor session", "mentor-sessions/*.yml", model.MentorSession, "mentor-session", "mentor_sessions"),
    SourceKind("development cycle", "development-cycles/*.yml", model.DevelopmentCycle, "development-cycle",
               "development_cycles"),
    SourceKind("feedback model", "feedback-model.yml", model.FeedbackModel, "feedback-model", "feedback_model",
               lambda m: tuple(m.stages)),
    SourceKind("action step examples", "action-step-examples.yml", model.ActionStepExamples, "action-step-examples",
               "action_step_examples", lambda m: tuple(m.examples)),
    SourceKind("checklist", "checklist.yml", model.Checklist, "checklist", "checklist", lambda m: tuple(m.tasks)),
    SourceKind("handbook chapter", "handbook/*.md", model.HandbookChapter, "handbook-chapter", "handbook"),
    SourceKind("school year", "school-year.yml", model.SchoolYearPattern, "school-year", "school_year"),
)
SCHOOL_KIND = SourceKind("school", "schools/*/school.yml", model.SchoolFile, "school")
KINDS = {kind.name: kind for kind in (*CONTENT_KINDS, SCHOOL_KIND)}
# Fields the loader fills in itself: writers never type them.
DERIVED_FIELDS = ("id", "body", "source")
