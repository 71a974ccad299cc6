"""YAML loading that remembers the line of every key and list item, so errors can point home."""

from __future__ import annotations

from typing import Any

import yaml

from .problems import Problem


class LineDict(dict):
    """A mapping from YAML that knows the line each key was written on."""

    def __init__(self, *args: Any, line: int = 0, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.line = line
        self.lines: dict[Any, int] = {}


class LineList(list):
    """A list from YAML that knows the line each item was written on."""

    def __init__(self, *args: Any, line: int = 0):
        super().__init__(*args)
        self.line = line
        self.lines: dict[int, int] = {}


class DuplicateKey(yaml.MarkedYAMLError):
    pass


# libyaml's parser (C) when PyYAML has it: loading is several times faster than pure Python.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):
    """A safe loader that keeps line numbers, rejects duplicate keys and reads 6.1 as text.

    The content model has no decimal numbers; codes such as 6.1 or 8.10 must stay text.
    """


_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:float"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict(line=node.start_mark.line + 1)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise DuplicateKey(
                None, None, f"the key '{key}' appears twice in one block", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    items = LineList(line=node.start_mark.line + 1)
    for index, child in enumerate(node.value):
        items.append(loader.construct_object(child, deep=True))
        items.lines[index] = child.start_mark.line + 1
    return items


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class YamlProblem(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def parse_yaml(text: str, path: str, first_line: int = 1) -> Any:
    """Parse YAML text; `first_line` is the file line the text starts on (front matter)."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a safe loader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + first_line) if mark else first_line
        what = error.problem or error.context or "malformed YAML"
        raise YamlProblem(
            Problem(path, line, "", f"this is not valid YAML: {what}",
                    "check the indentation and quotes on this line and the one before")
        ) from None
    except yaml.YAMLError as error:
        raise YamlProblem(Problem(path, first_line, "", f"this is not valid YAML: {error}")) from None
    if first_line != 1:
        _shift_lines(data, first_line - 1)
    return data


def _shift_lines(data: Any, offset: int) -> None:
    if isinstance(data, (LineDict, LineList)):
        data.line += offset
        for key in data.lines:
            data.lines[key] += offset
        for value in data.values() if isinstance(data, LineDict) else data:
            _shift_lines(value, offset)


def line_of(data: Any, location: tuple[Any, ...]) -> int:
    """The line of the deepest part of `location` (a path of keys and indexes) found in data."""
    line = getattr(data, "line", 0)
    for step in location:
        lines = getattr(data, "lines", None)
        if lines is None:
            break
        if step in lines:
            line = lines[step]
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            break
    return line
