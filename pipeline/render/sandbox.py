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

from pipeline.vocabulary import EXPRESSION, STATEMENT

HELP = "only the macros listed in content/README.md may be used in pages"


# Limits, so that no template can exhaust the machine. check.py already refuses anything in a page
# but plain macro calls and the two values; these hold even for a page it never saw (docs/).
MAX_RENDERED_CHARS = 1_000_000  # what one {{ }} may produce: a whole self-study is about 60,000
MAX_SEQUENCE = 10_000  # the longest text or list that * may make
MAX_EXPONENT = 64  # the largest power ** may take
# Loops and ranges need no limit of their own: {% %} is refused and range() is not defined.


class TemplateProblem(Exception):
    """A page's template cannot be rendered: the message names the file and line."""


class TemplateLimit(Exception):
    """A template went past one of the limits above."""


def macro(function: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a function as one of the writers' macros: the only things a page may call."""
    function.is_ect_macro = True  # type: ignore[attr-defined]
    return function


class _Sandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
            raise TemplateLimit(f"a power above {MAX_EXPONENT}")
        if operator == "*":
            size = _repeated_size(left, right)
            if size > MAX_SEQUENCE:
                raise TemplateLimit(f"a text or list of {size:,} items (the limit is {MAX_SEQUENCE:,})")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's names
        if not getattr(__obj, "is_ect_macro", False):  # no str.ljust(10**9), no object's methods at all
            raise TemplateError(f"{getattr(__obj, '__name__', 'this')} cannot be called from a page")
        return super().call(__context, __obj, *args, **kwargs)


def _repeated_size(left: Any, right: Any) -> int:
    for sequence, times in ((left, right), (right, left)):
        if isinstance(sequence, (str, list, tuple)) and isinstance(times, int):
            return len(sequence) * times
    return 0


@functools.cache  # one for the process: it holds no state, and its compiled expressions are reused
def make_environment() -> ImmutableSandboxedEnvironment:
    environment = _Sandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)
    environment.globals.clear()  # no cycler, joiner, namespace, range, lipsum, dict
    environment.filters.clear()  # no |center(10**9), no |format: pages need none
    environment.tests.clear()
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
        raise TemplateProblem(f"{where(line)}: {{% %}} and {{# #}} are not allowed in pages — {HELP}")
    parts: list[str] = []
    position = 0
    for match in EXPRESSION.finditer(markdown):
        parts.append(markdown[position:match.start()])
        try:
            value = str(_compiled(environment, match.group(1).strip())(**context))
            if len(value) > MAX_RENDERED_CHARS:
                raise TemplateLimit(f"{len(value):,} characters from one {{{{ }}}} "
                                    f"(the limit is {MAX_RENDERED_CHARS:,})")
            parts.append(value)
        except TemplateLimit as error:
            line = markdown.count("\n", 0, match.start()) + 1
            raise TemplateProblem(f"{where(line)}: this template goes past a limit: {error} — {HELP}") from None
        except (RecursionError, MemoryError):
            line = markdown.count("\n", 0, match.start()) + 1
            raise TemplateProblem(f"{where(line)}: this template is too deeply nested or too large to render "
                              f"— {HELP}") from None
        except TemplateSyntaxError as error:
            line = markdown.count("\n", 0, match.start()) + 1
            raise TemplateProblem(f"{where(line)}: broken template syntax: {error.message} — {HELP}") from None
        except (TemplateError, TypeError, ValueError, KeyError, AttributeError) as error:
            # Refused by the sandbox, an undefined name, or a macro used where it does not belong:
            # all are the page's fault, so name the page and line.
            line = markdown.count("\n", 0, match.start()) + 1
            raise TemplateProblem(f"{where(line)}: this page's template was refused: {error} — {HELP}") from None
        position = match.end()
    parts.append(markdown[position:])
    return "".join(parts)


@functools.lru_cache(maxsize=2048)
def _compiled(environment: ImmutableSandboxedEnvironment, expression: str) -> Callable[..., Any]:
    return environment.compile_expression(expression, undefined_to_none=False)

