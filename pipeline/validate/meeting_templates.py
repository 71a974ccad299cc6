"""Rules for meeting templates: the programme's (templates/mentor-ect-meeting.yml) and a study's own, in its
mentor support's front matter (meeting_template:), which may extend the programme's."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline import model
from pipeline.kinds import MEETING_TEMPLATE_ID, MISSING_MEETING_TEMPLATE
from pipeline.render.meeting_templates import box_name
from pipeline.validate.rules import Checking, duplicates, one_of, rule, second
from pipeline.validate.self_studies import mentor_file

PROGRAMME_TEMPLATE = f"templates/{MEETING_TEMPLATE_ID}.yml"


def study_templates(c: Checking) -> Iterator[tuple[str, model.StudyMeetingTemplate]]:
    for page_id, page in sorted(c.programme.mentor_pages.items()):
        if page.meeting_template is not None:
            yield mentor_file(page_id), page.meeting_template


@rule
def study_templates_extend_the_programmes(c: Checking) -> None:
    for relative, template in study_templates(c):
        if template.extends is not None and template.extends != MEETING_TEMPLATE_ID:
            c.report(relative, ("meeting_template", "extends"), "meeting_template.extends",
                     f"there is no meeting template '{template.extends}'", one_of([MEETING_TEMPLATE_ID]))
        if template.extends is None and (template.title is None or template.introduction is None):
            c.report(relative, ("meeting_template",), "meeting_template",
                     "a template of the study's own needs a title and an introduction",
                     f"add them, or write extends: {MEETING_TEMPLATE_ID} to build on the programme's template")


@rule
def study_template_rows_have_a_place(c: Checking) -> None:
    if c.programme.meeting_template is MISSING_MEETING_TEMPLATE:  # reported already: its rows are unknown
        return
    base = [row.id for row in c.programme.meeting_template.rows]
    for relative, template in study_templates(c):
        own = [row.id for row in template.rows]
        for row_id in duplicates(own):
            c.report(relative, ("meeting_template", "rows", second(own, row_id)), "meeting_template.rows",
                     f"the row id '{row_id}' appears twice", "give each row its own id")
        for index, row in enumerate(template.rows):
            where, field = ("meeting_template", "rows", index, "after"), f"meeting_template.rows[{index}].after"
            if row.after is None:
                continue
            known = (base if template.extends else []) + own[:index]
            if not template.extends:
                c.report(relative, where, field, "after places a row in the programme's template, which this "
                         "template does not extend", f"remove after, or write extends: {MEETING_TEMPLATE_ID}")
            elif row.id in base:
                c.report(relative, where, field, f"'{row.id}' replaces the programme's row of that id, in its place",
                         "remove after, or give the row an id of its own to add it as a new row")
            elif row.after not in known:
                c.report(relative, where, field, f"there is no row '{row.after}' before this one", one_of(known))


def _rows(c: Checking) -> Iterator[tuple[str, tuple[object, ...], int, model.MeetingRow]]:
    for index, row in enumerate(c.programme.meeting_template.rows):
        yield PROGRAMME_TEMPLATE, ("rows", index), index, row
    for relative, template in study_templates(c):
        for index, study_row in enumerate(template.rows):
            yield relative, ("meeting_template", "rows", index), index, study_row


@rule
def answer_boxes_have_labels_of_their_own(c: Checking) -> None:
    for relative, where, index, row in _rows(c):
        names = [box_name(row, box) for box in row.boxes]
        for name in duplicates(names):
            number = second(names, name)
            c.report(relative, (*where, "boxes", number), f"{'.'.join(map(str, where[:-1]))}[{index}].boxes[{number}]",
                     f"the box '{row.boxes[number].label}' has the same label as another box of this step",
                     "give each box its own label: the answer is kept under it")
