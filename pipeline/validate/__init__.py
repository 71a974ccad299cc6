"""Stage 2: validate. The programme's rules and cross-references, every problem in one run.

Each content kind has its own module of rules; each rule is a small named function registered
with `@rule` (see rules.py). To add a rule, write a function in the kind's module: nothing else.
"""

from __future__ import annotations

from pipeline import model
from pipeline.load.programme import Loaded
from pipeline.problems import Problem
from pipeline.validate import (  # noqa: F401 - importing a module registers its rules
    checklists,
    framework,
    handbook,
    images,
    links,
    markers,
    meeting_templates,
    mentor_materials,
    passages,
    personal_data,
    programme_facts,
    self_studies,
    sets,
    text,
    unused,
)
from pipeline.validate.rules import run_rules


def validate_programme(programme: model.Programme | None, loaded: Loaded) -> list[Problem]:
    """Every problem the rules find; with no programme (a core file failed), the rules on text only."""
    return run_rules(programme, loaded)
