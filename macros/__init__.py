"""What mkdocs-macros loads (mkdocs.yml: `module_name: macros`): the writers' macro vocabulary.

The macros themselves, and rendering in the sandbox, are the pipeline's (pipeline/render/). The
pipeline finishes every generated page before MkDocs sees it; mkdocs-macros renders only the
hand-written pages in docs/, with the same macros in the same sandbox.
"""

from __future__ import annotations

from pathlib import Path
from types import MethodType
from typing import Any

from mkdocs.exceptions import PluginError

from engines.mkdocs.state import CONFIG_KEY, SiteState
from pipeline.render.macros import MACROS
from pipeline.render.sandbox import TemplateProblem
from pipeline.render.site import render_template


def define_env(env: Any) -> None:
    """Called by mkdocs-macros: register the writers' macros and render pages in our sandbox."""

    def state() -> SiteState:
        return env.conf[CONFIG_KEY]

    for name in MACROS:  # registered so mkdocs-macros lists them; pages reach them through the sandbox
        env.macro(MACROS[name].render, name)

    # mkdocs-macros renders each page with `self.env.from_string(page).render(…)` on a plain Jinja
    # Environment it builds in its own on_config, with no way to supply another. Swapping that private
    # environment for a sandboxed one would still compile the whole page as one template, {% %}
    # statements and loops included. So its render step is replaced instead: pages go through the
    # pipeline's sandbox, which allows only {{ expressions }}, one at a time, within limits.
    def sandboxed_render(plugin: Any, markdown: str, force_rendering: bool = False) -> str:
        site = state()
        src = plugin.page.file.src_path
        if src in site.pages:  # generated and already finished by the pipeline: render nothing twice
            return markdown
        docs = plugin.conf["docs_dir"]
        try:
            return render_template(site.school_programme, site.context(src), markdown,
                                   lambda line: f"{Path(docs).name}/{src}:{line}")
        except TemplateProblem as problem:
            raise PluginError(str(problem)) from None

    env.render = MethodType(sandboxed_render, env)

