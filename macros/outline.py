"""The macro vocabulary writers may use in Markdown bodies, and a parser that lists the calls.

The same table drives validation (which names and arguments are allowed) and the help text,
so the vocabulary is written down once.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from jinja2 import nodes
from jinja2.exceptions import TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment

# name -> the names of its string arguments
VOCABULARY: dict[str, tuple[str, ...]] = {
    "section": ("section id",),
    "scenarios": ('"start" or "end"',),
    "ingredients": ("ingredient set id",),
    "phase_examples": ("phase example set id",),
    "example_slot": ("slot id",),
    "look_fors": (),
    "suggested_actions": (),
    "statements": (),
    "meeting_template": (),
    "module_list": (),
}
# the induction-tutor handbook's macros: tables generated from the data
HANDBOOK_VOCABULARY: dict[str, tuple[str, ...]] = {
    "contacts": (),
    "module_sequence": (),
    "sequence_example": ("module letters, e.g. A,C,E,B,F,D",),
    "seminar_table": (),
    "time_commitments": ('"1" or "2"',),
    "webinar_table": ('"1" or "2"',),
    "electives_appendix": (),
    "focus_areas_appendix": (),
    "checklist": (),
    "key_terms": (),
}
# plain values a page may show, e.g. {{ school_name }}
VARIABLES = ("school_name", "programme_name")


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


@functools.lru_cache(maxsize=4096)  # validation, slots and the report all ask about the same bodies
def _macro_calls(body: str, first_line: int, vocabulary_items: tuple) -> tuple[tuple, tuple]:
    vocabulary = dict(vocabulary_items)
    try:
        tree = _parser.parse(body)
    except TemplateSyntaxError as error:
        return (), (BodyProblem(first_line + (error.lineno or 1) - 1, f"broken template syntax: {error.message}",
                                "check the {{ }} on this line"),)
    calls: list[MacroCall] = []
    problems: list[BodyProblem] = []
    for output in tree.find_all(nodes.Output):
        for node in output.nodes:
            if isinstance(node, nodes.TemplateData):
                continue
            line = first_line + node.lineno - 1
            known = ", ".join(f"{name}()" for name in vocabulary)
            if isinstance(node, nodes.Name) and node.name in VARIABLES:
                continue
            if not (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name)):
                problems.append(BodyProblem(line, "only a plain macro call may appear inside {{ }}",
                                            f"use one of: {known}"))
                continue
            name = node.node.name
            if name not in vocabulary:
                problems.append(BodyProblem(line, f"'{name}' is not a known macro", f"use one of: {known}"))
                continue
            expected = vocabulary[name]
            args = node.args
            if node.kwargs or node.dyn_args or node.dyn_kwargs or len(args) != len(expected) or not all(
                isinstance(a, nodes.Const) and isinstance(a.value, str) for a in args
            ):
                wanted = ", ".join(f'"{a}"' if not a.startswith('"') else a for a in expected)
                problems.append(BodyProblem(line, f"{name}() takes {len(expected)} quoted argument(s)",
                                            f"write {{{{ {name}({wanted}) }}}}"))
                continue
            calls.append(MacroCall(name, tuple(a.value for a in args), line))
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            problems.append(BodyProblem(first_line + node.lineno - 1, "{% %} blocks are not allowed in content",
                                        "use the macros listed in content/README.md"))
    return tuple(calls), tuple(problems)
