"""How validation rules are written: small named functions, registered per content kind.

A rule receives a `Checking` (the programme, where each file's lines are, and a way to report)
and reports every problem it finds. `validate_programme` runs every registered rule; each
problem remembers the rule that found it, so the tests can show that every rule is exercised.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pipeline import model
from pipeline.load.programme import Loaded
from pipeline.load.yaml_lines import line_of
from pipeline.problems import Problem, did_you_mean


@dataclass
class Checking:
    """What every rule sees while the programme is checked."""

    programme: model.Programme  # for source rules, which run even when the programme could not be put together,
    loaded: Loaded  # this is an empty stand-in: they read `loaded` only
    problems: list[Problem] = field(default_factory=list)
    rule: str = ""  # the rule now running

    def shown(self, relative: str) -> str:
        """How a content file is named in messages, e.g. content/ingredients/x.yml."""
        root = self.loaded.shown_root
        return f"{root}/{relative}" if root not in ("", ".") else relative

    def line(self, relative: str, *location: object) -> int:
        return line_of(self.loaded.raw.get(relative), tuple(location)) or 1

    def report(self, relative: str, location: tuple[object, ...], field: str, message: str, hint: str,
               severity: str = "error") -> None:
        """A problem in a YAML file (or a Markdown file's front matter), at the line of `location`."""
        self.problems.append(Problem(self.shown(relative), self.line(relative, *location), field, message, hint,
                                     severity, rule=self.rule))

    def report_line(self, relative: str, line: int, field: str, message: str, hint: str,
                    severity: str = "error") -> None:
        """A problem at a known line, e.g. in a Markdown body."""
        self.problems.append(Problem(self.shown(relative), line, field, message, hint, severity, rule=self.rule))

    def failed(self, kind: str, item_id: str) -> bool:
        """True when the item's file exists but failed to load: it has been reported already."""
        return (kind, item_id) in self.loaded.failed


Rule = Callable[[Checking], None]
RULES: list[Rule] = []  # rules on the assembled programme
SOURCE_RULES: list[Rule] = []  # rules on every file that could be read, whatever else failed


def rule(function: Rule) -> Rule:
    """Register a validation rule; its name (module.function) is what tests and reports call it."""
    RULES.append(function)
    return function


def source_rule(function: Rule) -> Rule:
    """Register a rule that reads only the loaded files (`Checking.loaded`), never the programme."""
    SOURCE_RULES.append(function)
    return function


def rule_name(function: Rule) -> str:
    return f"{function.__module__.rpartition('.')[2]}.{function.__name__}"


def run_rules(programme: model.Programme | None, loaded: Loaded) -> list[Problem]:
    """Every source rule, and every programme rule when the programme could be put together."""
    checking = Checking(programme or _NO_PROGRAMME, loaded)
    for function in SOURCE_RULES + (RULES if programme is not None else []):
        checking.rule = rule_name(function)
        function(checking)
    return checking.problems


def duplicates(values: Iterable[str]) -> list[str]:
    return [value for value, count in Counter(values).items() if count > 1]


def second(values: list[str], value: str) -> int:
    """Where a value appears the second time: the place a message about a repeat points at."""
    return [index for index, item in enumerate(values) if item == value][1]



def one_of(values: Iterable[str], typed: str | None = None) -> str:
    """What to write instead of `typed`: the close match when there is one ("did you mean 'primary'?"),
    otherwise 'use one of: …', in the given order for a list (phases keep theirs), sorted otherwise."""
    choices = list(values) if isinstance(values, (list, tuple)) else sorted(values)
    return (did_you_mean(typed, choices) if typed is not None else None) or "use one of: " + ", ".join(choices)


_NO_PROGRAMME = model.Programme.model_construct()  # source rules never read it
