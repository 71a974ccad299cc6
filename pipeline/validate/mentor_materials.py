"""Rules for the mentor's materials: weekly sessions, year-2 development cycles, forms and the meeting template."""

from __future__ import annotations

from pipeline import model
from pipeline.load.programme import field_name
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
            for item, element in enumerate(activity.elements):
                if element not in element_ids:
                    c.report(_session_file(session_id), _activity_element(index, item),
                             f"theory_to_practice.activities[{index}].elements[{item}]",
                             f"'{element}' is not a session element", one_of(element_ids, element))


def _activity_element(activity: int, item: int) -> tuple[object, ...]:
    return ("theory_to_practice", "activities", activity, "elements", item)


@rule
def session_elements_match_the_activities(c: Checking) -> None:
    """The session's element list is what its activities use: no element missing, none extra, none twice.
    (An element that does not exist at all is reported once, by the rule above.)"""
    known = {e.id for e in c.programme.session_elements}
    for session_id, session in c.programme.mentor_sessions.items():
        file, used = _session_file(session_id), set()
        for index, activity in enumerate(session.theory_to_practice.activities):
            for item, element in enumerate(activity.elements):
                field = f"theory_to_practice.activities[{index}].elements[{item}]"
                if element not in known:
                    continue
                if element in activity.elements[:item]:
                    c.report(file, _activity_element(index, item), field, f"'{element}' is listed twice",
                             "list each element of an activity once")
                elif element not in session.elements:
                    c.report(file, _activity_element(index, item), field,
                             f"activity {index + 1} uses '{element}', which is not in the session's elements",
                             f"add {element} to elements: [{', '.join(session.elements)}]")
                used.add(element)
        for index, element in enumerate(session.elements):
            if element not in used and element in known:
                c.report(file, ("elements", index), f"elements[{index}]",
                         f"no activity uses '{element}'", "tag an activity with it, or remove it from elements")


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


def _cycle_file(cycle_id: str) -> str:
    return f"development-cycles/{cycle_id}.yml"


def _writing_spaces(interaction: model.Interaction) -> list[tuple[tuple[object, ...], model.WritingSpace]]:
    """Every writing space of an interaction, with where it is in the interaction, in page order."""
    spaces = [(("parts", p, "writing", w), space) for p, part in enumerate(interaction.parts)
              for w, space in enumerate(part.writing)]
    setup = interaction.expert_setup.writing if interaction.expert_setup else []
    spaces += [(("expert_setup", "writing", w), space) for w, space in enumerate(setup)]
    return spaces + [(("writing", w), space) for w, space in enumerate(interaction.writing)]


@rule
def cycle_writing_spaces_have_an_id_each(c: Checking) -> None:
    """What a reader writes is kept under the space's id: two spaces with one id would share it."""
    for cycle_id, cycle in c.programme.development_cycles.items():
        for index, interaction in enumerate(cycle.interactions):
            spaces = _writing_spaces(interaction)
            ids = [space.id for _, space in spaces]
            for space_id in duplicates(ids):
                where = spaces[second(ids, space_id)][0]
                c.report(_cycle_file(cycle_id), ("interactions", index, *where),
                         f"interactions[{index}]." + field_name(where),
                         f"another writing space in {interaction.stage.capitalize()} {interaction.number} "
                         f"has the id '{space_id}'",
                         "give each writing space in an interaction its own id")


@rule
def cycle_expert_setup_names_forms_that_exist(c: Checking) -> None:
    forms = sorted(c.programme.forms)
    for cycle_id, cycle in c.programme.development_cycles.items():
        for index, interaction in enumerate(cycle.interactions):
            for item, form_id in enumerate(interaction.expert_setup.forms if interaction.expert_setup else []):
                if form_id not in forms and not c.failed("form", form_id):
                    c.report(_cycle_file(cycle_id), ("interactions", index, "expert_setup", "forms", item),
                             f"interactions[{index}].expert_setup.forms[{item}]", f"there is no form '{form_id}'",
                             one_of(forms) if forms else "add the form to content/forms/")


@rule
def cycle_planner_follows_the_half_terms(c: Checking) -> None:
    """The planner's groups are the cycle's half terms, in order, once each; its rows keep dates by id."""
    for cycle_id, cycle in c.programme.development_cycles.items():
        file, seen = _cycle_file(cycle_id), []
        for index, group in enumerate(cycle.planner):
            where = ("planner", index, "half_term")
            if group.half_term not in cycle.half_terms:
                c.report(file, where, f"planner[{index}].half_term", f"'{group.half_term}' is not one of the "
                         "cycle's half terms", f"use one of: {', '.join(cycle.half_terms)}")
            elif group.half_term in seen:
                c.report(file, where, f"planner[{index}].half_term", f"'{group.half_term}' has two groups",
                         "put all of a half term's rows in one group")
            elif seen and cycle.half_terms.index(group.half_term) < cycle.half_terms.index(seen[-1]):
                c.report(file, where, f"planner[{index}].half_term", f"'{group.half_term}' comes after "
                         f"'{seen[-1]}'", f"keep the cycle's order: {', '.join(cycle.half_terms)}")
            seen.append(group.half_term)
        rows = [(index, item, row) for index, group in enumerate(cycle.planner) for item, row in enumerate(group.rows)]
        keys = [row.key for _, _, row in rows]
        for key in duplicates(keys):
            index, item, _ = rows[second(keys, key)]
            c.report(file, ("planner", index, "rows", item), f"planner[{index}].rows[{item}]",
                     f"two planner rows have the id '{key}' (the same first words), so they would share one date",
                     "give one of them an id of its own: {id: …, text: …}")
