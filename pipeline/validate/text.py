"""Rules for text wherever writers write it: raw HTML and templates, in every YAML value and Markdown body.

They run on every file that could be read, even when others failed to load, so a writer sees these
problems in the same run. A template that check passes always renders.
"""

from __future__ import annotations

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
