"""Tagged passages in writers' text: for some phases only, for the national edition only, for mentors only.

Writers tag prose in Markdown bodies and YAML text alike (content/README.md, "Passages for some
phases only"):

    ::: primary send              a block (paragraphs, lists, admonitions) for these phases
    In a Year 4 class, …
    :::

    [[secondary: In a Year 9 history lesson, …]]     one sentence, inside a paragraph or list item

    [[all: Year 7]]               a deliberate mention of another phase's term, kept everywhere
    ::: national                  only on the national (provider's) edition
    ::: mentors                   in a self-study: never on the ECT's page, shown on its mentor page

Contextualising renders every text with an `Edition`: a passage not for the edition goes without a
trace (its lines, its brackets, the space before it); a kept one loses its tags, and is labelled
with its phases when the site has other phases too (always on the national site).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

ALL, NATIONAL, MENTORS = "all", "national", "mentors"
SPECIAL_TAGS = (ALL, NATIONAL, MENTORS)

_OPEN = re.compile(r"^([ \t]*):::[ \t]*([^\s:].*?)[ \t]*$")
_CLOSE = re.compile(r"^([ \t]*):::[ \t]*$")
_INLINE_OPEN = re.compile(r"\[\[[ \t]*([A-Za-z][A-Za-z0-9 ,\t-]*?)[ \t]*:(?=[ \t\n])[ \t]*")
_CODE_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_BULLET_ONLY = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])?[ \t]*$")
_SECTION_CALL = re.compile(r'\{\{\s*section\(\s*"([^"]*)"\s*\)\s*\}\}')
_PUNCTUATION = ".,;:!?)"


def tags_of(written: str) -> tuple[str, ...]:
    """The tags as written after ':::' or before ':' in '[[…:': separated by spaces or commas, any case."""
    return tuple(tag.lower() for tag in re.split(r"[\s,]+", written.strip()) if tag)


def phase_tags(tags: Iterable[str]) -> tuple[str, ...]:
    return tuple(tag for tag in tags if tag not in SPECIAL_TAGS)


@dataclass
class Passage:
    """One tagged passage. Lines are 0-based line indexes in the text; offsets index the text."""

    tags: tuple[str, ...]
    written: str  # the tags as the writer wrote them, for messages
    block: bool
    line: int  # the line it opens on
    start: int  # offset of '::: …' / '[['
    inner_start: int
    inner_end: int = -1
    end: int = -1  # offset just after ':::' (with its line) / ']]'
    close_line: int = -1  # blocks: the line of the closing ':::' (-1: never closed)
    indent: str = ""  # blocks: the fence's indentation
    parent: Passage | None = None
    children: list[Passage] = field(default_factory=list)

    @property
    def phases(self) -> tuple[str, ...]:
        return phase_tags(self.tags)

    def ancestors(self) -> list[Passage]:
        found, node = [], self.parent
        while node is not None:
            found.append(node)
            node = node.parent
        return found


@dataclass(frozen=True)
class SyntaxProblem:
    line: int  # the file's line
    message: str
    hint: str


@dataclass
class Parsed:
    text: str
    first_line: int  # the file line the text starts on
    line_starts: list[int]
    blocks: list[Passage]  # top-level block passages (each holds its nested blocks)
    inlines: list[Passage]  # every sentence passage, in order
    problems: list[SyntaxProblem]
    code_lines: frozenset[int] = frozenset()

    def all_passages(self) -> list[Passage]:
        found: list[Passage] = []
        stack = list(self.blocks)
        while stack:
            node = stack.pop()
            found.append(node)
            stack += [child for child in node.children if child.block]
        return sorted(found + self.inlines, key=lambda p: p.start)

    def line_at(self, offset: int) -> int:
        """The 0-based line of an offset."""
        return bisect.bisect_right(self.line_starts, offset) - 1

    def file_line(self, line: int) -> int:
        return self.first_line + line

    def innermost(self, offset: int) -> Passage | None:
        """The innermost passage whose content holds `offset`."""
        best = None
        for passage in self.all_passages():
            if passage.inner_start <= offset < passage.inner_end and (
                    best is None or passage.inner_start >= best.inner_start):
                best = passage
        return best


def has_passages(text: str) -> bool:
    return "[[" in text or ":::" in text


def _code_lines(lines: list[str]) -> frozenset[int]:
    inside, found = False, set()
    for index, line in enumerate(lines):
        if _CODE_FENCE.match(line):
            found.add(index)
            inside = not inside
        elif inside:
            found.add(index)
    return frozenset(found)


@functools.lru_cache(maxsize=8192)  # validation rules, every school and the report read the same texts
def parse(text: str, first_line: int = 1) -> Parsed:
    """Every passage in `text`, and every mistake in how they are written (at file lines, counting
    from `first_line`). The result is shared: never change it."""
    lines = text.split("\n")
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    parsed = Parsed(text, first_line, starts, [], [], [], _code_lines(lines))
    if has_passages(text):
        _parse_blocks(parsed, lines)
        _parse_inlines(parsed, lines)
    return parsed


def _parse_blocks(parsed: Parsed, lines: list[str]) -> None:
    stack: list[Passage] = []

    def problem(index: int, message: str, hint: str) -> None:
        parsed.problems.append(SyntaxProblem(parsed.file_line(index), message, hint))

    for index, line in enumerate(lines):
        if index in parsed.code_lines:
            continue
        start = parsed.line_starts[index]
        if opened := _OPEN.match(line):
            passage = Passage(tags_of(opened[2]), opened[2].strip(), True, index, start,
                              start + len(line) + 1, indent=opened[1], parent=stack[-1] if stack else None)
            (stack[-1].children if stack else parsed.blocks).append(passage)
            stack.append(passage)
        elif closed := _CLOSE.match(line):
            if not stack:
                problem(index, "this ':::' closes no passage",
                        "remove it, or open a passage above it with a line such as '::: primary'")
                continue
            passage = stack.pop()
            if closed[1] != passage.indent:
                problem(index, f"this ':::' is indented differently from the '::: {passage.written}' it closes "
                        f"(line {parsed.file_line(passage.line)})", "indent both fence lines the same way")
            passage.close_line, passage.inner_end, passage.end = index, start, start + len(line) + 1
        elif stack and line.strip() and not line.startswith(stack[-1].indent):
            outer = stack[-1]
            problem(index, f"this line is indented less than the '::: {outer.written}' it is inside (line "
                    f"{parsed.file_line(outer.line)})",
                    "indent the passage's lines at least as far as its fence lines, or close it before this line")
    for passage in stack:
        problem(passage.line, f"the passage '::: {passage.written}' is never closed",
                "add a line with only ':::' after its last paragraph")
        passage.inner_end = passage.end = len(parsed.text)


def _innermost_block(blocks: list[Passage], line: int) -> Passage | None:
    for passage in blocks:
        last = passage.close_line if passage.close_line >= 0 else 10**9
        if passage.line < line < last:
            return _innermost_block([c for c in passage.children if c.block], line) or passage
    return None


def _parse_inlines(parsed: Parsed, lines: list[str]) -> None:
    # Code, and the fence lines of blocks, are left alone; positions are kept, so offsets still index the text.
    masked = _CODE_SPAN.sub(lambda m: " " * len(m.group()), parsed.text)
    masked = "\n".join(" " * len(line) if i in parsed.code_lines or _OPEN.match(line) or _CLOSE.match(line)
                       else line for i, line in enumerate(masked.split("\n")))
    position = 0
    while (opened := _INLINE_OPEN.search(masked, position)) is not None:
        line = parsed.line_at(opened.start())
        passage = Passage(tags_of(opened[1]), opened[1].strip(), False, line, opened.start(), opened.end(),
                          parent=_innermost_block(parsed.blocks, line))
        end = _inline_end(masked, opened.end())
        if end is None:
            parsed.problems.append(SyntaxProblem(
                parsed.file_line(line), f"the passage '[[{passage.written}: …' is never closed",
                "close it with ']]' before its paragraph ends"))
            position = opened.end()
            continue
        passage.inner_end, passage.end = end, end + 2
        if passage.parent is not None:
            passage.parent.children.append(passage)
        parsed.inlines.append(passage)
        _parse_mentions(parsed, masked, passage)
        position = passage.end


def _parse_mentions(parsed: Parsed, masked: str, outer: Passage) -> None:
    """Inside a sentence passage, only deliberate mentions ([[all: …]]) may be written."""
    position = outer.inner_start
    while (nested := _INLINE_OPEN.search(masked, position, outer.inner_end)) is not None:
        end = _inline_end(masked, nested.end())
        line = parsed.line_at(nested.start())
        if tags_of(nested[1]) != (ALL,) or end is None or end > outer.inner_end:
            parsed.problems.append(SyntaxProblem(
                parsed.file_line(line), "a sentence passage '[[…]]' cannot hold another, except [[all: …]]",
                "close the first passage before the second begins"))
            return
        mention = Passage((ALL,), nested[1].strip(), False, line, nested.start(), nested.end(), end, end + 2,
                          parent=outer)
        outer.children.append(mention)
        parsed.inlines.append(mention)
        position = mention.end


_BLANK_LINE = re.compile(r"\n[ \t]*(\n|$)")


def _inline_end(masked: str, start: int) -> int | None:
    """The offset of the ']]' that closes a sentence passage whose words start at `start`; None when its
    paragraph ends first. Brackets inside it (a link) are counted, so a link's ']' does not close it."""
    depth = 0
    for index in range(start, len(masked)):
        char = masked[index]
        if char == "\n" and _BLANK_LINE.match(masked, index):
            return None
        if char == "[":
            depth += 1
        elif char == "]":
            if depth == 0 and masked.startswith("]]", index):
                return index
            depth = max(0, depth - 1)
    return None


def section_at(text: str, offset: int) -> str | None:
    """The id of the last {{ section("…") }} before `offset`."""
    found = None
    for call in _SECTION_CALL.finditer(text, 0, offset):
        found = call[1]
    return found


# ---- rendering for one edition ---------------------------------------------------------------------


@dataclass(frozen=True)
class Edition:
    """What one site shows: its phases (ids, in order, with their names), and whether it is national."""

    phase_ids: tuple[str, ...]
    names: dict[str, str]
    national: bool
    mentors: bool = False  # True: passages for mentors are kept (when shown on the mentor page)

    def keep(self, tags: tuple[str, ...]) -> bool:
        phases = phase_tags(tags)
        if phases and not set(phases) & set(self.phase_ids):
            return False
        if NATIONAL in tags and not self.national:
            return False
        return self.mentors or MENTORS not in tags

    def for_mentors(self) -> Edition:
        return Edition(self.phase_ids, self.names, self.national, mentors=True)

    def label(self, tags: tuple[str, ...]) -> str | None:
        """What a kept passage is labelled with: its phases, when the site has others too."""
        parts = []
        phases = phase_tags(tags)
        shown = [self.names[p] for p in self.phase_ids if p in phases]
        if phases and len(shown) < len(self.phase_ids):
            parts.append(shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1])
        if NATIONAL in tags:
            parts.append("National edition only")
        return " · ".join(parts) or None


@dataclass
class Rendered:
    text: str
    lines: list[int]  # for each line of `text`, the 0-based line of the source it came from
    removed: list[Passage]  # passages removed for their phases or edition (outermost only)
    moved: list[Passage]  # passages for mentors, left out here and shown on the mentor page (outermost only)
    mentions: list[str] = field(default_factory=list)  # the words of every [[all: …]] kept


def render(text: str, edition: Edition, parsed: Parsed | None = None) -> Rendered:
    """The text as `edition` shows it. Assumes the text was checked (validate/passages.py)."""
    parsed = parsed or parse(text)
    if not parsed.blocks and not parsed.inlines:
        return Rendered(text, list(range(text.count("\n") + 1)), [], [])
    kept_blocks = _kept_blocks(parsed, edition)
    rendered = Rendered("", [], [], [])

    def gone(passage: Passage) -> None:
        moved = MENTORS in passage.tags and not edition.mentors and edition.for_mentors().keep(passage.tags)
        (rendered.moved if moved else rendered.removed).append(passage)

    source_lines = text.split("\n")
    lines = _render_inlines(parsed, edition, kept_blocks, gone, rendered.mentions).split("\n")
    emptied = {index for index, (before, after) in enumerate(zip(source_lines, lines, strict=True))
               if before.strip() and not _BULLET_ONLY.match(before) and _BULLET_ONLY.match(after)}
    out: list[tuple[str, int]] = []
    _render_blocks(parsed.blocks, 0, len(lines), _Lines(lines, emptied), edition, kept_blocks, gone, out)
    rendered.text, rendered.lines = "\n".join(line for line, _ in out), [source for _, source in out]
    return rendered


def _kept_blocks(parsed: Parsed, edition: Edition) -> set[int]:
    kept: set[int] = set()
    stack = list(parsed.blocks)
    while stack:
        passage = stack.pop()
        if edition.keep(passage.tags):
            kept.add(id(passage))
            stack += [child for child in passage.children if child.block]
    return kept


def _render_inlines(parsed: Parsed, edition: Edition, kept_blocks: set[int],
                    gone: Callable[[Passage], None], mentions: list[str]) -> str:
    """Sentence passages rendered; every line stays where it was (a removed passage leaves its line breaks)."""
    text, out, position = parsed.text, [], 0
    for passage in parsed.inlines:
        if any(a.block and id(a) not in kept_blocks for a in passage.ancestors()):
            continue  # inside a block that goes: the block takes it with it
        if passage.parent is not None and not passage.parent.block:
            continue  # a mention inside a sentence passage: rendered with it
        before = text[position:passage.start]
        end = passage.end
        if edition.keep(passage.tags):
            label = edition.label(passage.tags)
            tag = f'<span class="ect-passage-tag">{label}<span class="ect-hidden">:</span></span> ' if label else ""
            out += [before, tag, _words(text, passage, mentions)]
            position = end
            continue
        gone(passage)
        following = text[end:end + 1]
        line_start = before.rsplit("\n", 1)[-1]
        if before.endswith(" ") and line_start.strip() and (following in ("", "\n", " ") or following in _PUNCTUATION):
            before = before[:-1]  # "A. [[x: B.]] C." → "A. C."
        elif _BULLET_ONLY.match(line_start) and following == " ":
            end += 1  # at the start of a line (or a list item), it takes the space after it
        out += [before, "\n" * text.count("\n", passage.start, end)]
        position = end
    out.append(text[position:])
    return "".join(out)


def _words(text: str, passage: Passage, mentions: list[str]) -> str:
    """A kept sentence passage's words, with the brackets of the mentions inside it taken away."""
    if passage.tags == (ALL,):
        mentions.append(text[passage.inner_start:passage.inner_end])
    out, position = [], passage.inner_start
    for mention in (child for child in passage.children if not child.block):
        out += [text[position:mention.start], _words(text, mention, mentions)]
        position = mention.end
    return "".join(out) + text[position:passage.inner_end]


@dataclass(frozen=True)
class _Lines:
    text: list[str]
    dropped: set[int]  # lines left with nothing on them by a removed sentence passage

    def between(self, low: int, high: int) -> list[tuple[str, int]]:
        return [(self.text[i], i) for i in range(low, high) if i not in self.dropped]


def _render_blocks(blocks: list[Passage], low: int, high: int, lines: _Lines, edition: Edition,
                   kept_blocks: set[int], gone: Callable[[Passage], None], out: list[tuple[str, int]]) -> None:
    """Lines low..high-1 (0-based), with the block passages among them, appended to `out`."""
    index = low
    for passage in (p for p in blocks if p.block):
        out += lines.between(index, passage.line)
        close = passage.close_line if passage.close_line >= 0 else high
        index = close + 1
        if id(passage) not in kept_blocks:
            gone(passage)
            out.append(("", passage.line))  # it stood apart from what comes before and after: so does the rest
            continue
        inner: list[tuple[str, int]] = []
        _render_blocks(passage.children, passage.line + 1, close, lines, edition, kept_blocks, gone, inner)
        label = edition.label(passage.tags)
        out.append(("", passage.line))
        if label:  # an admonition, which holds anything a block can, at any depth
            fence = passage.indent
            out += [(f'{fence}!!! passage "{label}"', passage.line), ("", passage.line)]
            inner = [(fence + "    " + line.removeprefix(fence) if line.strip() else "", source)
                     for line, source in inner]
        out += inner
        out.append(("", close))
    out += lines.between(index, high)


def strip_allowed(text: str) -> tuple[str, list[str]]:
    """`[[all: …]]` written as its words alone (schools' text may mark a deliberate mention this way), and
    those words."""
    if "[[" not in text:
        return text, []
    out, mentions, position = [], [], 0
    for passage in parse(text).inlines:
        if passage.tags == (ALL,):
            mentions.append(" ".join(text[passage.inner_start:passage.inner_end].split()))
            out += [text[position:passage.start], mentions[-1]]
            position = passage.end
    return "".join(out) + text[position:], mentions


def snippet(parsed: Parsed, passage: Passage) -> tuple[str, int]:
    """A passage's content as text of its own (a block's lines without the fence's indentation), and the
    0-based line of the source it starts on."""
    if not passage.block:
        return parsed.text[passage.inner_start:passage.inner_end], passage.line
    lines = parsed.text[passage.inner_start:passage.inner_end].rstrip("\n").split("\n")
    return "\n".join(line.removeprefix(passage.indent) for line in lines), passage.line + 1
