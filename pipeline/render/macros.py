"""The writers' macro vocabulary: every macro a page may call, written once.

Each macro is a function of the page it is on (`Here`) and its quoted arguments, returning
Markdown. The registry below is the only list of macros: validation reads the names and
arguments from it (pipeline/vocabulary.py), the sandbox gives pages exactly these functions,
mkdocs-macros registers them (macros/__init__.py) and content/README.md documents them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pipeline import model
from pipeline.contextualise import SchoolProgramme
from pipeline.render import furniture, parts, tables
from pipeline.render.parts import PageContext
from pipeline.sequence import resolve_module_order


@dataclass(frozen=True)
class Here:
    """The page a macro is called on, in the school's programme."""

    sp: SchoolProgramme
    page: PageContext

    @property
    def study(self) -> model.SelfStudy:
        if self.page.study is None:
            raise ValueError(f"this macro works only on a self-study or mentor page, not on {self.page.src}")
        return self.page.study


@dataclass(frozen=True)
class Macro:
    name: str
    arguments: tuple[str, ...]  # what each quoted argument is, for messages
    handbook: bool  # True: a handbook macro (tables from the data); False: a self-study and mentor page macro
    render: Callable[..., str]


MACROS: dict[str, Macro] = {}


def _macro(*arguments: str, handbook: bool = False) -> Callable[[Callable[..., str]], Callable[..., str]]:
    def register(function: Callable[..., str]) -> Callable[..., str]:
        MACROS[function.__name__] = Macro(function.__name__, arguments, handbook, function)
        return function
    return register


# ---- self-studies and mentor pages ------------------------------------------------------------

@_macro("section id")
def section(here: Here, section_id: str) -> str:
    if here.page.page is None or isinstance(here.page.page, model.HandbookChapter):
        raise ValueError("section() works only on a self-study or mentor page")
    return parts.section_heading(here.page.page, section_id)


@_macro('"start" or "end"')
def scenarios(here: Here, moment: str) -> str:
    return parts.scenarios(here.sp, here.study, moment, with_notes=here.page.kind == "study",
                           for_mentor=here.page.kind == "mentor")


@_macro("ingredient set id")
def ingredients(here: Here, set_id: str) -> str:
    return parts.ingredients(here.sp, set_id)


@_macro("phase example set id")
def phase_examples(here: Here, set_id: str) -> str:
    return parts.phase_examples(here.sp, set_id)


@_macro("slot id")
def example_slot(here: Here, slot_id: str) -> str:
    if not isinstance(here.page.page, model.SelfStudy):
        raise ValueError("example_slot() works only on a self-study")
    return parts.example_slot(here.sp, here.page.page, slot_id)


@_macro()
def look_fors(here: Here) -> str:
    return parts.look_fors(here.study)


@_macro()
def suggested_actions(here: Here) -> str:
    return parts.suggested_actions(here.sp, here.study, with_ingredients=here.page.kind == "mentor")


@_macro()
def statements(here: Here) -> str:
    return parts.statements(here.sp, here.study.statements, here.page.src)


@_macro()
def meeting_template(here: Here) -> str:
    return parts.meeting_template_link(here.page.src, here.sp, here.page.study)


@_macro()
def mentor_notes(here: Here) -> str:
    if here.page.kind != "mentor":
        raise ValueError("mentor_notes() works only on a mentor support page")
    return parts.mentor_notes(here.sp, here.study)


@_macro()
def module_list(here: Here) -> str:
    return parts.module_list(here.sp, here.page.src)


@_macro()
def study_times(here: Here) -> str:
    return furniture.study_times(here.sp)


@_macro()
def masthead(here: Here) -> str:
    return furniture.masthead(here.sp, here.page.src)


ACCESSIBILITY_PARTS = {"status": furniture.compliance_status, "issues": furniture.known_issues,
                       "contact": furniture.accessibility_contact, "tested": furniture.accessibility_tested}


@_macro('"status", "issues", "contact" or "tested"')
def accessibility(here: Here, part: str) -> str:
    if part not in ACCESSIBILITY_PARTS:
        raise ValueError(f"accessibility() shows one of: {', '.join(ACCESSIBILITY_PARTS)}, not '{part}'")
    return ACCESSIBILITY_PARTS[part](here.sp)


# ---- the induction-tutor handbook: tables generated from the data --------------------------------

@_macro(handbook=True)
def contacts(here: Here) -> str:
    return tables.contacts(here.sp)


@_macro(handbook=True)
def module_sequence(here: Here) -> str:
    return tables.sequence(here.sp, [m.code for m in here.sp.module_order])


@_macro("module letters, e.g. A,C,E,B,F,D", handbook=True)
def sequence_example(here: Here, order: str) -> str:
    return tables.sequence(here.sp, resolve_module_order(order.split(","), here.sp.programme))


@_macro('"1" or "2"', handbook=True)
def seminar_table(here: Here, year: str) -> str:
    return tables.seminars(here.sp, int(year))


@_macro('"1" or "2"', handbook=True)
def time_commitments(here: Here, year: str) -> str:
    return tables.time_commitments(here.sp, int(year))


@_macro('"1" or "2"', handbook=True)
def webinar_table(here: Here, year: str) -> str:
    return tables.webinars(here.sp, int(year))


@_macro(handbook=True)
def electives_appendix(here: Here) -> str:
    return tables.electives_appendix(here.sp)


@_macro(handbook=True)
def focus_areas_appendix(here: Here) -> str:
    return tables.focus_areas_appendix(here.sp)


@_macro(handbook=True)
def checklist(here: Here) -> str:
    return tables.checklist(here.sp)


@_macro(handbook=True)
def key_terms(here: Here) -> str:
    return tables.key_terms(here.sp)


# Plain values a page may show, e.g. {{ school_name }}: the school's name as plain text.
VARIABLES = ("school_name", "programme_name")
