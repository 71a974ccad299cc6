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
