"""Rules for text wherever writers write it: raw HTML and templates, in every YAML value and Markdown body.

They run on every file that could be read, even when others failed to load, so a writer sees these
problems in the same run. A template that check passes always renders.
"""

from __future__ import annotations

import re

from pipeline.load.programme import field_name
from pipeline.load.yaml_lines import text_values
from pipeline.validate.html import html_problems
from pipeline.validate.rules import Checking, source_rule
from pipeline.vocabulary import VARIABLES, macro_calls

YAML_TEMPLATE_HINT = "in YAML text only " + " and ".join(f"{{{{ {name} }}}}" for name in VARIABLES) + " may be used"


@source_rule
def yaml_text_has_only_allowed_html(c: Checking) -> None:
    for relative, data in sorted(c.loaded.raw.items()):
        for location, line, text in text_values(data):
            for problem in html_problems(text, line):
                c.report_line(relative, problem.line, field_name(location), problem.message, problem.hint)


@source_rule
def yaml_text_uses_only_the_plain_values(c: Checking) -> None:
    for relative, data in sorted(c.loaded.raw.items()):
        for location, line, text in text_values(data):
            if "{" in text:
                for problem in macro_calls(text, line, {})[1]:
                    c.report_line(relative, problem.line, field_name(location), problem.message, YAML_TEMPLATE_HINT)


@source_rule
def bodies_have_only_allowed_html(c: Checking) -> None:
    for relative, (_, body) in sorted(c.loaded.bodies.items()):
        for problem in html_problems(body.text, body.first_line):
            c.report_line(relative, problem.line, "body", problem.message, problem.hint)


# Scaffolds (scripts/new.py) mark what a writer must replace with TODO. Left in, it would be published:
# a warning while writing, an error when publishing (check.py --strict-todo, in the publish workflow).
TODO = re.compile(r"\bTODO\b")
TODO_LEFT = "TODO text is still here"
TODO_HINT = "replace it with your own words (publishing stops while any is left)"


def todo_lines(text: str, first_line: int) -> list[int]:
    """The lines of text with a TODO marker on them."""
    return sorted({first_line + text.count("\n", 0, match.start()) for match in TODO.finditer(text)})


@source_rule
def no_todo_text_is_left(c: Checking) -> None:
    for relative, data in sorted(c.loaded.raw.items()):
        for location, line, text in text_values(data):
            for at in todo_lines(text, line):
                c.report_line(relative, at, field_name(location), TODO_LEFT, TODO_HINT, severity="warning")
    for relative, (_, body) in sorted(c.loaded.bodies.items()):
        for at in todo_lines(body.text, body.first_line):
            c.report_line(relative, at, "body", TODO_LEFT, TODO_HINT, severity="warning")
