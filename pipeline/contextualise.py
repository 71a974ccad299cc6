"""Stage 3: contextualise. A pure function from (programme, school) to what that school publishes.

Nothing of a phase the school does not have survives here, so nothing later in the pipeline
can show it: the scenario sets, phase example sets, glossary and phase list keep only the kept
phases, and every text (Markdown bodies and YAML text alike) loses the passages tagged for other
phases or for the national edition only (pipeline/passages.py). Passages for mentors inside a
self-study leave the ECT's page and are kept for its mentor page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from pipeline import model, passages


@dataclass(frozen=True)
class RemovedPhase:
    phase: model.Phase
    scenarios: int  # how many scenarios were removed for it
    examples: int  # how many phase examples were removed for it
    passages: int = 0  # how many tagged passages of prose were removed for it


@dataclass(frozen=True)
class Removal:
    """One thing a school's site leaves out: where it was, what it was, and the phases it was for."""

    where: str  # the writer's file, e.g. content/self-studies/x.md, or a kind and id, e.g. scenario set x
    what: str  # "scenario", "phase example", "passage", "sentence", "glossary term", "item"
    phases: tuple[str, ...]  # the phases it was for (empty: the national edition only)
    line: int = 0  # its line in the writer's file, where known


@dataclass(frozen=True)
class MentorNote:
    """A passage for mentors in a self-study, shown on the study's mentor page."""

    section: str  # the id of the study's section it is in ("" before the first)
    label: str | None  # its phases, when the site has others too
    markdown: str


@dataclass(frozen=True)
class SchoolProgramme:
    """The programme as one school publishes it."""

    programme: model.Programme  # phases, sets and every text hold only what the school keeps
    slug: str  # "" for the national site
    name: str
    module_order: tuple[model.Module, ...]
    examples: dict[str, dict[str, str]] = field(default_factory=dict)
    removed: tuple[RemovedPhase, ...] = ()
    school: model.School | None = None
    removals: tuple[Removal, ...] = ()  # everything left out, item by item (empty for the national site)
    mentions: tuple[str, ...] = ()  # the words of every deliberate mention ([[all: …]]) the site shows
    # framework statements the national programme covers and this site does not, with the pages covering them
    coverage_lost: tuple[tuple[str, tuple[str, ...]], ...] = ()
    mentor_notes: dict[str, tuple[MentorNote, ...]] = field(default_factory=dict)  # by self-study id

    @property
    def is_national(self) -> bool:
        return self.school is None

    @property
    def phases(self) -> tuple[model.Phase, ...]:
        return self.programme.phases


def covered_statements(programme: model.Programme) -> dict[str, list[str]]:
    """Each framework statement the programme covers, with the pages that cover it."""
    covered: dict[str, list[str]] = {}
    for study in sorted(programme.self_studies.values(), key=lambda s: s.id):
        for code in study.statements:
            covered.setdefault(code, []).append(programme.study_title(study))
    for session in sorted(programme.mentor_sessions.values(), key=lambda s: s.id):
        for code in session.learning_intentions:
            covered.setdefault(code, []).append(f"mentor session: {session.title}")
    return covered


def coverage_lost(national: model.Programme, school_view: model.Programme) -> tuple[tuple[str, tuple[str, ...]], ...]:
    have = covered_statements(school_view)
    return tuple((code, tuple(pages)) for code, pages in sorted(covered_statements(national).items())
                 if code not in have)


def edition(programme: model.Programme, school: model.School | None) -> passages.Edition:
    kept = [p.id for p in programme.phases if school is None or p.id in school.phases]
    return passages.Edition(tuple(kept), {p.id: p.name for p in programme.phases}, national=school is None)


# The same (programme, school) is contextualised by check (its guards), by the build and by the list of
# reserved names in one run: remember the last few results (the function is pure, the models frozen).
_recent: list[tuple[model.Programme, model.School | None, SchoolProgramme]] = []


def _remembered(programme: model.Programme, school: model.School | None) -> SchoolProgramme | None:
    return next((sp for p, s, sp in _recent if p is programme and s == school), None)


def _remember(programme: model.Programme, school: model.School | None, sp: SchoolProgramme) -> SchoolProgramme:
    _recent.insert(0, (programme, school, sp))
    del _recent[4:]
    return sp


def national(programme: model.Programme) -> SchoolProgramme:
    """The national site: every phase, the default order, guidance in every example slot."""
    if (remembered := _remembered(programme, None)) is not None:
        return remembered
    view, found = _texts(programme, edition(programme, None))
    return _remember(programme, None, SchoolProgramme(
        programme=view, slug="", name=programme.info.name,
        module_order=tuple(programme.module(code) for code in programme.info.default_module_order),
        mentor_notes=found.notes, mentions=tuple(found.mentions),
    ))


def _keep_phases(sets: dict, field: str, set_name: str, item_name: str, kept: set[str],
                 removals: list[Removal]) -> dict:
    """Each set with only the items (scenarios, phase examples) for the kept phases; what went, in `removals`."""
    found = {}
    for set_id, item_set in sets.items():
        items = getattr(item_set, field)
        removals += [Removal(f"{set_name} {set_id}", item_name, (i.phase,)) for i in items if i.phase not in kept]
        found[set_id] = item_set.model_copy(update={field: [i for i in items if i.phase in kept]})
    return found


def contextualise(programme: model.Programme, school: model.School | None) -> SchoolProgramme:
    """Keep what the school publishes: its phases' scenarios and passages, its module order, its examples."""
    if school is None:
        return national(programme)
    if (remembered := _remembered(programme, school)) is not None:
        return remembered
    kept = set(school.phases)
    removals: list[Removal] = []
    scenario_sets = _keep_phases(programme.scenario_sets, "scenarios", "scenario set", "scenario", kept, removals)
    phase_example_sets = _keep_phases(programme.phase_example_sets, "examples", "phase example set",
                                      "phase example", kept, removals)
    glossary = tuple(t for t in programme.glossary if not t.phases or kept & set(t.phases))
    removals += [Removal("glossary", "glossary term", tuple(t.phases)) for t in programme.glossary
                 if t not in glossary]
    school_view = programme.model_copy(update={
        "phases": tuple(p for p in programme.phases if p.id in kept),
        "scenario_sets": scenario_sets,
        "phase_example_sets": phase_example_sets,
        "glossary": glossary,
    })
    school_view, found = _texts(school_view, edition(programme, school))
    removals += found.removals
    removed = tuple(
        RemovedPhase(
            phase,
            scenarios=sum(r.what == "scenario" and phase.id in r.phases for r in removals),
            examples=sum(r.what == "phase example" and phase.id in r.phases for r in removals),
            passages=sum(r.what in ("passage", "sentence") and phase.id in r.phases for r in removals),
        )
        for phase in programme.phases
        if phase.id not in kept
    )
    examples = {}
    for page, slots in school.examples.items():
        for slot, text in slots.items():
            words, mentions = passages.strip_allowed(text)
            examples.setdefault(page, {})[slot] = words
            found.mentions.extend(mentions)
    return _remember(programme, school, SchoolProgramme(
        programme=school_view, slug=school.slug, name=school.name,
        module_order=tuple(programme.module(code) for code in school.module_order),
        examples=examples, removed=removed, school=school, removals=tuple(removals), mentor_notes=found.notes,
        mentions=tuple(found.mentions), coverage_lost=coverage_lost(programme, school_view),
    ))


# ---- every text, as the edition shows it ------------------------------------------------------------


@dataclass
class _Found:
    """What rendering every text found: what it removed, the deliberate mentions it kept, notes for mentors."""

    removals: list[Removal] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    notes: dict[str, tuple[MentorNote, ...]] = field(default_factory=dict)

    def note(self, rendered: passages.Rendered, where: str, first_line: int | None) -> None:
        """`first_line`: the file line the text starts on (None: not known)."""
        self.removals.extend(Removal(where, "passage" if p.block else "sentence", p.phases,
                                     first_line + p.line if first_line is not None else 0)
                             for p in rendered.removed)
        self.mentions.extend(" ".join(words.split()) for words in rendered.mentions)


def _texts(programme: model.Programme, shown: passages.Edition) -> tuple[model.Programme, _Found]:
    """Every text of the programme rendered for `shown`, and what that found."""
    found = _Found()
    updates: dict[str, Any] = {}
    for name, value in programme:
        if name == "phases":
            continue  # ids and names: never tagged
        if name == "self_studies":
            new = {}
            for study_id, study in value.items():
                body = _study_body(study, shown, found)
                new[study_id] = _walk(study if body is study.body else study.model_copy(update={"body": body}),
                                      shown, found, study.source)
        elif isinstance(value, dict):
            new = {key: _walk(item, shown, found, getattr(item, "source", None) or f"{_where(name)} {key}")
                   for key, item in value.items()}
        else:
            new = _walk(value, shown, found, _where(name))
        if isinstance(new, dict) and all(new[key] is value[key] for key in value):
            continue
        if new is not value:
            updates[name] = new
    return (programme.model_copy(update=updates) if updates else programme), found


def _where(field_name: str) -> str:
    return field_name.replace("_", " ").removesuffix("s")


def _study_body(study: model.SelfStudy, shown: passages.Edition, found: _Found) -> model.Body:
    """The ECT's page without the passages for mentors; those go to `found.notes`, for the mentor page."""
    body = study.body
    parsed = passages.parse(body.text, body.first_line)
    rendered = passages.render(body.text, shown, parsed)
    found.note(rendered, study.source, body.first_line)
    notes = []
    for passage in rendered.moved:
        text, line = passages.snippet(parsed, passage)
        inner = passages.render(text, shown.for_mentors())
        found.note(inner, study.source, body.first_line + line)
        notes.append(MentorNote(passages.section_at(body.text, passage.start) or "",
                                shown.label(passages.phase_tags(passage.tags)), inner.text.strip()))
    if notes:
        found.notes[study.id] = tuple(notes)
    return _body(body, rendered)


def _body(body: model.Body, rendered: passages.Rendered) -> model.Body:
    if rendered.text == body.text:
        return body
    lines = tuple(body.file_line(line + 1) for line in rendered.lines)
    return body.model_copy(update={"text": rendered.text, "lines": lines})


def _walk(value: Any, shown: passages.Edition, found: _Found, where: str) -> Any:
    """`value` with every text rendered for the edition; list items left empty by it are dropped."""
    if isinstance(value, str):
        if not passages.has_passages(value):
            return value
        rendered = passages.render(value, shown)
        found.note(rendered, where, None)
        return rendered.text.strip("\n") if rendered.text != value else value
    if isinstance(value, model.Body):
        if not passages.has_passages(value.text):
            return value
        rendered = passages.render(value.text, shown, passages.parse(value.text, value.first_line))
        found.note(rendered, where, value.first_line)
        return _body(value, rendered)
    if isinstance(value, BaseModel):
        updates = {name: new for name, old in value if (new := _walk(old, shown, found, where)) is not old}
        return value.model_copy(update=updates) if updates else value
    if isinstance(value, (list, tuple)):
        items = [(old, _walk(old, shown, found, where)) for old in value]
        kept = [new for old, new in items if not _emptied(old, new)]
        found.removals.extend(Removal(where, "item", ()) for _ in range(len(items) - len(kept)))
        if len(kept) == len(items) and all(old is new for old, new in items):
            return value
        return type(value)(kept)
    if isinstance(value, dict):
        new_dict = {key: _walk(item, shown, found, where) for key, item in value.items()}
        return value if all(new_dict[key] is value[key] for key in value) else new_dict
    return value


def _emptied(old: Any, new: Any) -> bool:
    """An item that had words and has none left: a text, or an item whose required text is now empty."""
    if isinstance(old, str):
        return bool(old.strip()) and not new.strip()
    if isinstance(old, BaseModel) and new is not old:
        return any(isinstance(getattr(old, name), str) and getattr(old, name).strip()
                   and not getattr(new, name).strip()
                   for name, info in type(old).model_fields.items() if info.is_required())
    return False
