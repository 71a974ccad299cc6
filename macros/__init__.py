"""The bridge MkDocs sees (mkdocs-macros `module_name: macros`): it only registers the macros.

The pipeline lives in the submodules: load → validate → contextualise → render.
"""

from __future__ import annotations

from types import MethodType
from typing import Any

from mkdocs.exceptions import PluginError

from engines.mkdocs.state import CONFIG_KEY, SiteState
from pipeline.render import parts as render
from pipeline.render import tables
from pipeline.render.sandbox import TemplateProblem, make_environment, render_sandboxed
from pipeline.render.sandbox import macro as sandbox_macro
from pipeline.render.untrusted import plain


def define_env(env: Any) -> None:
    """Called by mkdocs-macros: register our macros and render every page in a sandbox."""

    def state() -> SiteState:
        return env.conf[CONFIG_KEY]

    def here() -> render.PageContext:
        return state().context(env.page.file.src_path)

    def study() -> Any:
        context = here()
        if context.study is None:
            raise ValueError(f"this macro works only on a self-study or mentor page, not on {context.src}")
        return context.study

    def section(section_id: str) -> str:
        return render.section_heading(here().page, section_id)

    def scenarios(moment: str) -> str:
        return render.scenarios(state().school_programme, study(), moment, with_notes=here().kind == "study")

    def ingredients(set_id: str) -> str:
        return render.ingredients(state().school_programme, set_id)

    def phase_examples(set_id: str) -> str:
        return render.phase_examples(state().school_programme, set_id)

    def example_slot(slot_id: str) -> str:
        return render.example_slot(state().school_programme, here().page.id, slot_id)

    def look_fors() -> str:
        return render.look_fors(study())

    def suggested_actions() -> str:
        return render.suggested_actions(state().school_programme, study(), with_ingredients=here().kind == "mentor")

    def statements() -> str:
        return render.statements(state().school_programme, study().statements, here().src)

    def meeting_template() -> str:
        return render.meeting_template_link(here().src, state().school_programme)

    def module_list() -> str:
        return render.module_list(state().school_programme, here().src)

    # The induction-tutor handbook's tables, generated from the data (see tables.py).
    def contacts() -> str:
        return tables.contacts(state().school_programme)

    def module_sequence() -> str:
        school_programme = state().school_programme
        return tables.sequence(school_programme, [m.code for m in school_programme.module_order])

    def sequence_example(order: str) -> str:
        return tables.sequence(state().school_programme, [code.strip() for code in order.split(",")])

    def seminar_table() -> str:
        return tables.seminars(state().school_programme)

    def time_commitments(year: str) -> str:
        return tables.time_commitments(state().school_programme, int(year))

    def webinar_table(year: str) -> str:
        return tables.webinars(state().school_programme, int(year))

    def electives_appendix() -> str:
        return tables.electives_appendix(state().school_programme)

    def focus_areas_appendix() -> str:
        return tables.focus_areas_appendix(state().school_programme)

    def checklist() -> str:
        return tables.checklist(state().school_programme)

    def key_terms() -> str:
        return tables.key_terms(state().school_programme)

    macros = {f.__name__: sandbox_macro(f) for f in (
        section, scenarios, ingredients, phase_examples, example_slot, look_fors, suggested_actions, statements,
        meeting_template, module_list, contacts, module_sequence, sequence_example, seminar_table,
        time_commitments, webinar_table, electives_appendix, focus_areas_appendix, checklist, key_terms)}
    for name, function in macros.items():
        env.macro(function, name)

    sandbox = make_environment()

    def sandboxed_render(plugin: Any, markdown: str, force_rendering: bool = False) -> str:
        site = state()
        src = plugin.page.file.src_path
        context = {**macros, "school_name": plain(site.school_programme.name),
                   "programme_name": site.school_programme.programme.info.name}
        try:
            return render_sandboxed(sandbox, markdown, context,
                                    lambda line: site.where(src, plugin.conf["docs_dir"], line))
        except TemplateProblem as problem:
            raise PluginError(str(problem)) from None

    # mkdocs-macros calls self.render() for every page and title: route it through the sandbox.
    env.render = MethodType(sandboxed_render, env)
