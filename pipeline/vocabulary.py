"""The macro vocabulary writers may use in Markdown bodies, and a parser that lists the calls.

The vocabulary comes from the macros themselves (render/macros.py): validation, the sandbox and
mkdocs-macros all use that one registry.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from jinja2 import nodes
from jinja2.exceptions import TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from pipeline.problems import did_you_mean
from pipeline.render.macros import MACROS, VARIABLES

# name -> what each of its quoted arguments is; the macros themselves are in render/macros.py
VOCABULARY: dict[str, tuple[str, ...]] = {m.name: m.arguments for m in MACROS.values() if not m.handbook}
# the induction-tutor handbook's macros: tables generated from the data
HANDBOOK_VOCABULARY: dict[str, tuple[str, ...]] = {m.name: m.arguments for m in MACROS.values() if m.handbook}


@dataclass(frozen=True)
class MacroCall:
    name: str
    args: tuple[str, ...]
    line: int  # line in the file


@dataclass(frozen=True)
class BodyProblem:
    line: int
    message: str
    hint: str


_parser = ImmutableSandboxedEnvironment()


def macro_calls(body: str, first_line: int,
                vocabulary: dict[str, tuple[str, ...]] = VOCABULARY) -> tuple[list[MacroCall], list[BodyProblem]]:
    """Every {{ macro(...) }} in a Markdown body, in order, and every use outside the vocabulary."""
    calls, problems = _macro_calls(body, first_line, tuple(vocabulary.items()))
    return list(calls), list(problems)


# A page body may hold only {{ expressions }}: {% statements %} and {# comments #} are refused.
EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
STATEMENT = re.compile(r"\{%|\{#")
# name("text", "text") with plain double-quoted arguments; anything else goes to Jinja's parser
_SIMPLE_CALL = re.compile(r'\s*([A-Za-z_]\w*)\(\s*((?:"[^"\\{}]*"(?:\s*,\s*"[^"\\{}]*")*)?)\s*\)\s*')
_QUOTED = re.compile(r'"([^"]*)"')


@functools.lru_cache(maxsize=4096)  # validation, slots and the report all ask about the same bodies
def _macro_calls(body: str, first_line: int, vocabulary_items: tuple) -> tuple[tuple, tuple]:
    # Each {{ }} is parsed on its own: parsing a whole 5,000-word body as a template was most of
    # the cost of validating a large programme.
    vocabulary = dict(vocabulary_items)
    known = ", ".join(f"{name}()" for name in vocabulary)
    calls: list[MacroCall] = []
    problems: list[BodyProblem] = []

    def line_at(position: int) -> int:
        return first_line + body.count("\n", 0, position)

    for statement in STATEMENT.finditer(body):
        problems.append(BodyProblem(line_at(statement.start()), "{% %} and {# #} are not allowed in content",
                                    "use the macros listed in content/README.md"))
    unclosed = EXPRESSION.sub(lambda match: " " * len(match.group(0)), body).find("{{")  # positions kept
    if unclosed >= 0:
        problems.append(BodyProblem(line_at(unclosed), "broken template syntax: a '{{' is never closed",
                                    "close it with '}}' or remove it"))
    def check(name: str, args: tuple[str, ...] | None, line: int) -> None:
        """A call of `name` with these string arguments (None: not all of them plain strings)."""
        if name not in vocabulary:
            problems.append(BodyProblem(line, f"'{name}' is not a known macro",
                                        did_you_mean(name, list(vocabulary)) or f"use one of: {known}"))
        elif args is None or len(args) != len(vocabulary[name]):
            expected = vocabulary[name]
            wanted = ", ".join(f'"{a}"' if not a.startswith('"') else a for a in expected)
            problems.append(BodyProblem(line, f"{name}() takes {len(expected)} quoted argument(s)",
                                        f"write {{{{ {name}({wanted}) }}}}"))
        else:
            calls.append(MacroCall(name, args, line))

    for match in EXPRESSION.finditer(body):
        start_line = line_at(match.start())
        expression = match.group(1)
        if simple := _SIMPLE_CALL.fullmatch(expression):  # the usual case, read without Jinja's parser
            check(simple[1], tuple(_QUOTED.findall(simple[2])), start_line + expression[:simple.start(1)].count("\n"))
            continue
        try:
            output = _parser.parse("{{" + expression + "}}").body[0]
        except RecursionError:
            problems.append(BodyProblem(start_line, "this {{ }} is nested too deeply to read",
                                        "write a plain macro call, e.g. {{ section(\"id\") }}"))
            continue
        except (TemplateSyntaxError, IndexError) as error:
            detail = error.message if isinstance(error, TemplateSyntaxError) else "an empty {{ }}"
            problems.append(BodyProblem(start_line, f"broken template syntax: {detail}",
                                        "check the {{ }} on this line"))
            continue
        for node in output.nodes:
            line = start_line + node.lineno - 1
            if isinstance(node, nodes.Name) and node.name in VARIABLES:
                continue
            if not (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name)):
                problems.append(BodyProblem(line, "only a plain macro call may appear inside {{ }}",
                                            f"use one of: {known}"))
                continue
            plain = not (node.kwargs or node.dyn_args or node.dyn_kwargs) and all(
                isinstance(a, nodes.Const) and isinstance(a.value, str) for a in node.args)
            check(node.node.name, tuple(a.value for a in node.args) if plain else None, line)
    return tuple(calls), tuple(sorted(problems, key=lambda problem: problem.line))
