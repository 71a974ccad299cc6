"""Rendering page templates in a sandbox: Markdown from a pull request cannot run Python or read files.

mkdocs-macros renders pages with a plain Jinja environment, where a page can reach Python
internals (e.g. `cycler.__init__.__globals__`). We replace its render step with a sandboxed,
immutable environment that sees only our macros and two plain values: no loader (so no
include/import), no Jinja globals, and undefined names are errors.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from mkdocs.exceptions import PluginError

from .outline import EXPRESSION, STATEMENT

HELP = "only the macros listed in content/README.md may be used in pages"


@functools.cache  # one for the process: it holds no state, and its compiled expressions are reused
def make_environment() -> ImmutableSandboxedEnvironment:
    environment = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                                                keep_trailing_newline=True)
    environment.globals.clear()  # no cycler, joiner, namespace, range, lipsum, dict
    return environment




def render_sandboxed(environment: ImmutableSandboxedEnvironment, markdown: str, context: dict[str, Any],
                     where: Callable[[int], str]) -> str:
    """Render one page; any template error becomes a build error naming the file and line.

    Pages may hold only {{ expressions }}: no {% statements %} (so no include, import or loops)
    and no {# comments #}. Each expression is compiled on its own in the sandbox, which is much
    faster than compiling the whole page as a template, and is cached across pages and schools.
    """
    statement = STATEMENT.search(markdown)
    if statement:
        line = markdown.count("\n", 0, statement.start()) + 1
        raise PluginError(f"{where(line)}: {{% %}} and {{# #}} are not allowed in pages — {HELP}")
    parts: list[str] = []
    position = 0
    for match in EXPRESSION.finditer(markdown):
        parts.append(markdown[position:match.start()])
        try:
            parts.append(str(_compiled(environment, match.group(1).strip())(**context)))
        except TemplateSyntaxError as error:
            line = markdown.count("\n", 0, match.start()) + 1
            raise PluginError(f"{where(line)}: broken template syntax: {error.message} — {HELP}") from None
        except (TemplateError, TypeError, ValueError, KeyError, AttributeError) as error:
            # Refused by the sandbox, an undefined name, or a macro used where it does not belong:
            # all are the page's fault, so name the page and line.
            line = markdown.count("\n", 0, match.start()) + 1
            raise PluginError(f"{where(line)}: this page's template was refused: {error} — {HELP}") from None
        position = match.end()
    parts.append(markdown[position:])
    return "".join(parts)


@functools.lru_cache(maxsize=2048)
def _compiled(environment: ImmutableSandboxedEnvironment, expression: str) -> Callable[..., Any]:
    return environment.compile_expression(expression, undefined_to_none=False)

