"""YAML loading that remembers the line of every key and list item, so errors can point home."""

from __future__ import annotations

import re
from typing import Any

import yaml

from pipeline.problems import Problem


class LineDict(dict):
    """A mapping from YAML that knows the line each key was written on, and where each text value's
    first line of text is (for a block scalar, `key: |`, the line after the key)."""

    def __init__(self, *args: Any, line: int = 0, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.line = line
        self.lines: dict[Any, int] = {}
        self.text_lines: dict[Any, int] = {}


class LineList(list):
    """A list from YAML that knows the line each item was written on."""

    def __init__(self, *args: Any, line: int = 0):
        super().__init__(*args)
        self.line = line
        self.lines: dict[int, int] = {}
        self.text_lines: dict[int, int] = {}


def _text_line(node: yaml.Node) -> int:
    block = isinstance(node, yaml.ScalarNode) and node.style in ("|", ">")
    return node.start_mark.line + 1 + (1 if block else 0)


class DuplicateKey(yaml.MarkedYAMLError):
    pass


# libyaml's parser (C) when PyYAML has it: loading is several times faster than pure Python.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):
    """A safe loader that keeps line numbers, rejects duplicate keys and reads 6.1 and 2026-09-02 as text.

    The content model has no decimal numbers; codes such as 6.1 or 8.10 must stay text. Dates stay text
    too, checked by their own rules: YAML's own dates stop the loader at an impossible one (2026-02-30).
    """


_TEXT_TAGS = ("tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp")
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _TEXT_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict(line=node.start_mark.line + 1)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, (list, dict)):
            raise yaml.constructor.ConstructorError(None, None, "found unhashable key", key_node.start_mark)
        if key in mapping:
            raise DuplicateKey(
                None, None, f"the key '{key}' appears twice in one block", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = key_node.start_mark.line + 1
        mapping.text_lines[key] = _text_line(value_node)
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    items = LineList(line=node.start_mark.line + 1)
    for index, child in enumerate(node.value):
        items.append(loader.construct_object(child, deep=True))
        items.lines[index] = child.start_mark.line + 1
        items.text_lines[index] = _text_line(child)
    return items


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


# Limits that keep a hostile or broken file from exhausting the machine: sources are written by
# people, and nothing a person writes needs more than this.
MAX_DEPTH = 60  # blocks inside blocks
MAX_NODES = 200_000  # keys, values and list items in one file


MAX_BRACKETS = 1_000  # libyaml's own parser recurses in C: far deeper than this would crash the process
_BRACKET = re.compile(r"[\[\]{}]")


def _bracket_depth_line(text: str) -> int | None:
    """The line where [ and { brackets first nest past MAX_BRACKETS, checked before libyaml sees the text.
    Quotes are ignored, so brackets in prose count too: no real file comes near the limit."""
    depth = 0
    for match in _BRACKET.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_BRACKETS:
                return text.count("\n", 0, match.start()) + 1
        else:
            depth = max(0, depth - 1)
    return None


class _Refused(Exception):
    def __init__(self, line: int, message: str, hint: str):
        self.line, self.message, self.hint = line, message, hint


def _check_shape(root: yaml.Node) -> None:
    """Refuse aliases (`*name`), which can multiply a small file into gigabytes, and nesting deeper
    than MAX_DEPTH, which would exhaust the stack; walks the tree once, without recursion."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:  # the composer gives an alias the very node object it names
            raise _Refused(node.start_mark.line + 1, "YAML aliases (&name / *name) are not allowed in sources",
                           "write the value out in full where it is needed")
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise _Refused(node.start_mark.line + 1, f"the blocks are nested more than {MAX_DEPTH} deep",
                           "check the indentation and brackets: no source needs this much nesting")
        if len(seen) > MAX_NODES:
            raise _Refused(node.start_mark.line + 1, f"the file has more than {MAX_NODES:,} values",
                           "split it into smaller files")
        if isinstance(node, yaml.MappingNode):
            stack += [(child, depth + 1) for pair in node.value for child in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(child, depth + 1) for child in node.value]


class YamlProblem(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def parse_yaml(text: str, path: str, first_line: int = 1) -> Any:
    """Parse YAML text; `first_line` is the file line the text starts on (front matter)."""
    deep = _bracket_depth_line(text)
    if deep is not None:
        raise YamlProblem(Problem(path, deep + first_line - 1, "", f"brackets are nested more than {MAX_BRACKETS} deep",
                                  "check the [ and { brackets: no source needs this much nesting"))
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_shape(node)
        data = loader.construct_document(node)
    except _Refused as refused:
        raise YamlProblem(Problem(path, refused.line + first_line - 1, "", refused.message, refused.hint)) from None
    except RecursionError:  # deeper than the parser itself can go: _check_shape never saw it
        raise YamlProblem(Problem(path, first_line, "", "the blocks are nested too deeply to read",
                                  "check the indentation and brackets")) from None
    except yaml.MarkedYAMLError as error:
        line, message, hint = explain_yaml_error(error, text)
        raise YamlProblem(Problem(path, line + first_line - 1, "", f"this is not valid YAML: {message}",
                                  hint)) from None
    except yaml.reader.ReaderError as error:  # a character YAML refuses, e.g. a control character
        line = text.count("\n", 0, max(error.position, 0)) + 1
        raise YamlProblem(Problem(
            path, line + first_line - 1, "",
            f"this is not valid YAML: this line has an invisible control character (#x{error.character:04X}) in it",
            "delete it: it often comes with text copied from a PDF or a word processor")) from None
    except yaml.YAMLError as error:
        raise YamlProblem(Problem(path, first_line, "", f"this is not valid YAML: the YAML reader stopped ({error})",
                                  "check the indentation and quotes near the start of the file")) from None
    finally:
        loader.dispose()
    if first_line != 1:
        _shift_lines(data, first_line - 1)
    return data


_QUOTE_HINT = "put the whole value in quotes, e.g. title: \"Wait: then act\""
# What the YAML reader says (libyaml's words) → what it means for a writer, and what to do.
_YAML_EXPLAINED: tuple[tuple[str, str, str], ...] = (
    ("mapping values are not allowed", "a ': ' inside a value starts a new key in YAML", _QUOTE_HINT),
    ("mapping keys are not allowed", "a '? ' inside a value starts a key in YAML", _QUOTE_HINT),
    ("tab character", "a tab is used to indent this line", "indent with spaces only (two for each level)"),
    ("found unexpected end of stream", "a quote opened here is never closed",
     "close the quote at the end of the value"),
    ("did not find expected key", "this line does not line up with the keys above it, or text follows a closing quote",
     "indent it like the other keys of its block; if a quote opened above is not closed, close it"),
    ("did not find expected '-' indicator", "this line does not line up with the list items above it",
     "start each item with '- ' at the same indentation"),
    ("could not find expected ':'", "this line is not 'key: value', nor indented to continue the value above it",
     "add ': ' after the key, or indent the line like the text above it"),
    ("did not find expected ',' or ']'", "a [ list ] is not closed on its line, or an item in it has ': ' or brackets",
     "close it with ], or put the item in quotes"),
    ("did not find expected ',' or '}'", "a { block } is not closed on its line, or a value in it has ': ' or braces",
     "close it with }, or put the value in quotes"),
    ("found unknown escape character", "a backslash inside double quotes starts an escape YAML does not know",
     "use single quotes around the value, or write two backslashes"),
    ("found another document", "a line '---' splits the file in two",
     "remove the '---' (only a Markdown file has front matter between two '---' lines)"),
    ("block sequence entries are not allowed", "a list item ('- ') is on the same line as its key",
     "start the list on the next line, indented, or put the value in quotes"),
    ("alphabetic or numeric character", "a value cannot start with '&' or '*' in YAML", _QUOTE_HINT),
    ("found undefined alias", "a value cannot start with '*' in YAML", _QUOTE_HINT),
    ("could not determine a constructor", "a value cannot start with '!' in YAML", _QUOTE_HINT),
    ("expected comment or line break", "text follows '|' or '>' on the key's line",
     "start the text on the next line, indented"),
    ("expected <document start>", "this line is outside every block of the file", "check its indentation"),
    ("found unhashable key", "a key is a list or a block", "write each key as a plain word, e.g. title:"),
    ("expected node content", "a value is missing here, or starts with a character YAML reserves", _QUOTE_HINT),
)


def explain_yaml_error(error: yaml.MarkedYAMLError, text: str) -> tuple[int, str, str]:
    """The line (1-based, in `text`) and a plain explanation of what the YAML reader could not read."""
    mark = error.problem_mark or error.context_mark
    what = f"{error.context or ''} {error.problem or ''}"
    if "quoted scalar" in what and error.context_mark:  # an unclosed quote: point where it opens
        mark = error.context_mark
    line = mark.line + 1 if mark else 1
    if "cannot start any token" in what and mark:
        lines = text.splitlines()
        character = lines[mark.line][mark.column:mark.column + 1] if mark.line < len(lines) else ""
        if character == "\t":
            return line, "a tab is used to indent this line", "indent with spaces only (two for each level)"
        return line, f"a value cannot start with '{character}' in YAML", _QUOTE_HINT
    for raw, message, hint in _YAML_EXPLAINED:
        if raw in what:
            return line, message, hint
    return line, f"the YAML reader stopped here ({(error.problem or error.context or 'unreadable').strip()})", \
        "check the indentation and quotes on this line and the one before"


def _shift_lines(data: Any, offset: int) -> None:
    if isinstance(data, (LineDict, LineList)):
        data.line += offset
        for key in data.lines:
            data.lines[key] += offset
        for key in data.text_lines:
            data.text_lines[key] += offset
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


def text_values(data: Any, location: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], int, str]]:
    """Every text value in parsed YAML: (its location as keys and indexes, its first line, the text)."""
    found: list[tuple[tuple[Any, ...], int, str]] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, location)]
    while stack:
        node, where = stack.pop()
        if not isinstance(node, (LineDict, LineList)):
            continue
        items = node.items() if isinstance(node, LineDict) else enumerate(node)
        for key, value in items:
            if isinstance(value, str):
                found.append(((*where, key), node.text_lines.get(key, node.line), value))
            else:
                stack.append((value, (*where, key)))
    return sorted(found, key=lambda item: item[1])
