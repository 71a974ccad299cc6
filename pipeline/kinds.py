"""Every kind of source file, where it lives and which model checks it: written once, used by the
loader, the JSON Schemas for editors, and the scaffolding command."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from pipeline import model


@dataclass(frozen=True)
class SourceKind:
    name: str  # how messages and writers call it, e.g. "ingredient set"
    pattern: str  # where its files are, relative to content/ (or to the project for schools)
    model: type[BaseModel]
    schema: str  # the JSON Schema's file name, without .schema.json

    @property
    def folder(self) -> str:
        return self.pattern.rpartition("/")[0]

    @property
    def suffix(self) -> str:
        return "." + self.pattern.rpartition(".")[2]

    @property
    def one_file(self) -> bool:
        return "*" not in self.pattern


CONTENT_KINDS: tuple[SourceKind, ...] = (
    SourceKind("programme", "programme.yml", model.ProgrammeInfo, "programme"),
    SourceKind("phases", "phases.yml", model.PhaseList, "phases"),
    SourceKind("modules", "modules.yml", model.ModuleList, "modules"),
    SourceKind("years", "years.yml", model.YearList, "years"),
    SourceKind("glossary", "glossary.yml", model.Glossary, "glossary"),
    SourceKind("standard", "framework/*.yml", model.Standard, "standard"),
    SourceKind("ingredient set", "ingredients/*.yml", model.IngredientSet, "ingredient-set"),
    SourceKind("scenario set", "scenarios/*.yml", model.ScenarioSet, "scenario-set"),
    SourceKind("phase example set", "phase-examples/*.yml", model.PhaseExampleSet, "phase-example-set"),
    SourceKind("action set", "actions/*.yml", model.ActionSet, "action-set"),
    SourceKind("self-study", "self-studies/*.md", model.SelfStudy, "self-study"),
    SourceKind("mentor page", "mentor-support/*.md", model.MentorSupport, "mentor-support"),
    SourceKind("template", "templates/*.yml", model.MeetingTemplate, "meeting-template"),
    SourceKind("form", "forms/*.yml", model.Form, "form"),
    SourceKind("session elements", "session-elements.yml", model.SessionElementList, "session-elements"),
    SourceKind("mentor session", "mentor-sessions/*.yml", model.MentorSession, "mentor-session"),
    SourceKind("development cycle", "development-cycles/*.yml", model.DevelopmentCycle, "development-cycle"),
    SourceKind("feedback model", "feedback-model.yml", model.FeedbackModel, "feedback-model"),
    SourceKind("action step examples", "action-step-examples.yml", model.ActionStepExamples, "action-step-examples"),
    SourceKind("checklist", "checklist.yml", model.Checklist, "checklist"),
    SourceKind("handbook chapter", "handbook/*.md", model.HandbookChapter, "handbook-chapter"),
)
SCHOOL_KIND = SourceKind("school", "schools/*/school.yml", model.SchoolFile, "school")
KINDS = {kind.name: kind for kind in (*CONTENT_KINDS, SCHOOL_KIND)}
# Fields the loader fills in itself: writers never type them.
DERIVED_FIELDS = ("id", "body", "source")
