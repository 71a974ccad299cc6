"""Stage 1: load. Read content/ (YAML facts, Markdown prose) into model objects.

Loading knows files and YAML only. It checks each file against its model (keys, types) and
records every problem with its line; cross-references are checked later, in validate.py.
"""

from __future__ import annotations

import hashlib
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from pipeline import model
from pipeline.kinds import CONTENT_KINDS, KINDS, MEETING_TEMPLATE_ID, SourceKind
from pipeline.load import source_text
from pipeline.load.images import read_images
from pipeline.load.source_text import SourceUnreadable
from pipeline.load.yaml_lines import LineDict, YamlProblem, line_of, parse_yaml
from pipeline.problems import Problem, close_matches, did_you_mean, display_path

M = TypeVar("M", bound=BaseModel)

CONTENT_README = "content/README.md"


@dataclass
class Loaded:
    """What loading found: the objects that loaded cleanly, and every problem."""

    problems: list[Problem] = field(default_factory=list)
    # ids whose files exist but failed to load: references to them are not reported again
    failed: set[tuple[str, str]] = field(default_factory=set)
    # parsed YAML (with lines) by path relative to the content folder, for later messages
    raw: dict[str, Any] = field(default_factory=dict)
    # Markdown bodies by the same relative path, with the name the file is shown by in messages
    bodies: dict[str, tuple[str, model.Body]] = field(default_factory=dict)
    # how the content folder is shown in messages, e.g. "content"
    shown_root: str = "content"
    # the content folder itself, for rules that read a file's whole text (the personal-data guard)
    root: Path | None = None
    # image files beside the content, by path relative to the content folder (pipeline/images.py)
    images: dict[str, bytes] = field(default_factory=dict)


# ---- turning model errors into plain words --------------------------------------------


def _allowed_keys(model_class: type[BaseModel], location: tuple[Any, ...]) -> list[str]:
    """The keys allowed at `location` inside model_class, for 'unknown key' messages."""
    current: Any = model_class
    for step in location:
        if isinstance(step, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        info = current.model_fields.get(step)
        if info is None:
            break
        current = _inner_model(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [name for name in current.model_fields if name not in ("id", "body", "source")]
    return []


def _inner_model(annotation: Any) -> Any:
    for arg in (annotation, *typing.get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
        if isinstance(arg, types.GenericAlias) or typing.get_origin(arg) is not None:
            inner = _inner_model(arg) if arg is not annotation else None
            if inner is not None:
                return inner
    return None


def field_name(location: tuple[Any, ...]) -> str:
    text = ""
    for step in location:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


class _Shown(str):
    """A value as quoted in a message: its repr, cut short, so a huge value never floods the output."""

    def __repr__(self) -> str:
        return self


def _short(value: Any, limit: int = 60) -> _Shown:
    text = repr(value)
    return _Shown(text if len(text) <= limit else text[: limit - 1] + "…")


def _explain(error: dict[str, Any], model_class: type[BaseModel]) -> tuple[str, str]:
    kind, ctx = error["type"], error.get("ctx") or {}
    value = _short(error.get("input"))
    location = tuple(error["loc"])
    if kind == "missing":
        return "is missing", f"add it (see {CONTENT_README})"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model_class, location[:-1])
        close = did_you_mean(str(location[-1]), allowed)
        if close:
            return "is not a known key", close
        return "is not a known key", "remove it or check its spelling" + (
            f"; known keys here: {', '.join(allowed)}" if allowed else ""
        )
    if kind == "literal_error":
        return f"{value!r} is not allowed", f"use one of: {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        if "\\d" in str(ctx.get("pattern", "")):
            return f"{value!r} is not a framework code", "write it as printed, e.g. 6.1, 6.a or 6I"
        return f"{value!r} is not a valid id", "use lower-case words joined by hyphens, e.g. time-to-act"
    if kind == "timing":
        return error["msg"], "write a number of minutes (8) or a range (5-8), or leave minutes out if untimed"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"expected a whole number, got {value!r}", "write minutes and numbers as digits, e.g. 8"
    if kind in ("float_parsing", "float_type"):
        return f"expected a number, got {value!r}", "write it in digits, e.g. 22.5"
    if kind in ("string_type",):
        if isinstance(error.get("input"), dict) and len(error["input"]) == 1:
            return ("expected text, but YAML read a key and value here",
                    "the text contains ': ', which starts a key in YAML — put the whole text in quotes")
        return f"expected text, got {value!r}", "write text here (quote it if it looks like a number or yes/no)"
    if kind in ("list_type", "tuple_type"):
        return "expected a list", "write one item per line, each starting with '- '"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "expected a block of keys and values", f"see the example in {CONTENT_README}"
    if kind in ("too_short", "too_long"):
        return error["msg"].replace("List", "the list").replace("Value", "it"), "see the rules in the comment above it"
    if kind.startswith(("date_", "datetime_")):
        return f"{value!r} is not a date", "write it as YYYY-MM-DD, e.g. 2025-03-14"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"{value!r} is out of range: {error['msg'].lower()}", "check the number"
    return error["msg"], f"see {CONTENT_README}"


def build(model_class: type[M], data: Any, shown_as: str, extra: dict[str, Any],
          problems: list[Problem]) -> M | None:
    """Check data against its model; on failure add one Problem per error and return None."""
    if not isinstance(data, dict):
        problems.append(Problem(shown_as, getattr(data, "line", 1), "",
                                "expected a block of keys and values at the top of the file",
                                f"see the example in {CONTENT_README}"))
        return None
    try:
        return model_class.model_validate({**data, **extra})
    except ValidationError as error:
        for detail in _one_per_mistake(error.errors()):
            location = tuple(detail["loc"])
            message, hint = _explain(detail, model_class)
            problems.append(Problem(shown_as, line_of(data, location) or 1, field_name(location), message, hint))
        return None


def _union_tag(step: Any) -> bool:
    """A step pydantic adds to an error's location to name the branch of `text | Block` it tried."""
    return isinstance(step, str) and (step in ("str", "constrained-str") or step[:1].isupper())


def _one_branch(errors: list[Any]) -> list[Any]:
    """For a value that may be text or a block of keys, only the errors of the form the writer chose."""
    text_input: dict[tuple[Any, ...], Any] = {}
    for error in errors:
        location = tuple(error["loc"])
        for index, step in enumerate(location):
            if step in ("str", "constrained-str"):
                text_input[location[:index]] = error.get("input")
    kept = []
    for error in errors:
        location = tuple(error["loc"])
        index = next((i for i, step in enumerate(location) if _union_tag(step)), None)
        if index is not None:
            prefix = location[:index]
            if (prefix in text_input and isinstance(text_input[prefix], dict)) == (location[index] in (
                    "str", "constrained-str")):
                continue  # the branch that does not fit what was written
            error = {**error, "loc": prefix + location[index + 1:]}
        kept.append(error)
    return kept


def _one_per_mistake(errors: list[Any]) -> list[Any]:
    """One message for each mistake. A misspelt key is one mistake, not two: drop the 'is missing'
    for a key that an unknown key beside it was probably meant to be (the unknown key's message then
    suggests it)."""
    errors = _one_branch(errors)
    unknown = [tuple(e["loc"]) for e in errors if e["type"] == "extra_forbidden"]
    kept = []
    for error in errors:
        location = tuple(error["loc"])
        if error["type"] == "missing" and any(
                other[:-1] == location[:-1] and close_matches(str(other[-1]), [str(location[-1])])
                for other in unknown):
            continue
        kept.append(error)
    return kept


# ---- reading files ----------------------------------------------------------------------

def shown(path: Path, root: Path) -> str:
    """How a content file is named in messages: the content folder as given, then the file's path in it."""
    try:
        relative = path.relative_to(root).as_posix()
    except ValueError:
        return display_path(path)
    base = display_path(root)
    return relative if base == "." else f"{base}/{relative}"


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^---[ \t]*$\n?", re.DOTALL | re.MULTILINE)


def read_yaml(path: Path, root: Path, problems: list[Problem], data: bytes | None = None) -> Any:
    """A YAML file's data (None, with a problem added, if it cannot be read). `data`: its bytes, if read already."""
    shown_as = shown(path, root)
    try:
        text = source_text.decode(data, shown_as) if data is not None else source_text.read_text(path, shown_as)
        parsed = parse_yaml(text, shown_as)
    except (YamlProblem, SourceUnreadable) as error:
        problems.append(error.problem)
        return None
    if parsed is None:
        problems.append(Problem(shown_as, 1, "", "the file is empty", f"see the example in {CONTENT_README}"))
    return parsed


def read_markdown(path: Path, root: Path, problems: list[Problem],
                  data: bytes | None = None) -> tuple[Any, model.Body] | None:
    """Split a Markdown file into its YAML front matter and its body."""
    shown_as = shown(path, root)
    try:
        text = source_text.decode(data, shown_as) if data is not None else source_text.read_text(path, shown_as)
    except SourceUnreadable as error:
        problems.append(error.problem)
        return None
    text = text.replace("\r\n", "\n")
    match = _FRONT_MATTER.match(text)
    if not match:
        problems.append(Problem(shown_as, 1, "", "the front matter is missing",
                                "start the file with a line '---', the facts in YAML, then another '---'"))
        return None
    try:
        front = parse_yaml(match.group(1), shown_as, first_line=2)
    except YamlProblem as error:
        problems.append(error.problem)
        return None
    body_first_line = text[: match.end()].count("\n") + 1
    return (front if front is not None else LineDict(line=1)), model.Body(
        text=text[match.end():], first_line=body_first_line
    )


def _read_item(path: Path, root: Path, model_class: type[M], shown_as: str, item_id: str | None,
               problems: list[Problem], data: bytes | None = None) -> tuple[M | None, Any, model.Body | None]:
    """One file's object (None if it has problems) and its parsed YAML. Files in folders get their
    id from their name; single files (programme.yml, …) have none."""
    extra: dict[str, Any] = {} if item_id is None else {"id": item_id}
    if path.suffix == ".md":
        parts = read_markdown(path, root, problems, data)
        if parts is None:
            return None, None, None
        parsed, body = parts
        return build(model_class, parsed, shown_as, {**extra, "body": body, "source": shown_as}, problems), parsed, body
    parsed = read_yaml(path, root, problems, data)
    if parsed is None:
        return None, None, None
    return build(model_class, parsed, shown_as, extra, problems), parsed, None


class _Reader:
    """Reads content files into their models for one load, reusing what the last load read.

    A file whose bytes are the same as at the last load is not read again: its object and its
    problems are reused (objects are frozen). A preview rebuild then reads only what changed.
    """

    _last: dict[tuple, tuple[Any, Any, model.Body | None, list[Problem]]] = {}  # the last load's files

    def __init__(self, root: Path, loaded: Loaded) -> None:
        self.root, self.loaded = root, loaded
        self.this_load: dict[tuple, tuple[Any, Any, model.Body | None, list[Problem]]] = {}

    def read(self, path: Path, model_class: type[M], item_id: str | None) -> M | None:
        relative, shown_as = path.relative_to(self.root).as_posix(), shown(path, self.root)
        try:
            data = path.read_bytes()
        except OSError:  # _read_item reports it
            return _read_item(path, self.root, model_class, shown_as, item_id, self.loaded.problems)[0]
        key = (model_class.__name__, shown_as, relative, item_id, hashlib.sha256(data).digest())
        if key not in _Reader._last:
            problems: list[Problem] = []
            _Reader._last[key] = (*_read_item(path, self.root, model_class, shown_as, item_id, problems, data),
                                  problems)
        item, parsed, body, problems = self.this_load[key] = _Reader._last[key]
        self.loaded.raw[relative] = parsed
        if body is not None:
            self.loaded.bodies[relative] = (shown_as, body)
        self.loaded.problems.extend(problems)
        return item

    def single(self, kind: SourceKind) -> Any:
        path = self.root / kind.pattern
        if not path.is_file():
            self.loaded.problems.append(Problem(shown(path, self.root), 0, "", "this file is missing",
                                                f"create it (see {CONTENT_README})"))
            return None
        return self.read(path, kind.model, None)

    def folder(self, kind: SourceKind) -> dict[str, Any]:
        """Every file of a kind's folder, by id (the file's name); files that fail are left out."""
        folder = self.root / kind.folder
        items: dict[str, Any] = {}
        for path in sorted(folder.glob(f"*{kind.suffix}")) if folder.is_dir() else []:
            if path.name.startswith(("_", ".")) or path.name.lower() == "readme.md":
                continue
            if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", path.stem):
                self.loaded.problems.append(Problem(shown(path, self.root), 0, "file name",
                                                    f"'{path.name}' is not a valid id",
                                                    "rename the file: lower-case words joined by hyphens"))
                continue
            item = self.read(path, kind.model, path.stem)
            if item is None:
                self.loaded.failed.add((kind.name, path.stem))
            else:
                items[path.stem] = item
        return items

    def finish(self) -> None:
        _Reader._last = self.this_load  # keeps only the files as they are now


def forget_files() -> None:
    """Forget what earlier loads read (benchmarks that time loading itself)."""
    _Reader._last = {}


def load_programme(content_dir: Path) -> tuple[model.Programme | None, Loaded]:
    """Load every content file: the Programme (None if a one-file kind failed) and every problem.

    Files that fail are left out of the Programme and listed in `Loaded.failed`.
    """
    loaded = Loaded(shown_root=display_path(content_dir), root=content_dir)
    if not content_dir.is_dir():
        loaded.problems.append(Problem(str(content_dir), 0, "", "the content folder does not exist",
                                       "pass the folder that holds programme.yml with --content"))
        return None, loaded
    reader = _Reader(content_dir, loaded)
    values = {kind.field: reader.single(kind) if kind.one_file else reader.folder(kind) for kind in CONTENT_KINDS}
    reader.finish()
    loaded.images = read_images(content_dir)
    template = KINDS["template"]
    if MEETING_TEMPLATE_ID not in values[template.field] and ("template", MEETING_TEMPLATE_ID) not in loaded.failed:
        loaded.problems.append(Problem(shown(content_dir / template.folder / f"{MEETING_TEMPLATE_ID}.yml", content_dir),
                                       0, "", "the mentor–ECT meeting template is missing",
                                       f"create it (see {CONTENT_README})"))
    if any(values[kind.field] is None for kind in CONTENT_KINDS if kind.one_file):
        return None, loaded
    return model.Programme(**{kind.field: kind.assemble(values[kind.field]) for kind in CONTENT_KINDS},
                           images=loaded.images), loaded
