"""The personal-data guard on content: every file writers keep in content/, as its text is written
(comments too: the sources are published in the repository). See safety/personal_data.py."""

from __future__ import annotations

from pipeline.problems import Problem
from pipeline.safety.personal_data import ALLOWED_FILE, describe, read_allowed, scan, yaml_field_at
from pipeline.validate.rules import Checking, source_rule


@source_rule
def content_has_no_personal_data(c: Checking) -> None:
    root = c.loaded.root
    if root is None:
        return
    allowed, problems = read_allowed(root / ALLOWED_FILE, c.shown(ALLOWED_FILE))
    c.problems += [Problem(p.path, p.line, p.field, p.message, p.hint, p.severity, rule=c.rule) for p in problems]
    for relative in sorted(set(c.loaded.raw) | set(c.loaded.bodies)):
        try:
            text = (root / relative).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):  # loading has said why
            continue
        body = c.loaded.bodies.get(relative)
        for finding in scan(text, allowed):
            in_body = body is not None and finding.line >= body[1].first_line
            field = "body" if in_body else yaml_field_at(c.loaded.raw.get(relative), finding.line)
            message, hint = describe(finding, c.shown(ALLOWED_FILE))
            c.report_line(relative, finding.line, field, message, hint, finding.severity)
