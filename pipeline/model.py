"""The content model: one class per YAML kind, plus the assembled Programme.

Each field's description is written for writers: it is what an editor shows while typing.
Models are frozen, so a loaded Programme cannot be changed by accident further down the pipeline.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$"),
    Field(description="A lower-case id, words joined by hyphens, e.g. time-to-act."),
]
ModuleCode = Literal["A", "B", "C", "D", "E", "F"]
STATEMENT_CODE = r"^\d+\.(\d+|[a-z])$"
StatementCode = Annotated[
    str,
    StringConstraints(pattern=STATEMENT_CODE),
    # Editors read 6.1 as a number; the loader reads it as text, so both are fine to type.
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "pattern": STATEMENT_CODE}, {"type": "number"}],
            "description": "A framework statement code as printed, e.g. 6.1 or 6.a.",
        }
    ),
]
Minutes = Annotated[int, Field(ge=1, le=240, description="Estimated time in whole minutes.")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


TASK_ID_WORDS = 8


def task_id(text: str) -> str:
    """A task's default id: the first words of its text, in lower case, joined by hyphens."""
    text = re.sub(r"\]\([^)]*\)", "]", text)  # a link's address is not one of its words
    text = re.sub(r"['\u2019]", "", text)  # school's is one word
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", plain)[:TASK_ID_WORDS]
    return "-".join(words) or "task-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _text_or_mapping(schema: dict, model_class: type) -> None:
    """Editors: a task is written as its text, or as a mapping when it needs an id of its own."""
    mapping = dict(schema)
    schema.clear()
    schema["anyOf"] = [{"type": "string", "minLength": 1}, mapping]
    schema["description"] = mapping.pop("description")


class Task(Model):
    """A task to tick off: its text, or {id: …, text: …} to give it an id of its own (content/README.md)."""

    model_config = ConfigDict(json_schema_extra=_text_or_mapping)

    id: Id | None = Field(
        default=None,
        description="Keeps readers' ticks on this task when its first words change. Leave out to use its "
        f"first {TASK_ID_WORDS} words, e.g. book-mentors-onto-mentor-training.",
    )
    text: Text = Field(description="What to do.")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: object) -> object:
        if isinstance(data, str):
            return {"text": data}
        if isinstance(data, dict) and len(data) == 1 and not data.keys() & {"id", "text"}:
            raise PydanticCustomError("string_type", "expected text")  # `- Note: …` read as a key by YAML
        return data

    @property
    def key(self) -> str:
        """The id the browser keeps this task's tick under."""
        return self.id or task_id(self.text)


# ---- programme-wide facts -------------------------------------------------------------


class Licence(Model):
    name: Text = Field(description="The licence's name, e.g. 'Creative Commons Attribution 4.0'.")
    url: Text = Field(description="Where the licence is published (https://…).")


class KnownIssue(Model):
    text: Text = Field(description="What does not yet meet the standard, and what readers can do meanwhile.")
    criteria: list[Text] = Field(default_factory=list, description="The WCAG success criteria it fails, e.g. "
                                 "'1.2.2 Captions (Prerecorded)'.")


class AccessibilityFacts(Model):
    """The facts of the accessibility statement (docs/accessibility.md)."""

    status: Literal["fully compliant", "partially compliant", "not compliant"] = Field(
        description="How far the sites meet WCAG 2.2 AA: fully only when there are no known issues.")
    known_issues: list[KnownIssue] = Field(default_factory=list, description="What does not yet meet WCAG 2.2 AA.")
    prepared: datetime.date = Field(description="When the statement was first prepared (YYYY-MM-DD).")
    last_tested: datetime.date = Field(description="When the accessibility tests last passed (YYYY-MM-DD): "
                                       "written by scripts/accessibility_tested.py.")
    reply_within_days: int = Field(ge=1, le=30, description="How many working days a reader waits for a reply.")


class ProgrammeInfo(Model):
    """programme.yml: the programme as a whole."""

    name: Text = Field(description="The programme's full name, shown in every page's header.")
    short_name: Text = Field(description="A short name for narrow screens.")
    default_module_order: list[ModuleCode] = Field(
        description="The year-1 module order used when a school does not choose one."
    )
    example_guidance: Text = Field(description="Guidance shown in every empty example slot of the national site.")
    edition_date: Text = Field(description="The date of this edition (YYYY-MM-DD); used for repeatable builds.")
    contact: Contact | None = Field(default=None, description="Who readers of the national site contact "
                                    "(a school's site shows the school's own contacts).")
    licence: Licence | None = Field(default=None, description="The licence of the programme's words, shown in "
                                    "every page's footer.")
    diagnostic: Text | None = Field(default=None, description="How an ECT takes a module's diagnostic (Markdown), "
                                    "shown on every module page.")
    publish_weeks_before: int | None = Field(default=None, ge=0, le=26, description="A self-study not yet published "
                                             "will be, at the latest, this many weeks before the half term in which "
                                             "a school starts its module.")
    accessibility: AccessibilityFacts | None = Field(default=None, description="The accessibility statement's facts.")


class Phase(Model):
    id: Id
    name: Text = Field(description="The phase's name as shown on tabs and headings.")


class PhaseList(Model):
    """phases.yml: the phases and settings a scenario can be written for."""

    phases: list[Phase] = Field(description="Every phase, in the order tabs show them.", min_length=1)


class Module(Model):
    code: ModuleCode = Field(description="The module's letter, A to F.")
    title: Text = Field(description="The module's title, e.g. 'Assessment for Learning'.")
    electives: list[Text] = Field(
        min_length=5, max_length=5, description="The five year-1 elective titles, in order 1–5."
    )
    year_2_focus_areas: list[Text] = Field(min_length=1, description="The year-2 focus areas of this module.")

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

    modules: list[Module] = Field(description="The six modules A–F.", min_length=6, max_length=6)


class Statement(Model):
    code: StatementCode
    kind: Literal["learn-that", "learn-how-to"] = Field(
        description='"learn-that" for "Learn that…" statements, "learn-how-to" for "Learn how to…".'
    )
    text: Text = Field(description="The statement in our own short wording.")


class Standard(Model):
    """framework/ID.yml: one standard of the framework and the statements pages cite from it."""

    id: Id = Field(description="Taken from the file name, e.g. standard-6.")
    number: int = Field(description="The standard's number, 1 to 8.", ge=1, le=8)
    title: Text = Field(description="The standard's title, e.g. 'Make accurate and productive use of assessment'.")
    statements: list[Statement] = Field(description="The statements of this standard that pages cite.", min_length=1)


class Webinar(Model):
    term: Literal["Autumn", "Spring", "Summer"] = Field(description="Autumn, Spring or Summer.")
    title: Text = Field(description="The webinar's title, in our words.")
    description: Text = Field(description="One sentence on what it covers.")


class TimeCommitment(Model):
    activity: Text = Field(description="What the time is for, e.g. 'Mentoring'.")
    minutes: Annotated[int, Field(ge=1, description="Minutes each time.")]
    frequency: Literal["once", "weekly", "fortnightly", "half-termly", "termly"] = Field(
        description="How often: once, weekly, fortnightly, half-termly or termly."
    )


class Meeting(Model):
    week: int = Field(description="The week of the half term the meeting falls in.", ge=1, le=8)
    title: Text = Field(description="The meeting's name, e.g. 'Prepare and plan'.")


class MeetingPattern(Model):
    frequency: Literal["weekly", "fortnightly"] = Field(description="How often the ECT and mentor meet.")
    per_half_term: list[Meeting] = Field(description="The meetings of each half term, in order.", min_length=1)


class Year(Model):
    number: Literal[1, 2] = Field(description="1 or 2.")
    summary: Text = Field(description="Two or three sentences on the year, shown on its page.")
    core_minutes: Minutes
    diagnostic_minutes: Minutes
    elective_minutes: Minutes | None = Field(default=None, description="Estimated minutes of each elective (year 1).")
    electives_to_take: int | None = Field(
        description="How many of a module's five electives an ECT takes.", default=None, ge=1, le=5
    )
    electives_in_autumn_1: int | None = Field(
        description="How many electives in the first half term.", default=None, ge=1, le=5
    )
    seminar_minutes: Minutes
    seminars: list[Text] = Field(
        default_factory=list, description="Seminar focus per half term, in fixed order (six, or none)."
    )
    seminar_note: Text | None = Field(
        default=None, description="Anything to add about the seminars, shown on the year page."
    )
    meetings: MeetingPattern | None = Field(
        default=None, description="The pattern of mentor meetings, when the year has a fixed one."
    )
    webinars: list[Webinar] = Field(description="The expert webinars, one per term.", default_factory=list)
    timetable_limit_percent: int = Field(ge=50, le=100, description="The most of a normal timetable an ECT teaches.")
    time_commitments: list[TimeCommitment] = Field(
        description="What a full-time ECT commits, shown as a table.", min_length=1
    )


class YearList(Model):
    """years.yml: the two years of the programme."""

    years: list[Year] = Field(description="Year 1 and year 2.", min_length=2, max_length=2)


class GlossaryTerm(Model):
    term: Text = Field(description="The term in full, e.g. 'Early career teacher'.")
    abbreviation: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9-]+$")] | None = Field(
        default=None, description="The short form; it gets a tooltip on every page where it appears."
    )
    definition: Text = Field(description="One plain sentence saying what it means.")


class Glossary(Model):
    """glossary.yml: key terms and abbreviations."""

    terms: list[GlossaryTerm] = Field(
        description="Every term, in any order (the glossary page sorts them).", min_length=1
    )


# ---- reusable sets ------------------------------------------------------------------


class Ingredient(Model):
    id: Id
    name: Text = Field(description="The ingredient's short name.")
    description: Text = Field(description="One sentence on what it is.")


class IngredientSet(Model):
    """ingredients/ID.yml: a list of active ingredients that pages refer to by id."""

    id: Id = Field(description="Taken from the file name.")
    title: Text = Field(description="The set's title, shown on the ingredients block.")
    ingredients: list[Ingredient] = Field(description="The active ingredients, in order.", min_length=1)


class ReflectionOption(Model):
    kind: Literal["journal", "collaborate", "refine"] = Field(
        description="journal: a reflective-journal option; collaborate: with a colleague or "
        "mentor; refine: refine a task or resource."
    )
    text: Text = Field(description="The option, phrased for this teacher and the ECT reading.")


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
    title: Text = Field(description="The set's title (for writers; not shown on pages).")
    scenarios: list[Scenario] = Field(description="One scenario per phase, in phase order.", min_length=1)


class PhaseExample(Model):
    phase: Id = Field(description="The phase this example is for: an id from phases.yml.")
    text: Text = Field(description="The example, in Markdown.")


class PhaseExampleSet(Model):
    """phase-examples/ID.yml: one short example per phase, shown as tabs like scenarios."""

    id: Id = Field(description="Taken from the file name.")
    title: Text = Field(description="The set's title (for writers; not shown on pages).")
    examples: list[PhaseExample] = Field(description="One example per phase, in phase order.", min_length=1)


class SuggestedAction(Model):
    id: Id
    text: Text = Field(description="What the ECT could do, in one or two sentences.")
    ingredients: list[Text] = Field(
        min_length=1,
        description="The active ingredients that will help, as SET-ID/INGREDIENT-ID.",
    )


class ActionSet(Model):
    """actions/ID.yml: suggested actions, each naming the ingredients that help it."""

    id: Id = Field(description="Taken from the file name.")
    title: Text = Field(description="The set's title, e.g. 'Suggested actions for assessment and feedback'.")
    actions: list[SuggestedAction] = Field(
        description="The suggested actions, in the order they are shown.", min_length=1
    )


# ---- pages --------------------------------------------------------------------------


class Section(Model):
    id: Id
    title: Text = Field(description="The section's heading as shown on the page.")
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
    kind: Literal["core", "elective"] = Field(
        description="core: the module's core self-study; elective: one of its five electives."
    )
    year: Literal[1, 2] = Field(description="Year 1 or year 2 of the programme.")
    module: ModuleCode = Field(description="The module's letter, A to F.")
    number: int | None = Field(default=None, ge=1, le=5, description="Elective number 1–5; electives only.")
    title: Text | None = Field(
        default=None, description="Core self-studies only: electives take theirs from modules.yml."
    )
    minutes: Minutes = Field(description="Total estimated minutes: the sum of the sections.")
    summary: Text = Field(description="One or two sentences shown on module pages.")
    scenario_set: Id | None = Field(
        default=None, description="The id of the scenario set shown at the start and end (files in scenarios/)."
    )
    action_set: Id | None = Field(default=None, description="The id of the suggested actions (files in actions/).")
    statements: list[StatementCode] = Field(
        description="The framework statement codes this study covers, e.g. [6.1, 6.a].", default_factory=list
    )
    look_fors: list[Text] = Field(
        default_factory=list, description="Numbered things to look for when observing a colleague."
    )
    sections: list[Section] = Field(
        description="The study's timed sections, in body order; minutes must add up to the total.", min_length=1
    )
    body: Body
    source: str = Field(description="The file the study came from.")


class MentorSupport(Model):
    """mentor-support/ID.md front matter: mentor support for one self-study."""

    id: Id = Field(description="Taken from the file name.")
    aligned_study: Id = Field(description="The id of the self-study this page supports.")
    minutes: Minutes
    sections: list[Section] = Field(
        description="The page's timed sections, in body order; minutes must add up to the total.", min_length=1
    )
    body: Body
    source: str


class MeetingRow(Model):
    id: Id
    title: Text = Field(description="The step's name, e.g. 'Praise strengths'.")
    guidance: Text = Field(description="What the mentor does at this step.")
    prompts: list[Text] = Field(
        description="Optional questions or labels to fill in, e.g. 'Date:'.", default_factory=list
    )


class MeetingTemplate(Model):
    """templates/mentor-ect-meeting.yml: the mentor–ECT meeting template."""

    id: Id = Field(description="Taken from the file name.")
    title: Text = Field(description="The template's title.")
    introduction: Text = Field(description="A short paragraph on how to use the template.")
    rows: list[MeetingRow] = Field(description="The steps of the meeting, in order.", min_length=1)


class FormField(Model):
    id: Id
    label: Text = Field(description="The question or heading of the space to fill in.")
    guidance: Text | None = Field(default=None, description="One optional sentence of help.")
    lines: int = Field(default=3, ge=1, le=20, description="How many ruled lines to print for the answer.")


class Form(Model):
    """forms/ID.yml: a form to print or fill in on screen (e.g. an engage-with-an-expert proforma)."""

    id: Id = Field(description="Taken from the file name.")
    title: Text = Field(description="The form's title.")
    introduction: Text = Field(description="A short paragraph on when and how to use the form.")
    fields: list[FormField] = Field(min_length=1, description="The spaces to fill in, in order.")


# ---- mentor materials -----------------------------------------------------------------------


class SessionElement(Model):
    id: Id
    name: Text = Field(description="The element's name, e.g. 'Analyse artefacts'.")
    icon: Text = Field(description="A Material icon name, e.g. material/replay: its visual marker.")


class SessionElementList(Model):
    """session-elements.yml: the fixed set of elements a weekly session draws on."""

    elements: list[SessionElement] = Field(min_length=1, description="Every session element.")


class Prompt(Model):
    text: Text = Field(description="The prompt or question.")
    sub: list[Text] = Field(default_factory=list, description="Optional sub-prompts, shown as a, b, c.")


class PromptActivity(Model):
    minutes: Minutes
    prompts: list[Prompt] = Field(min_length=1, description="Numbered prompts.")


class SessionActivity(Model):
    title: Text = Field(description="What the mentor and ECT do.")
    element: Id = Field(description="The one session element this activity uses (session-elements.yml).")
    mentor_could: list[Text] = Field(min_length=1, description="Things the mentor could do.")


class TheoryToPractice(Model):
    minutes: Minutes
    activities: list[SessionActivity] = Field(min_length=1, description="Numbered activities.")


class NextSteps(Model):
    minutes: Minutes
    text: Text = Field(description="What happens next, in Markdown.")


class MentorSession(Model):
    """mentor-sessions/ID.yml: one weekly mentor–ECT session."""

    id: Id = Field(description="Taken from the file name.")
    module: ModuleCode = Field(description="The module's letter, A to F.")
    week: int = Field(ge=1, le=8, description="The week of the half term.")
    title: Text = Field(description="The session's title.")
    minutes: Minutes = Field(description="The session's length: the activities' minutes must add up to it.")
    elements: list[Id] = Field(min_length=1, description="The session elements used (session-elements.yml).")
    learning_intentions: list[StatementCode] = Field(
        min_length=1, description="Framework codes, shown with their wording."
    )
    introduction: Text = Field(description="A short introduction, in Markdown.")
    research_summary: Text = Field(
        description="A research and practice summary in Markdown, or the word none (shown as 'none this week')."
    )
    review: PromptActivity = Field(description="Review: numbered prompts, with minutes.")
    plan: PromptActivity = Field(description="Plan: numbered prompts, with minutes.")
    theory_to_practice: TheoryToPractice = Field(description="Theory to practice: numbered activities, with minutes.")
    next_steps: NextSteps = Field(description="Next steps, with minutes.")
    last_in_module: bool = Field(default=False, description="True for the module's last session.")

    @property
    def activity_minutes(self) -> int:
        return self.review.minutes + self.plan.minutes + self.theory_to_practice.minutes + self.next_steps.minutes


class ActionStep(Model):
    name: Text = Field(description="A short name for the step.")
    instruction: Text = Field(description="One precise, observable instruction.")


class Theme(Model):
    id: Id
    title: Text = Field(description="The theme's title.")
    development_areas: list[Text] = Field(min_length=3, max_length=3, description="Three possible development areas.")
    question_prompts: list[Text] = Field(min_length=1, description="Questions for the mentor to ask.")
    action_steps: list[ActionStep] = Field(min_length=3, max_length=3, description="Three example action steps.")


class Decision(Model):
    question: Text = Field(description="The question decided at this point.")
    met: Text = Field(description="What to do if yes.")
    not_met: Text = Field(description="What to do if no.")


class Interaction(Model):
    stage: Literal["refocus", "develop", "integrate"] = Field(description="refocus, develop or integrate.")
    number: int = Field(ge=1, le=6, description="1 to 6, in order.")
    title: Text = Field(description="The interaction's title.")
    focus: Text = Field(description="One line: what this interaction is for.")
    checklist: list[Task] = Field(min_length=1, description="Things to do, ticked off as you go.")
    prompts: list[Text] = Field(default_factory=list, description="Questions to ask.")
    decision: Decision | None = Field(default=None, description="A decision with two branches (Integrate 4).")


# The six interactions of every cycle, in order (DOMAIN.md §3f); the fourth holds the decision.
CYCLE_STAGES = ("refocus", "refocus", "develop", "integrate", "develop", "integrate")


class DevelopmentCycle(Model):
    """development-cycles/ID.yml: one year-2 development cycle."""

    id: Id = Field(description="Taken from the file name.")
    number: int = Field(ge=1, le=3, description="The cycle's number, 1 to 3.")
    weeks: int = Field(ge=1, le=20, description="How many weeks the cycle lasts.")
    half_terms: list[Text] = Field(min_length=1, description="The half terms it runs over.")
    themes: list[Theme] = Field(min_length=2, max_length=2, description="Exactly two themes.")
    interactions: list[Interaction] = Field(min_length=6, max_length=6, description="The six mentor interactions.")


class FeedbackStage(Model):
    stage: Text = Field(description="The stage's name, e.g. Praise.")
    what_to_do: Text = Field(description="What the mentor does.")
    example_phrases: list[Text] = Field(min_length=1, description="Phrases a mentor might use.")


class FeedbackModel(Model):
    """feedback-model.yml: the feedback model's stages."""

    stages: list[FeedbackStage] = Field(min_length=1, description="The stages, in order.")


class ActionStepExample(Model):
    kind: Literal["refine", "replace"] = Field(description="refine or replace.")
    situation: Text = Field(description="What happened when the ECT tried the step.")
    before: ActionStep = Field(description="The step as first set.")
    after: ActionStep = Field(description="The step refined or replaced.")
    success_criteria: list[Text] = Field(min_length=1, description="Observable signs of success.")


class ActionStepExamples(Model):
    """action-step-examples.yml: worked examples of refining and replacing an action step."""

    examples: list[ActionStepExample] = Field(min_length=1, description="The worked examples.")


class Checklist(Model):
    """checklist.yml: the induction tutor's set-up checklist."""

    tasks: list[Task] = Field(min_length=1, description="The tasks, in order.")


class HandbookChapter(Model):
    """handbook/ID.md front matter: one chapter of the induction-tutor handbook."""

    id: Id = Field(description="Taken from the file name.")
    title: Text = Field(description="The chapter's title.")
    order: int = Field(ge=1, description="Chapters are shown in this order.")
    body: Body
    source: str


# ---- the assembled programme ----------------------------------------------------------


class Programme(Model):
    """Everything in content/, loaded and checked. Nothing here is school-specific."""

    info: ProgrammeInfo
    phases: tuple[Phase, ...]
    modules: tuple[Module, ...]
    years: tuple[Year, ...]
    glossary: tuple[GlossaryTerm, ...]
    standards: tuple[Standard, ...]
    ingredient_sets: dict[str, IngredientSet]
    scenario_sets: dict[str, ScenarioSet]
    phase_example_sets: dict[str, PhaseExampleSet]
    action_sets: dict[str, ActionSet]
    self_studies: dict[str, SelfStudy]
    mentor_pages: dict[str, MentorSupport]
    meeting_template: MeetingTemplate
    forms: dict[str, Form]
    session_elements: tuple[SessionElement, ...]
    mentor_sessions: dict[str, MentorSession]
    development_cycles: dict[str, DevelopmentCycle]
    feedback_model: tuple[FeedbackStage, ...]
    action_step_examples: tuple[ActionStepExample, ...]
    checklist: tuple[Task, ...]
    handbook: dict[str, HandbookChapter]

    def module(self, code: str) -> Module:
        return next(m for m in self.modules if m.code == code)

    def year(self, number: int) -> Year:
        return next(y for y in self.years if y.number == number)

    def studies_for(self, year: int, module: str) -> list[SelfStudy]:
        """The published studies of one module in one year: core first, then electives by number."""
        return sorted(
            (s for s in self.self_studies.values() if s.year == year and s.module == module),
            key=lambda s: (s.kind != "core", s.number or 0),
        )

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
    name: Text = Field(description="The person's name as it should appear.")
    email: Text | None = Field(default=None, description="An email address (optional).")


class Example(Model):
    """A school's example with who wrote it and when, both shown under the example on the page."""

    file: Text | None = Field(default=None, description="A .md file in the school's folder that holds the example "
                              "(write `file` or `text`).")
    text: Text | None = Field(default=None, description="The example in Markdown, written here (write `file` or "
                              "`text`).")
    author: Text | None = Field(default=None, description="Who wrote it, as it should appear, e.g. "
                                "Mrs J. Whitcombe, Year 3 teacher (optional).")
    date: datetime.date | None = Field(default=None, description="When it was written: YYYY-MM-DD (optional).")


class Logo(Model):
    """A school's logo: a file in the school's folder, and what it shows."""

    file: Text = Field(description="The logo's file in the school's folder: PNG, JPEG or SVG, at most 200 KB, "
                       "e.g. logo.png.")
    alt: Text = Field(description="What the logo shows, for people who cannot see it, e.g. 'Oakfield Primary "
                      "School crest: an oak tree in a green circle'.")


class SchoolFile(Model):
    """schools/SLUG/school.yml: one school's context."""

    name: Text = Field(description="The school's name, shown on every page.")
    phases: list[Id] = Field(min_length=1, description="The phases the school has: ids from content/phases.yml.")
    module_order: list[Text] | None = Field(
        default=None,
        description="Year-1 module order: six module letters or titles, A first. "
        "Leave out to use the programme's default order.",
    )
    examples: dict[Id, dict[Id, Text | Example]] = Field(
        default_factory=dict,
        description="The school's own examples: page id → slot id → Markdown text, the path "
        "of a .md file in the school's folder, or a block with `file` or `text`, `author` and `date`.",
    )
    contacts: list[Contact] = Field(
        description="People to contact, shown in the school's handbook.", default_factory=list
    )
    checklist: list[Task] = Field(default_factory=list, description="The school's own extra set-up tasks.")
    logo: Logo | None = Field(default=None, description="The school's logo, shown in the header, on the home page "
                              "and on the handbook's cover (optional).")
    accent_colour: Text | None = Field(default=None, description="The school's colour, e.g. '#00703c', for the "
                                       "header, links and the selected tab: it must have a contrast of at least "
                                       "4.5:1 with white (optional).")


class ExampleCredit(Model):
    """Who wrote one of a school's examples, and when."""

    author: str | None = None
    date: datetime.date | None = None


class ReviewedExample(Model):
    """The national section an example was last reviewed against (schools/SLUG/reviewed.yml)."""

    section: Id = Field(description="The id of the section the example's slot is in.")
    fingerprint: Text = Field(description="A digest of the section's text when the example was reviewed.")
    text: str = Field(description="The section's text when the example was reviewed, to show what has changed.")


class ReviewedFile(Model):
    """schools/SLUG/reviewed.yml, written by scripts/review.py: what each example was reviewed against."""

    examples: dict[Id, dict[Id, ReviewedExample]] = Field(
        default_factory=dict, description="Page id → slot id → the national section when the example was reviewed.")


class SchoolLogo(Model):
    """A school's logo as its site publishes it (pipeline/brand.py)."""

    suffix: Literal["png", "jpg", "svg"]
    data: bytes
    alt: str


class School(Model):
    """A school's context after checking: module letters resolved, example files read."""

    slug: str
    name: str
    phases: tuple[str, ...]
    module_order: tuple[ModuleCode, ...]
    examples: dict[str, dict[str, str]]
    contacts: tuple[Contact, ...] = ()
    checklist: tuple[Task, ...] = ()
    source: str
    credits: dict[str, dict[str, ExampleCredit]] = {}  # page id → slot id → who wrote the example, and when
    reviewed: dict[str, dict[str, ReviewedExample]] = {}  # from reviewed.yml: see safety/stale_examples.py
    logo: SchoolLogo | None = None  # checked (pipeline/brand.py)
    accent_colour: str | None = None  # '#rrggbb', checked for contrast (pipeline/brand.py)
