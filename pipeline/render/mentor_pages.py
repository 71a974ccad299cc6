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


# ---- forms ------------------------------------------------------------------------------------


def form_page(form_id: str, title: str, introduction: str, fields: list[tuple[str, str, str, list[str], int]]) -> str:
    """A form to print on A4 or fill in on screen; answers stay in this browser.

    fields: (id, label, guidance, prompts, ruled lines)
    """
    parts = [f"# {title}\n", introduction.strip() + "\n",
             '<p class="ect-privacy">Your answers are saved only in this browser, on this device. Nothing is '
             "sent anywhere. Print the form, or download your answers to share them with your mentor.</p>\n",
             f'<form class="ect-form" data-form="{form_id}" aria-label="{html.escape(title)}">']
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
    parts.append('<div class="ect-form-actions" markdown="0">'
                 '<button type="button" class="md-button md-button--primary" data-form-action="print">'
                 "Print or save as PDF</button> "
                 '<button type="button" class="md-button" data-form-action="download">Download my answers</button> '
                 '<button type="button" class="md-button" data-form-action="clear">Clear the form</button></div>\n')
    return "\n".join(parts)


def meeting_template_page(sp: SchoolProgramme) -> str:
    template = sp.programme.meeting_template
    fields = [(row.id, row.title, row.guidance, list(row.prompts), 4) for row in template.rows]
    return form_page(template.id, template.title, template.introduction, fields)


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
        f"Year 1 · Module {module.code}: {module.title} · **{minutes(session.minutes)}**\n{{: .study-meta }}\n",
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
    for number, activity in enumerate(session.theory_to_practice.activities, 1):
        parts.append(f"### {number}. {activity.title}\n")
        parts.append(f"{element_badge(elements[activity.element])}\n{{: .session-element }}\n")
        parts.append("The mentor could:\n\n" + "\n".join(f"- {item}" for item in activity.mentor_could) + "\n")
    parts.append(f"## Next steps · {minutes(session.next_steps.minutes)}\n")
    parts.append(session.next_steps.text.strip() + "\n")
    if session.last_in_module:
        parts.append(f'!!! success "The end of module {module.code}"\n\n'
                     + indent(f"This is the last session of module {module.code}, {module.title}. "
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
             "## Themes\n"]
    for number, theme in enumerate(cycle.themes, 1):
        parts.append(f"### Theme {number}: {theme.title}\n")
        parts.append("**Possible development areas**\n\n" + "\n".join(f"- {a}" for a in theme.development_areas) + "\n")
        parts.append("**Question prompts**\n\n" + "\n".join(f"- {q}" for q in theme.question_prompts) + "\n")
        parts.append("**Example action steps**\n\n" + table(["Action step", "What the ECT does"],
                                                             [[s.name, s.instruction] for s in theme.action_steps]))
    parts.append("## The six mentor interactions\n")
    for interaction in cycle.interactions:
        parts.append(f"### {interaction_name(interaction)}: {interaction.title}\n")
        parts.append(f"**Focus:** {interaction.focus}\n")
        parts.append(tables.task_list([(task.key, task.text) for task in interaction.checklist],
                                     f"{cycle.id}:{interaction.number}"))
        if interaction.prompts:
            parts.append("**Prompts**\n\n" + "\n".join(f"- {p}" for p in interaction.prompts) + "\n")
        if interaction.decision:
            decision = interaction.decision
            parts.append(f'!!! question "Decision: {decision.question}"\n\n'
                         + indent(table(["If …", "then …"], [["**Yes, met**", decision.met],
                                                              ["**No, not yet**", decision.not_met]])) + "\n")
    parts.append("## Planner\n")
    parts.append("Write the date of each interaction as you plan the cycle with your ECT.\n")
    parts.append(table(["Interaction", "Focus", "Date"],
                       [[f"{interaction_name(i)}: {i.title}", i.focus, "&nbsp;"] for i in cycle.interactions]))
    parts.append(f"See also: [the feedback model]({link(cycle_src(cycle), FEEDBACK_MODEL_SRC)}) and "
                 f"[refining or replacing an action step]({link(cycle_src(cycle), STEP_EXAMPLES_SRC)}).\n")
    return "\n".join(parts)


def feedback_model_page(sp: SchoolProgramme) -> str:
    rows = [[s.stage, s.what_to_do, "<br>".join(f"“{p}”" for p in s.example_phrases)]
            for s in sp.programme.feedback_model]
    return ("# The feedback model\n\nUse these stages, in order, when you give feedback after a drop-in or an "
            "observation.\n\n" + table(["Stage", "What to do", "Example phrases"], rows))


def step_examples_page(sp: SchoolProgramme) -> str:
    parts = ["# Refining or replacing an action step\n",
             "At Integrate 4 you decide whether the action step has been met. If it has not, refine it (keep the "
             "step, make it smaller or clearer) or replace it (choose a different step). Two worked examples:\n"]
    for example in sp.programme.action_step_examples:
        verb = "Refining" if example.kind == "refine" else "Replacing"
        parts.append(f"## {verb} a step: {example.before.name}\n")
        parts.append(example.situation.strip() + "\n")
        parts.append(table(["", "Action step", "What the ECT does"],
                           [["Before", example.before.name, example.before.instruction],
                            ["After", example.after.name, example.after.instruction]]))
        parts.append("**Success criteria**\n\n" + "\n".join(f"- {c}" for c in example.success_criteria) + "\n")
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
    lines.append(f"- [Refining or replacing an action step]({link(src, STEP_EXAMPLES_SRC)})")
    parts.append("\n".join(lines) + "\n")
    parts.append("## Forms to print or fill in\n")
    forms = [f"- [{programme.meeting_template.title}]({link(src, MEETING_TEMPLATE_SRC)})"]
    forms += [f"- [{f.title}]({link(src, form_src(f.id))})" for f in sorted(programme.forms.values(),
                                                                               key=lambda f: f.id)]
    parts.append("\n".join(forms) + "\n")
    return "\n".join(parts)
