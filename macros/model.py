"""The content model: one class per YAML kind, plus the assembled Programme.

Each field's description is written for writers: it is what an editor shows while typing.
Models are frozen, so a loaded Programme cannot be changed by accident further down the pipeline.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$"),
    Field(description="A lower-case id, words joined by hyphens, e.g. time-to-act."),
]
ModuleCode = Literal["A", "B", "C", "D", "E", "F"]
StatementCode = Annotated[
    str,
    StringConstraints(pattern=r"^\d+\.(\d+|[a-z])$"),
    Field(description="A framework statement code as printed, e.g. 6.1 or 6.a."),
]
Minutes = Annotated[int, Field(ge=1, le=240, description="Estimated time in whole minutes.")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


# ---- programme-wide facts -------------------------------------------------------------


class ProgrammeInfo(Model):
    """programme.yml: the programme as a whole."""

    name: Text = Field(description="The programme's full name, shown in every page's header.")
    short_name: Text = Field(description="A short name for narrow screens.")
    default_module_order: list[ModuleCode] = Field(
        description="The year-1 module order used when a school does not choose one."
    )
    example_guidance: Text = Field(
        description="Guidance shown in every empty example slot of the national site."
    )
    edition_date: Text = Field(
        description="The date of this edition (YYYY-MM-DD); used for repeatable builds."
    )


class Phase(Model):
    id: Id
    name: Text = Field(description="The phase's name as shown on tabs and headings.")


class PhaseList(Model):
    """phases.yml: the phases and settings a scenario can be written for."""

    phases: list[Phase] = Field(min_length=1)


class Module(Model):
    code: ModuleCode = Field(description="The module's letter, A to F.")
    title: Text
    electives: list[Text] = Field(
        min_length=5, max_length=5, description="The five year-1 elective titles, in order 1–5."
    )
    year_2_focus_areas: list[Text] = Field(
        min_length=1, description="The year-2 focus areas of this module."
    )

    @property
    def slug(self) -> str:
        return f"{self.code.lower()}-" + "-".join(
            "".join(c for c in word.lower() if c.isalnum()) for word in self.title.split()
        )

    @property
    def label(self) -> str:
        return f"{self.code}. {self.title}"


class ModuleList(Model):
    """modules.yml: the six modules."""

    modules: list[Module] = Field(min_length=6, max_length=6)


class Statement(Model):
    code: StatementCode
    kind: Literal["learn-that", "learn-how-to"] = Field(
        description='"learn-that" for "Learn that…" statements, "learn-how-to" for "Learn how to…".'
    )
    text: Text = Field(description="The statement in our own short wording.")


class Standard(Model):
    """framework/ID.yml: one standard of the framework and the statements pages cite from it."""

    id: Id = Field(description="Taken from the file name, e.g. standard-6.")
    number: int = Field(ge=1, le=8)
    title: Text
    statements: list[Statement] = Field(min_length=1)


# ---- reusable sets ------------------------------------------------------------------


class Ingredient(Model):
    id: Id
    name: Text = Field(description="The ingredient's short name.")
    description: Text = Field(description="One sentence on what it is.")


class IngredientSet(Model):
    """ingredients/ID.yml: a list of active ingredients that pages refer to by id."""

    id: Id = Field(description="Taken from the file name.")
    title: Text
    ingredients: list[Ingredient] = Field(min_length=1)


class ReflectionOption(Model):
    kind: Literal["journal", "collaborate", "refine"] = Field(
        description="journal: a reflective-journal option; collaborate: with a colleague or "
        "mentor; refine: refine a task or resource."
    )
    text: Text


class Scenario(Model):
    phase: Id = Field(description="The phase this scenario is for: an id from phases.yml.")
    teacher: Text = Field(description="The teacher's title and surname, e.g. Mr Haddad.")
    role: Text = Field(description="A few words after the name, e.g. 'teaches a Year 4 class'.")
    situation: Text = Field(description="Two short paragraphs of Markdown.")
    reflection: Text = Field(description="The question asked at the end of the study.")
    options: list[ReflectionOption] = Field(
        min_length=3, max_length=3, description="Three options, one of each kind, shown as A, B, C."
    )


class ScenarioSet(Model):
    """scenarios/ID.yml: one scenario per phase."""

    id: Id = Field(description="Taken from the file name.")
    title: Text
    scenarios: list[Scenario] = Field(min_length=1)


class PhaseExample(Model):
    phase: Id = Field(description="The phase this example is for: an id from phases.yml.")
    text: Text = Field(description="The example, in Markdown.")


class PhaseExampleSet(Model):
    """phase-examples/ID.yml: one short example per phase, shown as tabs like scenarios."""

    id: Id = Field(description="Taken from the file name.")
    title: Text
    examples: list[PhaseExample] = Field(min_length=1)


class SuggestedAction(Model):
    id: Id
    text: Text
    ingredients: list[Text] = Field(
        min_length=1,
        description="The active ingredients that will help, as SET-ID/INGREDIENT-ID.",
    )


class ActionSet(Model):
    """actions/ID.yml: suggested actions, each naming the ingredients that help it."""

    id: Id = Field(description="Taken from the file name.")
    title: Text
    actions: list[SuggestedAction] = Field(min_length=1)


# ---- pages --------------------------------------------------------------------------


class Section(Model):
    id: Id
    title: Text
    minutes: Minutes
    choose_one: Id | None = Field(
        default=None,
        description="Sections with the same choose_one name are alternatives (e.g. one per focus area): "
        "the reader takes one, so the total counts the longest of them once.",
    )


def total_minutes(sections: list[Section]) -> int:
    """The time a reader spends: every section, but only the longest of each choose-one group."""
    plain = sum(s.minutes for s in sections if s.choose_one is None)
    groups: dict[str, int] = {}
    for section in sections:
        if section.choose_one is not None:
            groups[section.choose_one] = max(groups.get(section.choose_one, 0), section.minutes)
    return plain + sum(groups.values())


class Body(Model):
    """The Markdown body of a page and where it starts in its file."""

    text: str
    first_line: int = Field(description="The file line the body starts on.")


class SelfStudy(Model):
    """self-studies/ID.md front matter: an ECT self-study."""

    id: Id = Field(description="Taken from the file name.")
    kind: Literal["core", "elective"]
    year: Literal[1, 2]
    module: ModuleCode
    number: int | None = Field(
        default=None, ge=1, le=5, description="Elective number 1–5; electives only."
    )
    title: Text | None = Field(
        default=None, description="Core self-studies only: electives take theirs from modules.yml."
    )
    minutes: Minutes = Field(description="Total estimated minutes: the sum of the sections.")
    summary: Text = Field(description="One or two sentences shown on module pages.")
    scenario_set: Id | None = None
    action_set: Id | None = None
    statements: list[StatementCode] = Field(default_factory=list)
    look_fors: list[Text] = Field(
        default_factory=list, description="Numbered things to look for when observing a colleague."
    )
    sections: list[Section] = Field(min_length=1)
    body: Body
    source: str = Field(description="The file the study came from.")


class MentorSupport(Model):
    """mentor-support/ID.md front matter: mentor support for one self-study."""

    id: Id = Field(description="Taken from the file name.")
    aligned_study: Id = Field(description="The id of the self-study this page supports.")
    minutes: Minutes
    sections: list[Section] = Field(min_length=1)
    body: Body
    source: str


class MeetingRow(Model):
    id: Id
    title: Text
    guidance: Text
    prompts: list[Text] = Field(default_factory=list)


class MeetingTemplate(Model):
    """templates/mentor-ect-meeting.yml: the mentor–ECT meeting template."""

    id: Id = Field(description="Taken from the file name.")
    title: Text
    introduction: Text
    rows: list[MeetingRow] = Field(min_length=1)


# ---- the assembled programme ----------------------------------------------------------


class Programme(Model):
    """Everything in content/, loaded and checked. Nothing here is school-specific."""

    info: ProgrammeInfo
    phases: tuple[Phase, ...]
    modules: tuple[Module, ...]
    standards: tuple[Standard, ...]
    ingredient_sets: dict[str, IngredientSet]
    scenario_sets: dict[str, ScenarioSet]
    phase_example_sets: dict[str, PhaseExampleSet]
    action_sets: dict[str, ActionSet]
    self_studies: dict[str, SelfStudy]
    mentor_pages: dict[str, MentorSupport]
    meeting_template: MeetingTemplate

    def module(self, code: str) -> Module:
        return next(m for m in self.modules if m.code == code)

    def phase(self, phase_id: str) -> Phase:
        return next(p for p in self.phases if p.id == phase_id)

    def statement(self, code: str) -> tuple[Standard, Statement]:
        for standard in self.standards:
            for statement in standard.statements:
                if statement.code == code:
                    return standard, statement
        raise KeyError(code)

    def study_title(self, study: SelfStudy) -> str:
        if study.kind == "elective" and study.number:
            return self.module(study.module).electives[study.number - 1]
        return study.title or study.id

    def mentor_page_for(self, study_id: str) -> MentorSupport | None:
        return next((m for m in self.mentor_pages.values() if m.aligned_study == study_id), None)


# ---- a school's context -------------------------------------------------------------


class Contact(Model):
    role: Text = Field(description="e.g. Induction tutor")
    name: Text
    email: Text | None = None


class SchoolFile(Model):
    """schools/SLUG/school.yml: one school's context."""

    name: Text = Field(description="The school's name, shown on every page.")
    phases: list[Id] = Field(
        min_length=1, description="The phases the school has: ids from content/phases.yml."
    )
    module_order: list[Text] | None = Field(
        default=None,
        description="Year-1 module order: six module letters or titles, A first. "
        "Leave out to use the programme's default order.",
    )
    examples: dict[Id, dict[Id, Text]] = Field(
        default_factory=dict,
        description="The school's own examples: page id → slot id → Markdown text, or the path "
        "of a .md file in the school's folder.",
    )
    contacts: list[Contact] = Field(default_factory=list)
    checklist: list[Text] = Field(
        default_factory=list, description="The school's own extra set-up tasks."
    )


class School(Model):
    """A school's context after checking: module letters resolved, example files read."""

    slug: str
    name: str
    phases: tuple[str, ...]
    module_order: tuple[ModuleCode, ...]
    examples: dict[str, dict[str, str]]
    contacts: tuple[Contact, ...] = ()
    checklist: tuple[str, ...] = ()
    source: str
