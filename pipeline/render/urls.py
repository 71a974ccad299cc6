"""The site's URL scheme: where every generated page lives, written once.

Every page is named by its source path in the site (e.g. self-studies/x.md); engines publish it
at a folder URL (self-studies/x/). Links between pages are relative, so a site works from any
sub-path and from the file system.
"""

from __future__ import annotations

import posixpath

from pipeline import model
from pipeline.kinds import MEETING_TEMPLATE_ID


def study_src(study_id: str) -> str:
    return f"self-studies/{study_id}.md"


def mentor_src(page_id: str) -> str:
    return f"mentor-support/{page_id}.md"


def year_src(year: int) -> str:
    return f"year-{year}/index.md"


def module_src(module: model.Module, year: int = 1) -> str:
    return f"year-{year}/{module.slug}/index.md"


MEETING_TEMPLATE_SRC = "mentor-materials/meeting-template.md"
FRAMEWORK_SRC = "framework/index.md"
GLOSSARY_SRC = "glossary/index.md"
WHATS_DIFFERENT_SRC = "whats-different/index.md"  # schools' sites only: what differs from the national edition


def statement_anchor(code: str) -> str:
    return "statement-" + code.replace(".", "-")


def link(from_src: str, to_src: str) -> str:
    """A relative link between two pages, which MkDocs checks and rewrites."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


MENTOR_HOME_SRC = "mentor/index.md"
FEEDBACK_MODEL_SRC = "mentor/year-2/feedback-model.md"
STEP_EXAMPLES_SRC = "mentor/year-2/refining-and-replacing-action-steps.md"


def session_src(session: model.MentorSession) -> str:
    return f"mentor/sessions/{session.id}.md"


def form_src(form_id: str) -> str:
    return MEETING_TEMPLATE_SRC if form_id == MEETING_TEMPLATE_ID else f"mentor/forms/{form_id}.md"


def cycle_src(cycle: model.DevelopmentCycle) -> str:
    return f"mentor/year-2/{cycle.id}.md"


def handbook_src(chapter: model.HandbookChapter) -> str:
    return f"handbook/{chapter.id}.md"


SETUP_SRC = "set-up/index.md"  # the national site's "Set up your school" page
SETUP_DATA_SRC = "set-up/setup-data.js"  # what it checks with, generated from the pipeline
SCHEDULE_SRC = "schedule/index.md"
PROGRESS_SRC = "progress/index.md"


def calendar_src(slug: str, year: int | None = None) -> str:
    """A school's calendar feed: the whole induction, or one year of it."""
    return f"schedule/{slug or 'national'}-schedule{f'-year-{year}' if year else ''}.ics"


def page_url(src: str) -> str:
    """Where a page is published, from the site's root: pages get folder URLs (x/y.md → x/y/)."""
    if src == "index.md" or src.endswith("/index.md"):
        return src.removesuffix("index.md")
    return src.removesuffix(".md") + "/" if src.endswith(".md") else src


def mentor_template_src(page_id: str) -> str:
    """A study's own meeting template, among the mentor's forms (named by its mentor support page)."""
    return f"mentor-materials/meeting-templates/{page_id}.md"
