"""Rules for the mentor's materials: weekly sessions, year-2 development cycles, forms and the meeting template."""

from __future__ import annotations

from pipeline import model
from pipeline.validate.framework import statement_codes
from pipeline.validate.rules import Checking, duplicates, one_of, rule, second


def _session_file(session_id: str) -> str:
    return f"mentor-sessions/{session_id}.yml"


@rule
def session_activities_add_up_to_the_session(c: Checking) -> None:
    for session_id, session in c.programme.mentor_sessions.items():
        if session.activity_minutes != session.minutes:
            c.report(_session_file(session_id), ("minutes",), "minutes",
                     f"the activities add up to {session.activity_minutes} minutes, not {session.minutes}",
                     "make review + plan + theory_to_practice + next_steps equal the session's minutes")


@rule
def session_elements_exist(c: Checking) -> None:
    element_ids = [e.id for e in c.programme.session_elements]
    for session_id, session in c.programme.mentor_sessions.items():
        for index, element in enumerate(session.elements):
            if element not in element_ids:
                c.report(_session_file(session_id), ("elements", index), f"elements[{index}]",
                         f"'{element}' is not a session element", one_of(element_ids, element))
        for index, activity in enumerate(session.theory_to_practice.activities):
            if activity.element not in element_ids:
                c.report(_session_file(session_id), ("theory_to_practice", "activities", index, "element"),
                         f"theory_to_practice.activities[{index}].element",
                         f"'{activity.element}' is not a session element", one_of(element_ids, activity.element))


@rule
def session_learning_intentions_exist(c: Checking) -> None:
    codes = statement_codes(c)
    for session_id, session in c.programme.mentor_sessions.items():
        for index, code in enumerate(session.learning_intentions):
            if code not in codes:
                c.report(_session_file(session_id), ("learning_intentions", index), f"learning_intentions[{index}]",
                         f"there is no statement {code}", "add it to content/framework/ or correct the code")


@rule
def sessions_have_a_week_each(c: Checking) -> None:
    weeks_seen: dict[tuple[str, int], str] = {}
    for session_id, session in c.programme.mentor_sessions.items():
        key = (session.module, session.week)
        if key in weeks_seen:
            c.report(_session_file(session_id), ("week",), "week",
                     f"module {session.module} week {session.week} is also {weeks_seen[key]}",
                     "give each session its own week")
        weeks_seen[key] = c.shown(_session_file(session_id))


@rule
def cycles_are_numbered_once_each(c: Checking) -> None:
    numbers: dict[int, str] = {}
    for cycle_id, cycle in c.programme.development_cycles.items():
        relative = f"development-cycles/{cycle_id}.yml"
        if cycle.number in numbers:
            c.report(relative, ("number",), "number", f"cycle {cycle.number} is also {numbers[cycle.number]}",
                     "number the cycles 1, 2, 3")
        numbers[cycle.number] = c.shown(relative)


@rule
def cycle_interactions_follow_the_six_stages(c: Checking) -> None:
    expected = model.CYCLE_STAGES
    for cycle_id, cycle in c.programme.development_cycles.items():
        for index, interaction in enumerate(cycle.interactions):
            if interaction.number != index + 1 or interaction.stage != expected[index]:
                c.report(f"development-cycles/{cycle_id}.yml", ("interactions", index), f"interactions[{index}]",
                         f"interaction {index + 1} should be {expected[index]} {index + 1}, "
                         f"not {interaction.stage} {interaction.number}",
                         "keep the order Refocus 1, Refocus 2, Develop 3, Integrate 4, Develop 5, Integrate 6")


@rule
def only_integrate_4_has_a_decision(c: Checking) -> None:
    for cycle_id, cycle in c.programme.development_cycles.items():
        for index, interaction in enumerate(cycle.interactions):
            if (interaction.decision is not None) != (index == 3):
                c.report(f"development-cycles/{cycle_id}.yml", ("interactions", index),
                         f"interactions[{index}].decision",
                         "only Integrate 4 has a decision" if interaction.decision else
                         "Integrate 4 needs its decision (met / not met)",
                         "give Integrate 4 a decision with question, met and not_met")


@rule
def cycle_theme_ids_are_unique(c: Checking) -> None:
    for cycle_id, cycle in c.programme.development_cycles.items():
        for theme_id in duplicates(t.id for t in cycle.themes):
            c.report(f"development-cycles/{cycle_id}.yml", ("themes",), "themes",
                     f"the theme id '{theme_id}' appears twice", "rename one")


@rule
def form_field_ids_are_unique(c: Checking) -> None:
    for form_id, form in c.programme.forms.items():
        for field_id in duplicates(f.id for f in form.fields):
            c.report(f"forms/{form_id}.yml", ("fields",), "fields", f"the field id '{field_id}' appears twice",
                     "give each field its own id")


@rule
def meeting_template_row_ids_are_unique(c: Checking) -> None:
    row_ids = [r.id for r in c.programme.meeting_template.rows]
    for row_id in duplicates(row_ids):
        c.report("templates/mentor-ect-meeting.yml", ("rows", second(row_ids, row_id)), "rows",
                 f"the row id '{row_id}' appears twice", "give each row its own id")
