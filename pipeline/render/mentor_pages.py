"""Stage 4c: the mentor's pages — weekly sessions, forms, year-2 development cycles, and the
mentor's landing page — generated from the data, in the school's module order."""

from __future__ import annotations

import html

from pipeline import model
from pipeline.contextualise import SchoolProgramme
from pipeline.render import tables
from pipeline.render.markdown import indent, minutes, table
from pipeline.render.parts import HALF_TERMS, statements
from pipeline.render.urls import (
    FEEDBACK_MODEL_SRC,
    MEETING_TEMPLATE_SRC,
    MENTOR_HOME_SRC,
    STEP_EXAMPLES_SRC,
    cycle_src,
    form_src,
    link,
    mentor_src,
    session_src,
    study_src,
)


def icon(element: model.SessionElement) -> str:
    """A Material icon shortcode: the element's visual marker, drawn inline (nothing fetched)."""
    return ":" + element.icon.replace("/", "-") + ":{ .element-icon }"


def element_badge(element: model.SessionElement) -> str:
    return f'{icon(element)} <span class="element-name">{element.name}</span>'


def element_badges(elements: list[model.SessionElement]) -> str:
    """An activity's one or two elements, on one line."""
    return ' <span class="element-and">and</span> '.join(element_badge(e) for e in elements)


# ---- forms ------------------------------------------------------------------------------------


def form_page(form_id: str, title: str, introduction: str, fields: list[tuple[str, str, str, list[str], int]]) -> str:
    """A form to print on A4 or fill in on screen; answers stay in this browser.

    fields: (id, label, guidance, prompts, ruled lines)
    """
    parts = [f"# {title}\n", introduction.strip() + "\n",
             '<p class="ect-privacy">Your answers are saved only in this browser, on this device. Nothing is '
             "sent anywhere. Print the form, or download your answers to share them with your mentor.</p>\n",
             form_fields(form_id, title, fields)]
    parts.append('<div class="ect-form-actions" markdown="0">'
                 '<button type="button" class="md-button md-button--primary" data-form-action="print">'
                 "Print or save as PDF</button> "
                 '<button type="button" class="md-button" data-form-action="download">Download my answers</button> '
                 '<button type="button" class="md-button" data-form-action="clear">Clear the form</button></div>\n')
    return "\n".join(parts)


def form_fields(form_id: str, title: str, fields: list[tuple[str, str, str, list[str], int]]) -> str:
    """Spaces to write in, as a form the browser keeps (ect.js: form:<form id>:<field id>); printed with
    ruled lines. fields: (id, label, guidance, prompts, ruled lines)"""
    parts = [f'<form class="ect-form" data-form="{form_id}" aria-label="{html.escape(title)}">']
    for field_id, label, guidance, prompts, lines in fields:
        control = f"{form_id}--{field_id}"
        parts.append('<div class="ect-field">')  # its height comes from rows=: no inline style (CSP)
        parts.append(f'<label for="{control}">{html.escape(label)}</label>')
        described = ""
        if guidance or prompts:
            help_id = f"{control}--help"
            described = f' aria-describedby="{help_id}"'
            help_text = html.escape(guidance or "")
            if prompts:
                help_text += "<br>" if guidance else ""
                help_text += " · ".join(html.escape(p) for p in prompts)
            parts.append(f'<p class="ect-guidance" id="{help_id}">{help_text}</p>')
        parts.append(f'<textarea id="{control}" name="{field_id}" rows="{lines}"{described}></textarea>')
        parts.append("</div>")
    parts.append("</form>\n")
    return "\n".join(parts)


def proforma_page(form: model.Form) -> str:
    fields = [(f.id, f.label, f.guidance or "", [], f.lines) for f in form.fields]
    return form_page(form.id, form.title, form.introduction, fields)


# ---- weekly sessions ----------------------------------------------------------------------------


def session_page(sp: SchoolProgramme, session: model.MentorSession) -> str:
    programme = sp.programme
    module = programme.module(session.module)
    elements = {e.id: e for e in programme.session_elements}
    src = session_src(session)
    parts = [
        f"# Week {session.week}: {session.title}\n",
        f"Year 1 · {module.label} · **{minutes(session.minutes)}**\n{{: .study-meta }}\n",
        "## Session elements\n",
        '<div class="session-elements" markdown>\n\n'
        + "\n".join(f"- {element_badge(elements[e])}" for e in session.elements) + "\n\n</div>\n",
        "## Learning intentions\n",
        statements(sp, session.learning_intentions, src),
        "## Introduction\n",
        session.introduction.strip() + "\n",
        # a week with no research summary has no heading for one: nothing to read under it
        *([] if session.research_summary.strip().lower() == "none" else
          ["## Research and practice summary\n", session.research_summary.strip() + "\n"]),
        "## Timings\n",
        table(["Part", "Minutes"], [
            ["Review", str(session.review.minutes)], ["Plan", str(session.plan.minutes)],
            ["Theory to practice", str(session.theory_to_practice.minutes)],
            ["Next steps", str(session.next_steps.minutes)], ["**Total**", f"**{session.activity_minutes}**"],
        ], ["---", "---:"]),
        f"## Review · {minutes(session.review.minutes)}\n",
        _prompts(session.review.prompts),
        f"## Plan · {minutes(session.plan.minutes)}\n",
        _prompts(session.plan.prompts),
        f"## Theory to practice · {minutes(session.theory_to_practice.minutes)}\n",
    ]
    if session.theory_to_practice.introduction:
        parts.append(session.theory_to_practice.introduction.strip() + "\n")
    for number, activity in enumerate(session.theory_to_practice.activities, 1):
        parts.append(f"### {number}. {activity.title}\n")
        parts.append(f"{element_badges([elements[e] for e in activity.elements])}\n{{: .session-element }}\n")
        if activity.lead_in:
            parts.append(activity.lead_in.strip() + "\n")
        parts.append("The mentor could:\n\n" + "\n".join(f"- {item}" for item in activity.mentor_could) + "\n")
    parts.append(f"## Next steps · {minutes(session.next_steps.minutes)}\n")
    parts.append(session.next_steps.text.strip() + "\n")
    if session.last_in_module:
        parts.append(f'!!! success "The end of {module.name}"\n\n'
                     + indent(f"This is the last session of {module.label}. "
                              "Thank your ECT for their work this half term.") + "\n")
    return "\n".join(parts)


def _prompts(prompts: list[model.Prompt] | tuple[model.Prompt, ...]) -> str:
    lines: list[str] = []
    for number, prompt in enumerate(prompts, 1):
        lines.append(f"{number}. {prompt.text}")
        for letter, sub in zip("abcdefgh", prompt.sub):
            lines.append(f"    - **{letter}.** {sub}")
    return "\n".join(lines) + "\n"


# ---- year-2 development cycles -----------------------------------------------------------------


STAGE_NAMES = {"refocus": "Refocus", "develop": "Develop", "integrate": "Integrate"}


def interaction_name(interaction: model.Interaction) -> str:
    return f"{STAGE_NAMES[interaction.stage]} {interaction.number}"


def cycle_page(sp: SchoolProgramme, cycle: model.DevelopmentCycle) -> str:
    parts = [f"# Development cycle {cycle.number}\n",
             f"Year 2 · {' and '.join(cycle.half_terms)} · about {cycle.weeks} weeks\n{{: .study-meta }}\n",
             "Each cycle has two themes. With your ECT, choose one development area, then an action step "
             "to practise; the six interactions below take you from choosing it to making it stick.\n",
             WRITING_NOTE, "## Themes\n"]
    for number, theme in enumerate(cycle.themes, 1):
        parts.append(f"### Theme {number}: {theme.title}\n")
        parts.append("**Possible development areas**\n\n" + "\n".join(f"- {a}" for a in theme.development_areas) + "\n")
        parts.append("**Question prompts**\n\n" + "\n".join(f"- {q}" for q in theme.question_prompts) + "\n")
        parts.append("**Example action steps**\n\n" + table(["Action step", "What the ECT does"],
                                                             [[s.name, s.instruction] for s in theme.action_steps]))
    parts.append("## The six mentor interactions\n")
    parts += [interaction_part(sp, cycle, interaction) for interaction in cycle.interactions]
    parts.append(planner(cycle))
    parts.append(f"See also: [the feedback model]({link(cycle_src(cycle), FEEDBACK_MODEL_SRC)}) and "
                 f"[action steps met or not met]({link(cycle_src(cycle), STEP_EXAMPLES_SRC)}).\n")
    return "\n".join(parts)


WRITING_NOTE = ('<p class="ect-privacy">What you write in the spaces on this page, and the dates in the planner, '
                "are kept only in this browser, on this device: nothing is sent anywhere. Print the page to keep "
                "a copy on paper.</p>\n")


def _bullets(title: str, items: list[str]) -> str:
    return f"**{title}**\n\n" + "\n".join(f"- {item}" for item in items) + "\n"


def _writing(cycle: model.DevelopmentCycle, interaction: model.Interaction, title: str,
             spaces: list[model.WritingSpace]) -> str:
    """Spaces to write in, kept per cycle and interaction (ids are unique within an interaction)."""
    return form_fields(f"{cycle.id}--{interaction.number}", f"{interaction_name(interaction)}: {title}",
                       [(w.id, w.label, w.guidance or "", [], w.lines) for w in spaces])


def interaction_part(sp: SchoolProgramme, cycle: model.DevelopmentCycle, interaction: model.Interaction) -> str:
    """One mentor interaction: focus, checklist and prompts, then its parts, each under a sub-heading."""
    src, name = cycle_src(cycle), interaction_name(interaction)
    parts = [f"### {name}: {interaction.title}\n", f"**Focus:** {interaction.focus}\n",
             tables.task_list([(task.key, task.text) for task in interaction.checklist],
                              f"{cycle.id}:{interaction.number}")]
    if interaction.prompts:
        parts.append(_bullets("Prompts", interaction.prompts))
    for part in interaction.parts:
        parts.append(f"#### {part.heading}\n")
        parts += [part.text.strip() + "\n"] if part.text else []
        parts += [_bullets("Prompts", part.prompts)] if part.prompts else []
        parts += [_writing(cycle, interaction, part.heading, part.writing)] if part.writing else []
    if setup := interaction.expert_setup:
        parts += ["#### Setting up: engage with an expert\n", setup.text.strip() + "\n"]
        if setup.forms:
            forms = [f"[{sp.programme.forms[f].title}]({link(src, form_src(f))})" for f in setup.forms]
            parts.append("The ECT records what they learn on " + " or ".join(forms) + ".\n")
        parts += [_writing(cycle, interaction, "engage with an expert", setup.writing)] if setup.writing else []
    if practice := interaction.deliberate_practice:
        parts.append("#### Deliberate practice\n")
        parts += [practice.introduction.strip() + "\n"] if practice.introduction else []
        parts.append("\n".join(f"{n}. {step}" for n, step in enumerate(practice.steps, 1)) + "\n")
    if decision := interaction.decision:
        parts.append(f'!!! question "Decision: {decision.question}"\n\n'
                     + indent(table(["If the step is …", "then …"], [[f"**{MET}**", decision.met],
                                                                     [f"**{NOT_MET}**", decision.not_met]])) + "\n")
    if interaction.writing:
        parts += ["#### Notes from this meeting\n", _writing(cycle, interaction, "notes", interaction.writing)]
    if interaction.looking_ahead:
        parts += ["#### Looking ahead\n", interaction.looking_ahead.strip() + "\n"]
    return "\n".join(parts)


MET, NOT_MET, NEW_STEP = "Met", "Not met", "New step after met"


def planner(cycle: model.DevelopmentCycle) -> str:
    """The cycle's planner: its rows grouped by half term, each with a date to fill in (kept by ect.js under the
    row's id, like a checklist's ticks). Without a planner of its own, a cycle plans its six interactions."""
    groups = [(g.half_term, [(row.key, row.text) for row in g.rows]) for g in cycle.planner] or [
        ("", [(f"interaction-{i.number}", f"{interaction_name(i)}: {i.title}") for i in cycle.interactions])]
    parts = ["## Planner\n", "Write in the date of each step as you plan the cycle with your ECT.\n"]
    for half_term, rows in groups:
        parts += [f"### {half_term}\n"] if half_term else []
        parts.append(table(["What happens", "Date"], [[text, _date_input(cycle, key, text)] for key, text in rows]))
    return "\n".join(parts)


def _date_input(cycle: model.DevelopmentCycle, key: str, text: str) -> str:
    label = html.escape(f"Date: {text}", quote=True)
    return (f'<input type="date" class="ect-date" id="{cycle.id}--date--{key}" data-date="{cycle.id}:{key}" '
            f'aria-label="{label}">')


def feedback_model_page(sp: SchoolProgramme) -> str:
    rows = [[s.stage, s.what_to_do, "<br>".join(f"“{p}”" for p in s.example_phrases)]
            for s in sp.programme.feedback_model]
    return ("# The feedback model\n\nUse these stages, in order, when you give feedback after a drop-in or an "
            "observation.\n\n" + table(["Stage", "What to do", "Example phrases"], rows))


STEP_EXAMPLE_LABELS = {  # kind → (was the step met?, what the step after it is)
    "refine": (NOT_MET, "Refined step"),
    "replace": (NOT_MET, "Replacement step"),
    "new-step": (MET, NEW_STEP),
}


def step_examples_page(sp: SchoolProgramme) -> str:
    parts = ["# Action steps: met or not met\n",
             "At Integrate 4 you decide whether the action step has been met. If it has, set a new step from the "
             "same development area. If it has not, refine it (keep the step, make it smaller or clearer) or "
             "replace it (choose a different step). Worked examples:\n"]
    for example in sp.programme.action_step_examples:
        outcome, after = STEP_EXAMPLE_LABELS[example.kind]
        parts.append(f"## {outcome}: {example.before.name}\n")
        parts.append(example.situation.strip() + "\n")
        parts.append(table(["", "Action step", "What the ECT does"],
                           [[f"Action step ({outcome.lower()})", example.before.name, example.before.instruction],
                            [after, example.after.name, example.after.instruction]]))
        parts.append(f"**Success criteria for the {after.lower()}**\n\n"
                     + "\n".join(f"- {c}" for c in example.success_criteria) + "\n")
    return "\n".join(parts)


# ---- the mentor's landing page ------------------------------------------------------------------


def mentor_home_page(sp: SchoolProgramme) -> str:
    programme = sp.programme
    src = MENTOR_HOME_SRC
    parts = ["# For mentors\n",
             "Everything you need to prepare your meetings, in your school's module order. Each ECT self-study "
             "has a mentor support page; weekly sessions and forms are below.\n",
             "## Year 1\n"]
    for position, module in enumerate(sp.module_order):
        parts.append(f"### {HALF_TERMS[position]} · {module.label}\n")
        lines: list[str] = []
        for study in programme.studies_for(1, module.code):
            mentor = programme.mentor_page_for(study.id)
            title = programme.study_title(study)
            if mentor:
                lines.append(f"- [Mentor support: {title}]({link(src, mentor_src(mentor.id))}) "
                             f"(for the ECT's [self-study]({link(src, study_src(study.id))}))")
        sessions = sorted((s for s in programme.mentor_sessions.values() if s.module == module.code),
                          key=lambda s: s.week)
        lines += [f"- [Week {s.week}: {s.title}]({link(src, session_src(s))})" for s in sessions]
        parts.append("\n".join(lines) + "\n" if lines else "Nothing published for mentors yet.\n")
    parts.append("## Year 2\n")
    lines = [f"- [Development cycle {c.number}]({link(src, cycle_src(c))}): "
             + " · ".join(t.title for t in c.themes)
             for c in sorted(programme.development_cycles.values(), key=lambda c: c.number)]
    lines.append(f"- [The feedback model]({link(src, FEEDBACK_MODEL_SRC)})")
    lines.append(f"- [Action steps: met or not met]({link(src, STEP_EXAMPLES_SRC)})")
    parts.append("\n".join(lines) + "\n")
    parts.append("## Forms to print or fill in\n")
    forms = [f"- [{programme.meeting_template.title}]({link(src, MEETING_TEMPLATE_SRC)})"]
    forms += [f"- [{f.title}]({link(src, form_src(f.id))})" for f in sorted(programme.forms.values(),
                                                                               key=lambda f: f.id)]
    parts.append("\n".join(forms) + "\n")
    return "\n".join(parts)
