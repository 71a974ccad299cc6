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
# As providers print them: 6.3 and 8.10 (numbered), 6.a, 6a, 6I or 6.iv (lettered). The number before is the standard's.
STATEMENT_CODE = r"^\d{1,2}(\.\d{1,2}|\.?[A-Za-z]{1,5})$"
StatementCode = Annotated[
    str,
    StringConstraints(pattern=STATEMENT_CODE),
    # Editors read 6.1 as a number; the loader reads it as text, so both are fine to type.
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "pattern": STATEMENT_CODE}, {"type": "number"}],
            "description": "A framework statement code as printed, e.g. 6.1, 6.a or 6I.",
        }
    ),
]
Minutes = Annotated[int, Field(ge=1, le=240, description="Estimated time in whole minutes.")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
# The six half terms of a school year, in order; a school's planning names them.
HALF_TERM_NAMES = ("Autumn 1", "Autumn 2", "Spring 1", "Spring 2", "Summer 1", "Summer 2")
HalfTerm = Literal["Autumn 1", "Autumn 2", "Spring 1", "Spring 2", "Summer 1", "Summer 2"]
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


def statement_code_style(code: str) -> str:
    """"numbered" for 6.3 or 8.10, "lettered" for 6.a, 6a, 6I or 6.iv (the part after the standard's number)."""
    return "numbered" if code.partition(".")[2].isdigit() else "lettered"


def statement_standard(code: str) -> int:
    """The number of the standard a code belongs to: 6 for 6.3, 6.a and 6I."""
    return int(re.match(r"\d+", code).group(0))  # type: ignore[union-attr]  # the pattern guarantees digits


_TIMING = re.compile(r"\s*(\d{1,3})\s*(?:[-–]\s*(\d{1,3})\s*)?")


def _number_or_range(schema: dict, model_class: type) -> None:
    """Editors: a time is written as a whole number of minutes or as a range such as 5-8."""
    schema.clear()
    schema["anyOf"] = [{"type": "integer", "minimum": 1, "maximum": 240},
                       {"type": "string", "pattern": r"^\s*\d{1,3}\s*[-–]\s*\d{1,3}\s*$"}]
    schema["description"] = "Estimated minutes as written: a number (8) or a range (5-8). Leave out if untimed."


class Timing(Model):
    """A section's estimated time as the writer states it: 8, or a range such as 5-8."""

    model_config = ConfigDict(json_schema_extra=_number_or_range)

    low: int = Field(description="The fewest minutes.")
    high: int = Field(description="The most minutes (the same as low for a single number).")

    @model_validator(mode="before")
    @classmethod
    def _from_written(cls, data: object) -> object:
        if isinstance(data, dict):
            return data
        match = _TIMING.fullmatch(data) if isinstance(data, str) else None
        if isinstance(data, int) and not isinstance(data, bool):
            low = high = data
        elif match:
            low, high = int(match[1]), int(match[2] or match[1])
        else:
            raise PydanticCustomError("timing", "{value} is not a time in minutes", {"value": repr(data)[:40]})
        if not 1 <= low <= high <= 240:
            raise PydanticCustomError("timing", "{value} is not a time in minutes between 1 and 240, smaller first",
                                      {"value": repr(data)[:40]})
        return {"low": low, "high": high}

    def __str__(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


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
    source_repository: Annotated[str, StringConstraints(pattern=r"^https://[^\s?#]+[^/\s?#]$")] | None = Field(
        default=None,
        description="Where the sources are kept on GitHub (or a host that works like it), e.g. "
        "https://github.com/OWNER/REPO: the set-up page links to its 'new file' and 'edit file' pages, so that a "
        "school's change arrives as a pull request. Leave out to offer only the download.",
    )
    source_branch: Text = Field(default="main", description="The branch schools' changes are proposed to.")
    statement_kinds: list[StatementKind] = Field(
        default_factory=lambda: list(DEFAULT_STATEMENT_KINDS), min_length=1,
        description="The kinds of framework statement, in the order pages group them, each with its stem as "
        "printed. Leave out for 'Learn that…' (learn-that) and 'Learn how to…' (learn-how-to).",
    )


class Phase(Model):
    id: Id
    name: Text = Field(description="The phase's name as shown on tabs and headings.")
    markers: list[Text] = Field(
        default_factory=list,
        description="Words that give this phase away (year groups, key stages, qualifications, settings): "
        "check.py reports each in text not tagged for this phase. See content/README.md for how they match.",
    )
    uses_markers_of: list[Id] = Field(
        default_factory=list,
        description="Phases whose markers text for this phase may use too, e.g. a special school's 'Year 9'.",
    )


class PhaseList(Model):
    """phases.yml: the phases and settings a scenario can be written for."""

    phases: list[Phase] = Field(description="Every phase, in the order tabs show them.", min_length=1)


class Module(Model):
    code: ModuleCode = Field(description="The module's letter, A to F: its id, used by files and school.yml.")
    title: Text = Field(description="The module's title, e.g. 'Assessment for Learning'.")
    number: int | None = Field(
        default=None, ge=1, le=99,
        description="The module's number as the provider prints it: 4 shows 'Module 4: …' in every header "
        "and text. Leave out to call the module by its letter ('Module E: …'). Number every module, or none.",
    )
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
    def name(self) -> str:
        """The module as text names it: 'Module 4' when the provider numbers its modules, else 'Module E'."""
        return f"Module {self.number or self.code}"

    @property
    def label(self) -> str:
        """The module as headers show it: 'Module 4: Making productive use of assessment'."""
        return f"{self.name}: {self.title}"


class ModuleList(Model):
    """modules.yml: the six modules."""

    modules: list[Module] = Field(description="The six modules A–F.", min_length=6, max_length=6)


class StatementKind(Model):
    id: Id = Field(description="The kind's id, as statements name it, e.g. learn-that.")
    stem: Text = Field(description="The stem as the framework prints it above its statements, e.g. 'Learn that…'.")
    codes: Literal["numbered", "lettered", "any"] = Field(
        default="any",
        description="How its codes are written: numbered (6.3), lettered (6.a, 6I) or any. check.py compares.",
    )


# The framework's own stems; programme.yml's statement_kinds sets other wording once for every page.
DEFAULT_STATEMENT_KINDS = (
    StatementKind(id="learn-that", stem="Learn that…", codes="numbered"),
    StatementKind(id="learn-how-to", stem="Learn how to…", codes="lettered"),
)


class Statement(Model):
    code: StatementCode
    kind: Id = Field(
        description="The statement's kind, from programme.yml's statement_kinds: by default learn-that "
        "('Learn that…') or learn-how-to ('Learn how to…')."
    )
    group: Id | None = Field(
        default=None, description="A group of this standard (groups:) the statement is printed under, if any."
    )
    text: Text = Field(description="The statement in our own short wording, read after its stem.")


class StatementGroup(Model):
    id: Id
    stem: Text = Field(
        description="The group's stem as the framework prints it, e.g. 'Develop as a professional, by…'."
    )


class Standard(Model):
    """framework/ID.yml: one standard of the framework and the statements pages cite from it."""

    id: Id = Field(description="Taken from the file name, e.g. standard-6.")
    number: int = Field(description="The standard's number, 1 to 8.", ge=1, le=8)
    title: Text = Field(description="The standard's title, e.g. 'Make accurate and productive use of assessment'.")
    heading: Text | None = Field(
        default=None, description="The heading as the framework prints it, if not 'Standard N: title'."
    )
    groups: list[StatementGroup] = Field(
        default_factory=list,
        description="Statements the framework prints under a stem of their own within their kind, such as the "
        "professional behaviours ('Develop as a professional, by…').",
    )
    statements: list[Statement] = Field(description="The statements of this standard that pages cite.", min_length=1)

    @property
    def shown_heading(self) -> str:
        return self.heading or f"Standard {self.number}: {self.title}"


class Webinar(Model):
    term: Literal["Autumn", "Spring", "Summer"] = Field(description="Autumn, Spring or Summer.")
    title: Text = Field(description="The webinar's title, in our words.")
    description: Text = Field(description="One sentence on what it covers.")
    subject_phase_specific: bool = Field(
        default=False, description="True when it is held in subject or phase groups: shown as a flag.")
    when: Text | None = Field(
        default=None, description="When it happens, if the table's term or half term is not enough, "
        "e.g. 'once in Autumn 1': shown as a flag.")


class Seminar(Model):
    """A seminar: its title, or {title: …, subject_phase_specific: true, when: …} to add flags."""

    model_config = ConfigDict(json_schema_extra=_text_or_mapping)

    title: Text = Field(description="The seminar's focus.")
    subject_phase_specific: bool = Field(
        default=False, description="True when it is held in subject or phase groups: shown as a flag.")
    when: Text | None = Field(
        default=None, description="When it happens, if the table's term or half term is not enough, "
        "e.g. 'once in Autumn 1': shown as a flag.")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: object) -> object:
        if isinstance(data, str):
            return {"title": data}
        if isinstance(data, dict) and len(data) == 1 and "title" not in data:
            raise PydanticCustomError("string_type", "expected text")  # `- Focus: …` read as a key by YAML
        return data


class TimeCommitment(Model):
    activity: Text = Field(description="What the time is for, e.g. 'Mentoring'.")
    minutes: int | None = Field(
        default=None, ge=1, description="Minutes each time, shown as written: 90 shows '90 minutes'. "
        "Give minutes or hours, not both.")
    hours: float | None = Field(
        default=None, gt=0, le=100, description="Hours each time, shown as written: 4.5 shows '4.5 hours'. "
        "Give hours or minutes, not both.")
    frequency: Literal["once", "weekly", "fortnightly", "half-termly", "termly"] = Field(
        description="How often: once, weekly, fortnightly, half-termly or termly."
    )
    counts_as: Literal["mentoring", "induction", "seminar", "subject-and-phase-session", "webinar"] | None = Field(
        default=None,
        description="What the school's schedule and time budget count this as: mentoring (each meeting), induction "
        "(once, in the year's first half term), seminar, subject-and-phase-session or webinar. Leave it out for "
        "self-study: the budget counts the studies' own minutes.",
    )
    half_term: Literal[1, 2] | None = Field(
        default=None, description="A termly activity falls in the term's first (1) or second (2) half term; default 1."
    )

    @property
    def in_minutes(self) -> int:
        """The time each time takes, in minutes, however it is written (the schedule and budget count in minutes)."""
        return self.minutes if self.minutes is not None else round((self.hours or 0) * 60)


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
    seminars: list[Seminar] = Field(
        default_factory=list, description="Seminar focus per half term, in fixed order (six, or none); each its "
        "title, or {title: …, subject_phase_specific: true} with its flags."
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
    mentor_support_minutes: Minutes | None = Field(
        default=None, description="A mentor's reading of the mentor support for one study, counted in the time "
        "budget where a study's mentor support is not yet published."
    )


class YearList(Model):
    """years.yml: the two years of the programme."""

    years: list[Year] = Field(description="Year 1 and year 2.", min_length=2, max_length=2)


class SchoolYearPattern(Model):
    """school-year.yml: a typical school year in England, for a school that gives no term dates or timetable."""

    teaching_weeks: list[Annotated[int, Field(ge=1, le=10)]] = Field(
        min_length=6, max_length=6, description="The weeks of each half term, Autumn 1 to Summer 2; the school "
        "year's first week is the week of 1 September (the week after, when 1 September is a Friday or a weekend)."
    )
    holiday_weeks: list[Annotated[int, Field(ge=0, le=4)]] = Field(
        min_length=5, max_length=5, description="The weeks of holiday after each half term but the last."
    )
    full_timetable_hours: float = Field(
        ge=1, le=40, description="A full timetable's hours of teaching a week, for a school that does not give its own."
    )
    note: Text = Field(description="Why this pattern, in a sentence or two: shown on every schedule that uses it.")


class GlossaryTerm(Model):
    term: Text = Field(description="The term in full, e.g. 'Early career teacher'.")
    abbreviation: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9-]+$")] | None = Field(
        default=None, description="The short form; it gets a tooltip on every page where it appears."
    )
    definition: Text = Field(description="One plain sentence saying what it means.")
    phases: list[Id] = Field(
        default_factory=list,
        description="Only for sites with one of these phases (ids from phases.yml); leave out for every site.",
    )


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
    feedback: Text | None = Field(
        default=None,
        description="Feedback on the option, in Markdown: why it helps, what to watch for. Give it for every "
        "option of a set, or for none.",
    )


REPEAT = "repeat"


class Scenario(Model):
    phase: Id = Field(description="The phase this scenario is for: an id from phases.yml.")
    teacher: Text = Field(description="The teacher's title and surname, e.g. Mr Haddad.")
    role: Text = Field(description="A short phrase shown after the name, e.g. 'Year 4 class teacher': "
                       "not a sentence (the situation tells the story).")
    situation: Text = Field(description="The situation, in Markdown: usually two short paragraphs.")
    prompt: Text = Field(description="Your prompt after the situation at the start: what to think about while "
                         "reading the study.")
    revisit: Text = Field(
        default=REPEAT,
        description="How the situation returns at the end: repeat (the default) shows it again in full; "
        "or write a short summary in Markdown.",
    )
    options_intro: Text | None = Field(
        default=None, description="This scenario's own line before the options (the set's options_intro otherwise)."
    )
    reflection: Text = Field(description="The reflection prompt after the options, as readers should see it: "
                             "the page adds no label of its own.")
    options: list[ReflectionOption] = Field(
        min_length=3, max_length=3, description="Three options, one of each kind, shown as A, B, C."
    )


class ScenarioSet(Model):
    """scenarios/ID.yml: one scenario per phase."""

    id: Id = Field(description="Taken from the file name.")
    title: Text = Field(description="The set's title (for writers; not shown on pages).")
    options_intro: Text = Field(
        description="The line that leads into options A, B and C at the end, e.g. 'Here are some options to "
        "help you reflect:'. A scenario may have its own."
    )
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
    minutes: Timing | None = Field(
        default=None, description="Estimated minutes as written: a number (8) or a range (5-8). Leave out if untimed."
    )
    choose_one: Id | None = Field(
        default=None,
        description="Sections with the same choose_one name are alternatives (e.g. one per focus area): "
        "the reader takes one, so the total counts the longest of them once.",
    )


def timed_minutes(sections: list[Section] | tuple[Section, ...]) -> tuple[int, int]:
    """What the timed sections add up to, as (fewest, most) minutes: untimed sections count nothing, and
    a choose-one group counts its longest alternative once."""
    low = high = 0
    groups: dict[str, tuple[int, int]] = {}
    for section in sections:
        if section.minutes is None:
            continue
        if section.choose_one is None:
            low, high = low + section.minutes.low, high + section.minutes.high
        else:
            group_low, group_high = groups.get(section.choose_one, (0, 0))
            groups[section.choose_one] = (max(group_low, section.minutes.low), max(group_high, section.minutes.high))
    return low + sum(g[0] for g in groups.values()), high + sum(g[1] for g in groups.values())


class ExampleSlot(Model):
    id: Id = Field(description="The slot's id, as in {{ example_slot(\"ID\") }} and in a school's examples.")
    guidance: Text = Field(
        description="What the school should add in this slot, in Markdown: shown on the national site with the "
        "programme's general guidance, and listed in each school's report while the slot is empty."
    )


class Body(Model):
    """The Markdown body of a page and where it starts in its file."""

    text: str
    first_line: int = Field(description="The file line the body starts on.")
    lines: tuple[int, ...] = Field(
        default=(), description="The file line of each line of text, once contextualising has left passages out."
    )

    def file_line(self, line: int) -> int:
        """The file line of a line of the text, counting from 1."""
        if self.lines:
            return self.lines[min(max(line, 1), len(self.lines)) - 1]
        return self.first_line + line - 1


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
    minutes: Minutes = Field(
        description="The study's total as readers see it ('about 45 minutes'): check.py warns when the timed "
        "sections disagree with it by more than a fifth (at least 5 minutes)."
    )
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
    example_slots: list[ExampleSlot] = Field(
        default_factory=list, description="Every example slot the body shows, each with its own guidance for schools."
    )
    sections: list[Section] = Field(
        description="The study's sections, in body order, each with its minutes (8 or 5-8) or untimed.", min_length=1
    )
    body: Body
    source: str = Field(description="The file the study came from.")

    def example_slot(self, slot_id: str) -> ExampleSlot | None:
        return next((slot for slot in self.example_slots if slot.id == slot_id), None)


class MentorSupport(Model):
    """mentor-support/ID.md front matter: mentor support for one self-study."""

    id: Id = Field(description="Taken from the file name.")
    aligned_study: Id = Field(description="The id of the self-study this page supports.")
    meeting_template: StudyMeetingTemplate | None = Field(
        default=None, description="This study's own meeting template, or rows added to the programme's."
    )
    minutes: Minutes = Field(description="The page's reading time as readers see it; the sections are checked "
                             "against it, as a study's are.")
    sections: list[Section] = Field(
        description="The page's sections, in body order, each with its minutes (8 or 5-8) or untimed.", min_length=1
    )
    body: Body
    source: str


class AnswerBox(Model):
    label: Text = Field(description="What to write here, e.g. 'Strengths' or 'Date'.")
    lines: int = Field(default=3, ge=1, le=20, description="How many ruled lines it has on screen and on paper.")


class MeetingRow(Model):
    id: Id
    title: Text = Field(description="The step's name, e.g. 'Praise strengths'.")
    guidance: Text = Field(description="What the mentor does at this step, in Markdown.")
    prompts: list[Text] = Field(default_factory=list, description="Questions to ask at this step, shown as a list.")
    steps: list[Text] = Field(default_factory=list, description="Numbered sub-steps, in order.")
    criteria: list[Text] = Field(
        default_factory=list, description="Criteria to check this step against, e.g. what makes an action precise."
    )
    boxes: list[AnswerBox] = Field(
        default_factory=list,
        description="Labelled spaces to write in. Leave out for one space for notes.",
    )


class MeetingTemplate(Model):
    """templates/mentor-ect-meeting.yml: the mentor–ECT meeting template."""

    id: Id = Field(description="Taken from the file name.")
    title: Text = Field(description="The template's title.")
    introduction: Text = Field(description="A short paragraph on how to use the template, in Markdown.")
    rows: list[MeetingRow] = Field(description="The steps of the meeting, in order.", min_length=1)


class StudyMeetingRow(MeetingRow):
    after: Id | None = Field(
        default=None,
        description="When extending the programme's template: the row this new row follows (the end if left out). "
        "A row with the id of one of the programme's replaces it in its place.",
    )


class StudyMeetingTemplate(Model):
    extends: Id | None = Field(
        default=None,
        description="mentor-ect-meeting: start from the programme's template and add or replace rows. Leave out "
        "for a template of this study's own (then title and introduction are needed).",
    )
    title: Text | None = Field(default=None, description="The template's title (when extending: the programme's, "
                               "with the study's title).")
    introduction: Text | None = Field(default=None, description="How to use it, in Markdown (when extending: "
                                      "the programme's).")
    rows: list[StudyMeetingRow] = Field(min_length=1, description="The template's rows; when extending, the rows "
                                        "added to or replaced in the programme's.")


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
    elements: list[Id] = Field(
        min_length=1, max_length=2,
        description="The session elements this activity uses, one or two (session-elements.yml); each must be in "
        "the session's elements.")
    lead_in: Text | None = Field(default=None, description="A paragraph leading into the activity, in Markdown.")
    mentor_could: list[Text] = Field(min_length=1, description="Things the mentor could do.")


class TheoryToPractice(Model):
    minutes: Minutes
    introduction: Text | None = Field(
        default=None, description="A paragraph introducing the activities, in Markdown, shown before them.")
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
    elements: list[Id] = Field(
        min_length=1, description="The session elements used (session-elements.yml): every element the "
        "activities use, and no other.")
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


class WritingSpace(Model):
    id: Id = Field(description="Unique within the interaction: the browser keeps what is written under it.")
    label: Text = Field(description="What to write, e.g. 'The action step we agreed'.")
    guidance: Text | None = Field(default=None, description="One optional sentence of help.")
    lines: int = Field(default=3, ge=1, le=20, description="How many ruled lines to print for the answer.")


WRITING_DESCRIPTION = "Spaces to write in, on screen (kept in this browser) or on paper."


class InteractionPart(Model):
    heading: Text = Field(description="The part's sub-heading, e.g. 'Setting the action step'.")
    text: Text | None = Field(default=None, description="What happens in this part, in Markdown.")
    prompts: list[Text] = Field(default_factory=list, description="Questions to ask in this part.")
    writing: list[WritingSpace] = Field(default_factory=list, description=WRITING_DESCRIPTION)


class DeliberatePractice(Model):
    introduction: Text | None = Field(default=None, description="A sentence or two before the steps, in Markdown.")
    steps: list[Text] = Field(min_length=2, description="The numbered steps of the practice, in order.")


class ExpertSetup(Model):
    text: Text = Field(description="How to arrange for the ECT to engage with an expert, in Markdown.")
    forms: list[Id] = Field(default_factory=list, description="The proformas to use (ids from forms/), linked.")
    writing: list[WritingSpace] = Field(default_factory=list, description=WRITING_DESCRIPTION)


class Interaction(Model):
    stage: Literal["refocus", "develop", "integrate"] = Field(description="refocus, develop or integrate.")
    number: int = Field(ge=1, le=6, description="1 to 6, in order.")
    title: Text = Field(description="The interaction's title.")
    focus: Text = Field(description="One line: what this interaction is for.")
    checklist: list[Task] = Field(min_length=1, description="Things to do, ticked off as you go.")
    prompts: list[Text] = Field(default_factory=list, description="Questions to ask.")
    parts: list[InteractionPart] = Field(
        default_factory=list, description="Parts with sub-headings, in order, after the checklist and prompts.")
    expert_setup: ExpertSetup | None = Field(
        default=None, description="Setting up 'engage with an expert' (usually Refocus 2).")
    deliberate_practice: DeliberatePractice | None = Field(
        default=None, description="Deliberate practice: numbered steps (usually Develop 3 and 5).")
    decision: Decision | None = Field(default=None, description="A decision with two branches (Integrate 4).")
    writing: list[WritingSpace] = Field(
        default_factory=list, description=WRITING_DESCRIPTION + " Shown at the end of the interaction.")
    looking_ahead: Text | None = Field(
        default=None, description="'Looking ahead': what comes next, in Markdown (usually Integrate 6).")


# The six interactions of every cycle, in order (DOMAIN.md §3f); the fourth holds the decision.
CYCLE_STAGES = ("refocus", "refocus", "develop", "integrate", "develop", "integrate")


class PlannerGroup(Model):
    half_term: Text = Field(description="One of the cycle's half terms, e.g. Autumn 1.")
    rows: list[Task] = Field(
        min_length=1, description="What happens in this half term, one row each, with a date to fill in. "
        "Each row is its text, or {id: …, text: …} to keep its date when its first words change.")


class DevelopmentCycle(Model):
    """development-cycles/ID.yml: one year-2 development cycle."""

    id: Id = Field(description="Taken from the file name.")
    number: int = Field(ge=1, le=3, description="The cycle's number, 1 to 3.")
    weeks: int = Field(ge=1, le=20, description="How many weeks the cycle lasts.")
    half_terms: list[Text] = Field(min_length=1, description="The half terms it runs over.")
    themes: list[Theme] = Field(min_length=2, max_length=2, description="Exactly two themes.")
    interactions: list[Interaction] = Field(min_length=6, max_length=6, description="The six mentor interactions.")
    planner: list[PlannerGroup] = Field(
        default_factory=list, description="The planner's rows, grouped by half term in the cycle's order, as many "
        "as the cycle has. Leave out to plan the six interactions.")


class FeedbackStage(Model):
    stage: Text = Field(description="The stage's name, e.g. Praise.")
    what_to_do: Text = Field(description="What the mentor does.")
    example_phrases: list[Text] = Field(min_length=1, description="Phrases a mentor might use.")


class FeedbackModel(Model):
    """feedback-model.yml: the feedback model's stages."""

    stages: list[FeedbackStage] = Field(min_length=1, description="The stages, in order.")


class ActionStepExample(Model):
    kind: Literal["refine", "replace", "new-step"] = Field(
        description="refine or replace: the step was not met; new-step: it was met, and a new step follows.")
    situation: Text = Field(description="What happened when the ECT tried the step.")
    before: ActionStep = Field(description="The step as first set.")
    after: ActionStep = Field(description="The step refined or replaced, or the new step set after it was met.")
    success_criteria: list[Text] = Field(min_length=1, description="Observable signs of success of the 'after' step.")

    @property
    def met(self) -> bool:
        return self.kind == "new-step"


class ActionStepExamples(Model):
    """action-step-examples.yml: worked examples of action steps met (a new step) and not met (refined or replaced)."""

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
    school_year: SchoolYearPattern
    images: dict[str, bytes] = Field(default_factory=dict)  # image files beside the content, by path in content/

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
DateText = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    WithJsonSchema({"type": "string", "format": "date", "description": "A date written YYYY-MM-DD, e.g. 2026-09-02."}),
]


class TermDates(Model):
    half_term: HalfTerm = Field(description="Autumn 1, Autumn 2, Spring 1, Spring 2, Summer 1 or Summer 2.")
    first_day: DateText = Field(description="The half term's first school day, written YYYY-MM-DD.")
    last_day: DateText = Field(description="The half term's last school day, written YYYY-MM-DD.")


class EctStart(Model):
    year: Literal[1, 2] = Field(default=1, description="The year of induction the ECT starts here: 1, or 2.")
    half_term: HalfTerm = Field(
        default="Autumn 1",
        description="The half term they start it (an ECT who joins late still takes module A first).",
    )
    school_year: Text = Field(description="The school year they start it in, e.g. 2026-27.")


class Planning(Model):
    """The ECT's start, the school's term dates and timetable: the schedule page, calendar and time budget."""

    ect_starts: EctStart = Field(
        description="When the ECT starts: {year: 1, half_term: Autumn 1, school_year: 2026-27}."
    )
    timetable_hours: float | None = Field(
        default=None, ge=1, le=40,
        description="A full timetable at this school, in hours of teaching a week (the ECT's time off timetable is "
        "a share of it). Leave out to use the typical figure in content/school-year.yml.",
    )
    meeting_day: Literal["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"] | None = Field(
        default=None,
        description="The day of the week mentor meetings are dated on; default: each week's first school day.",
    )
    term_dates: list[TermDates] = Field(
        default_factory=list,
        description="The first and last school day of each half term, whole school years (Autumn 1 to Summer 2) in "
        "order. A school year not listed uses the typical pattern in content/school-year.yml.",
    )


class SchoolFile(Model):
    """schools/SLUG/school.yml: one school's context."""

    name: Text = Field(description="The school's name, shown on every page.")
    phases: list[Id] = Field(min_length=1, description="The phases the school has: ids from content/phases.yml.")
    module_order: list[Text | int] | None = Field(
        default=None,
        description="Year-1 module order: six modules, the first module first, each as its letter, its title, "
        "its name ('Module 4') or its number. "
        "Leave out to use the programme's default order.",
    )
    examples: dict[Text, dict[Id, Text | Example]] = Field(
        default_factory=dict,
        description="The school's own examples: page id (or the page's title, in quotes) → slot id → Markdown "
        "text, the path of a .md file in the school's folder, or a block with `file` or `text`, `author` and `date`.",
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
    planning: Planning | None = Field(
        default=None, description="The ECT's start, term dates and timetable, for the schedule and the time budget. "
        "Leave out to plan with the typical school year and an ECT starting year 1 this September."
    )


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
    planning: Planning | None = None
    source: str
    credits: dict[str, dict[str, ExampleCredit]] = {}  # page id → slot id → who wrote the example, and when
    reviewed: dict[str, dict[str, ReviewedExample]] = {}  # from reviewed.yml: see safety/stale_examples.py
    logo: SchoolLogo | None = None  # checked (pipeline/brand.py)
    accent_colour: str | None = None  # '#rrggbb', checked for contrast (pipeline/brand.py)
