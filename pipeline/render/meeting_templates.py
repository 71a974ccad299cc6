"""Meeting templates as pages: the programme's, and a study's own (or the programme's with the study's rows).

A template is a form to fill in on screen or print: each step is a group of fields with its guidance
(Markdown), the questions to ask, numbered sub-steps, criteria and one or more labelled answer boxes.
Answers are kept only in the reader's browser (docs/assets/ect.js), under the form's and the box's ids.
"""

from __future__ import annotations

import html
import re

from pipeline import model
from pipeline.contextualise import SchoolProgramme
from pipeline.kinds import MEETING_TEMPLATE_ID
from pipeline.render.urls import MEETING_TEMPLATE_SRC, link, mentor_src, mentor_template_src

NOTES = "Notes"  # the label of a step's one box when the template names none
FORM_NOTE = ('<p class="ect-privacy">Your answers are saved only in this browser, on this device. Nothing is '
             "sent anywhere. Print the form, or download your answers to share them with your mentor.</p>\n")
FORM_ACTIONS = ('<div class="ect-form-actions" markdown="0">'
                '<button type="button" class="md-button md-button--primary" data-form-action="print">'
                "Print or save as PDF</button> "
                '<button type="button" class="md-button" data-form-action="download">Download my answers</button> '
                '<button type="button" class="md-button" data-form-action="clear">Clear the form</button></div>\n')


def box_name(row: model.MeetingRow, box: model.AnswerBox | None) -> str:
    """The field's name, under which the browser keeps its answer: the row's id for its one box of notes
    (as before templates had boxes, so answers already written stay), the row's id and the label's words otherwise."""
    if box is None:
        return row.id
    return row.id + "--" + ("-".join(re.findall(r"[a-z0-9]+", box.label.lower())) or "box")


def study_template(sp: SchoolProgramme, page: model.MentorSupport) -> model.MeetingTemplate | None:
    """The template a study's mentor support carries: its own, or the programme's with its rows added or replaced.
    None when it has none (the programme's is used)."""
    own = page.meeting_template
    if own is None:
        return None
    base = sp.programme.meeting_template
    study = sp.programme.self_studies[page.aligned_study]
    rows: list[model.MeetingRow] = list(base.rows) if own.extends else []
    for row in own.rows:
        plain = model.MeetingRow(**row.model_dump(exclude={"after"}))
        ids = [r.id for r in rows]
        if row.id in ids:
            rows[ids.index(row.id)] = plain
        elif row.after in ids:
            rows.insert(ids.index(row.after) + 1, plain)
        else:
            rows.append(plain)
    return model.MeetingTemplate(
        id=f"{page.id}-meeting-template",
        title=own.title or f"{base.title}: {sp.programme.study_title(study)}",
        introduction=own.introduction or base.introduction, rows=rows)


def template_for(sp: SchoolProgramme, study: model.SelfStudy) -> tuple[model.MeetingTemplate, str]:
    """The template a study's meetings use, and where its page is."""
    page = sp.programme.mentor_page_for(study.id)
    own = study_template(sp, page) if page else None
    if page and own:
        return own, mentor_template_src(page.id)
    return sp.programme.meeting_template, MEETING_TEMPLATE_SRC


def _step(form_id: str, number: int, row: model.MeetingRow) -> str:
    prefix = f"{form_id}--{row.id}"
    parts = [f'<fieldset class="ect-step" markdown>\n<legend>{number}. {html.escape(row.title)}</legend>\n',
             f'<div class="ect-guidance" id="{prefix}--help" markdown>\n\n{row.guidance.strip()}\n']
    if row.prompts:
        parts.append("**Questions to ask**\n\n" + "\n".join(f"- {prompt}" for prompt in row.prompts) + "\n")
    if row.steps:
        parts.append("\n".join(f"{n}. {step}" for n, step in enumerate(row.steps, 1)) + "\n")
    if row.criteria:
        parts.append("**Criteria**\n\n" + "\n".join(f"- {criterion}" for criterion in row.criteria) + "\n")
    parts.append("</div>\n")
    parts.append('<div class="ect-boxes">')  # short boxes side by side where there is room
    for box in row.boxes or [None]:
        name = box_name(row, box)
        label = box.label if box else NOTES
        shown = row.title if box is None else f"{row.title}: {box.label}"  # the heading in a download
        parts.append(f'<div class="ect-field" data-label="{html.escape(shown)}">'
                     f'<label for="{form_id}--{name}">{html.escape(label)}</label>'
                     f'<textarea id="{form_id}--{name}" name="{name}" rows="{box.lines if box else 3}" '
                     f'aria-describedby="{prefix}--help"></textarea></div>')
    parts.append("</div>\n</fieldset>\n")
    return "\n".join(parts)


def template_page(template: model.MeetingTemplate, lead: str = "") -> str:
    """A meeting template to fill in on screen or print on A4; `lead`: a line under the title (Markdown)."""
    parts = [f"# {template.title}\n"] + ([lead + "\n"] if lead else [])
    parts += [template.introduction.strip() + "\n", FORM_NOTE,
              f'<form class="ect-form ect-meeting" data-form="{template.id}" '
              f'aria-label="{html.escape(template.title)}" markdown>\n']
    parts += [_step(template.id, number, row) for number, row in enumerate(template.rows, 1)]
    parts += ["</form>\n", FORM_ACTIONS]
    return "\n".join(parts)


def programme_template_page(sp: SchoolProgramme) -> str:
    return template_page(sp.programme.meeting_template)


def study_template_page(sp: SchoolProgramme, page: model.MentorSupport, template: model.MeetingTemplate) -> str:
    study = sp.programme.self_studies[page.aligned_study]
    src = mentor_template_src(page.id)
    title = sp.programme.study_title(study)
    lead = (f"For mentors of ECTs taking [{title}]({link(src, mentor_src(page.id))})"
            + (f", built on [the programme's steps]({link(src, MEETING_TEMPLATE_SRC)})"
               if page.meeting_template and page.meeting_template.extends == MEETING_TEMPLATE_ID else "")
            + ".\n{: .study-meta }")
    # a search for "meeting template" lists the programme's first: this one is its variant for one study
    return "---\nsearch:\n  boost: 0.5\n---\n\n" + template_page(template, lead)
