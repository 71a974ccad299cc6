"""Rendering page templates in a sandbox: Markdown from a pull request cannot run Python or read files.

mkdocs-macros renders pages with a plain Jinja environment, where a page can reach Python
internals (e.g. `cycler.__init__.__globals__`). We replace its render step with a sandboxed,
immutable environment that sees only our macros and two plain values: no loader (so no
include/import), no Jinja globals, and undefined names are errors.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from mkdocs.exceptions import PluginError

from .outline import VOCABULARY

HELP = "only the macros listed in content/README.md may be used in pages"


def make_environment() -> ImmutableSandboxedEnvironment:
    environment = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                                                keep_trailing_newline=True)
    environment.globals.clear()  # no cycler, joiner, namespace, range, lipsum, dict
    return environment


def render_sandboxed(environment: ImmutableSandboxedEnvironment, markdown: str, context: dict[str, Any],
                     where: Callable[[int], str]) -> str:
    """Render one page; any template error becomes a build error naming the file and line."""
    try:
        return environment.from_string(markdown).render(context)
    except TemplateSyntaxError as error:
        raise PluginError(f"{where(error.lineno or 1)}: broken template syntax: {error.message} — {HELP}") from None
    except (TemplateError, TypeError, ValueError, KeyError, AttributeError) as error:
        # Refused by the sandbox, an undefined name, an include without a loader, or a macro
        # used where it does not belong: all are the page's fault, so name the page and line.
        raise PluginError(f"{where(_template_line(error))}: this page's template was refused: {error} — {HELP}") \
            from None


def _template_line(error: BaseException) -> int:
    """The template line of a render error (Jinja rewrites tracebacks to point at template lines)."""
    line = 1
    tb = error.__traceback__ or sys.exc_info()[2]
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def known_names() -> tuple[str, ...]:
    return tuple(VOCABULARY)
