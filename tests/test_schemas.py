"""JSON Schemas for editors: generated from the model, never stale, and true to the loader."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from pipeline.kinds import CONTENT_KINDS, SCHOOL_KIND
from pipeline.load.programme import read_markdown
from tests.conftest import PROJECT

SCHEMAS = PROJECT / "schemas"


def schema(kind) -> dict:
    return json.loads((SCHEMAS / f"{kind.schema}.schema.json").read_text())


def sources(kind) -> list[Path]:
    base = PROJECT if kind is SCHOOL_KIND else PROJECT / "content"
    return sorted(p for p in base.glob(kind.pattern) if p.name.lower() != "readme.md")


class _EditorLoader(yaml.SafeLoader):
    """YAML as editors read it (YAML 1.2: 6.1 is a number, 2026-09-02 is text)."""


_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def as_typed(path: Path):
    """A source file's YAML as an editor reads it (plain YAML, 6.1 is a number, a date is text)."""
    if path.suffix == ".md":
        text = path.read_text()
        return yaml.load(text.split("---\n")[1], Loader=_EditorLoader)  # noqa: S506 - a safe loader
    return yaml.load(path.read_text(), Loader=_EditorLoader)  # noqa: S506 - a safe loader


def test_committed_schemas_are_up_to_date():
    run = subprocess.run([sys.executable, "scripts/schemas.py", "--check"], cwd=PROJECT,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout


@pytest.mark.parametrize("kind", [*CONTENT_KINDS, SCHOOL_KIND], ids=lambda k: k.name)
def test_every_source_file_passes_its_schema(kind):
    files = sources(kind)
    assert files, f"no {kind.name} files to check"
    validator = jsonschema.Draft202012Validator(schema(kind))
    for path in files:
        errors = [e.message for e in validator.iter_errors(as_typed(path))]
        assert not errors, f"{path}: {errors}"


def test_schemas_catch_what_the_loader_catches():
    validator = jsonschema.Draft202012Validator(schema(next(k for k in CONTENT_KINDS if k.name == "scenario set")))
    data = as_typed(PROJECT / "content" / "scenarios" / "feedback-in-six-settings.yml")
    data["scenarios"][0]["teachr"] = data["scenarios"][0].pop("teacher")
    data["scenarios"][1]["options"][0]["kind"] = "essay"
    messages = " ".join(e.message for e in validator.iter_errors(data))
    assert "'teachr' was unexpected" in messages
    assert "'teacher' is a required property" in messages
    assert "'essay' is not one of" in messages


def test_every_field_is_explained():
    for path in SCHEMAS.glob("*.schema.json"):
        document = json.loads(path.read_text())
        for name, definition in [("top", document), *document.get("$defs", {}).items()]:
            for field, spec in definition.get("properties", {}).items():
                assert spec.get("description"), f"{path.name}: {name}.{field} has no description"


def test_the_editor_maps_every_yaml_kind_to_its_schema():
    settings = json.loads((PROJECT / ".vscode" / "settings.json").read_text())["yaml.schemas"]
    mapped = {glob for globs in settings.values() for glob in globs}
    for kind in [*CONTENT_KINDS, SCHOOL_KIND]:
        if kind.suffix == ".yml":
            assert any(glob.endswith(kind.pattern) for glob in mapped), kind.name
    for schema_path in settings:
        assert (PROJECT / schema_path).is_file()


@pytest.mark.parametrize("kind", [k for k in CONTENT_KINDS if k.suffix == ".md"], ids=lambda k: k.name)
def test_front_matter_of_markdown_is_what_the_schema_describes(kind):
    """The schema test reads front matter as an editor does; the loader must find the same fields."""
    files = sources(kind)
    assert files, f"no {kind.name} files to check"
    for path in files:
        problems: list = []
        parts = read_markdown(path, PROJECT / "content", problems)
        assert parts is not None and not problems, (path, problems)
        assert sorted(parts[0]) == sorted(as_typed(path)), path


def validator_for(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema(next(k for k in [*CONTENT_KINDS, SCHOOL_KIND] if k.name == name)))


def test_schemas_describe_sessions_cycles_modules_and_years_as_written():
    """Editors see the new parts of sessions, cycles, modules and years, and their limits."""
    session = as_typed(PROJECT / "content" / "mentor-sessions" / "module-e-week-4.yml")
    assert not list(validator_for("mentor session").iter_errors(session))
    session["theory_to_practice"]["activities"][0]["elements"] = ["scripting", "rehearsal", "analyse-artefacts"]
    session["theory_to_practice"]["activities"][1]["element"] = "scripting"
    messages = " ".join(e.message for e in validator_for("mentor session").iter_errors(session))
    assert "is too long" in messages and "'element' was unexpected" in messages

    cycle = as_typed(PROJECT / "content" / "development-cycles" / "cycle-1.yml")
    assert not list(validator_for("development cycle").iter_errors(cycle))
    cycle["interactions"][1]["parts"][0]["writing"][0]["lines"] = 50
    cycle["interactions"][2]["deliberate_practice"]["steps"] = ["only one step"]
    cycle["planner"][0]["half_terms"] = cycle["planner"][0].pop("half_term")
    errors = list(validator_for("development cycle").iter_errors(cycle))
    messages = " ".join(e.message for e in errors)
    assert "50 is greater than the maximum of 20" in messages and "'half_term' is a required property" in messages
    assert ["interactions", 2, "deliberate_practice"] in [list(e.absolute_path) for e in errors]  # one step: too few

    examples = {"examples": [{"kind": "new-step", "situation": "s", "before": {"name": "n", "instruction": "i"},
                              "after": {"name": "n", "instruction": "i"}, "success_criteria": ["c"]}]}
    assert not list(validator_for("action step examples").iter_errors(examples))
    years = as_typed(PROJECT / "content" / "years.yml")
    years["years"][1]["seminars"][1]["subject_phase_specific"] = "yes"
    years["years"][0]["time_commitments"][0]["hours"] = "one"
    paths = [list(e.absolute_path) for e in validator_for("years").iter_errors(years)]
    assert ["years", 1, "seminars", 1] in paths and ["years", 0, "time_commitments", 0, "hours"] in paths
    modules = as_typed(PROJECT / "content" / "modules.yml")
    modules["modules"][0]["number"] = "one"
    assert list(validator_for("modules").iter_errors(modules))
    school = {"name": "X", "phases": ["primary"], "module_order": [1, "Module 3", "b", 5, 4, 6]}
    assert not list(validator_for("school").iter_errors(school))
