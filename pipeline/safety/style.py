"""The house style, as `check.py --style` checks it: spelling in British English, sentence length and
words to avoid. The writers keep the settings, the programme's own words and the words to avoid
in content/style.yml (see content/README.md, "House style").

Each rule gives warnings, which never stop a build; a rule the writers set to `level: error` gives
errors, which stop check.py and every build (the build then runs that rule too).

Only prose is checked: Markdown bodies and YAML text with a space in it, without code, macros,
HTML, links' addresses, people's names after a title (Mrs Patel) or authors cited (Wiliam, 2011),
words in capitals (EYFS) and words with digits. Spelling uses Hunspell (chunspell) with the
British English dictionary in data/, loaded only when the spelling rule is on.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from pipeline.load.programme import Loaded, build, field_name, read_yaml
from pipeline.load.yaml_lines import text_values
from pipeline.model import Model
from pipeline.problems import Problem

STYLE_FILE = "style.yml"
DICTIONARY_DIR = Path(__file__).resolve().parent / "data"

Level = Literal["warning", "error", "off"]


class Spelling(Model):
    level: Level = Field(default="warning", description="warning, error (stops the build) or off.")
    words: list[str] = Field(default_factory=list, description="The programme's own words, spelt as they should "
                             "be: names, terms, acronyms. A word in lower case is accepted in any case.")


class SentenceLength(Model):
    level: Level = Field(default="warning", description="warning, error (stops the build) or off.")
    max_words: int = Field(default=30, ge=5, le=200, description="The most words a sentence may have.")


class Avoid(Model):
    level: Level = Field(default="warning", description="warning, error (stops the build) or off.")
    words: dict[str, str] = Field(default_factory=dict, description="Word or phrase to avoid → what to write "
                                  "instead.")


class StyleSettings(Model):
    """content/style.yml: the house style that `check.py --style` checks."""

    spelling: Spelling = Field(default_factory=Spelling)
    sentence_length: SentenceLength = Field(default_factory=SentenceLength)
    avoid: Avoid = Field(default_factory=Avoid)


def check_style(content_dir: Path, loaded: Loaded, errors_only: bool = False) -> list[Problem]:
    """The house style's problems in the loaded content (with any problem in style.yml itself).
    `errors_only`: only the rules the writers set to `error`, as every build checks them."""
    settings, problems = read_settings(content_dir, loaded.shown_root)
    return problems + style_problems(loaded, settings, errors_only)


def read_settings(content_dir: Path, shown_root: str) -> tuple[StyleSettings, list[Problem]]:
    """The writers' settings (the defaults when there is no style.yml), and any problem with the file."""
    path = content_dir / STYLE_FILE
    if not path.is_file():
        return StyleSettings(), []
    problems: list[Problem] = []
    data = read_yaml(path, content_dir, problems)
    settings = build(StyleSettings, data, f"{shown_root}/{STYLE_FILE}" if shown_root not in ("", ".") else STYLE_FILE,
                     {}, problems) if data is not None else None
    return settings or StyleSettings(), problems


# ---- prose: what readers read, with everything else blanked out (positions kept) ------------------

_BLANK = [
    re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL),  # fenced code
    re.compile(r"`[^`\n]*`"),  # inline code
    re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL),  # macros
    re.compile(r"<[^>\n]*>"),  # HTML tags
    re.compile(r"^[ \t]*:::(?:[ \t][^\n]*)?$", re.MULTILINE),  # a passage's fence: ::: eyfs … :::
    re.compile(r"\[\[[\w ,-]+:|\]\]"),  # a tagged sentence's tags: [[eyfs: … ]] (its words stay prose)
    re.compile(r"!\[|\[(?=[^\]\n]*\]\()"),  # an image's or a link's opening bracket: its words stay prose
    re.compile(r"(?<=\])\([^)\s]*(?:\s+\"[^\"]*\")?\)"),  # a link's address
    re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.MULTILINE),  # a link reference's definition
    re.compile(r"^\*\[[^\]]+\]:", re.MULTILINE),  # an abbreviation's key: *[ECT]:
    re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+", re.MULTILINE),  # an admonition's type
    re.compile(r"\{:?\s*[.#][^}]*\}"),  # attribute lists
    re.compile(r"\b(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # addresses
]
# Names the dictionary cannot know, left out of the spelling check only (sentences keep them):
_NAMES = [
    re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?[ \t]+[A-Z][\w'’-]*"),  # a title and a surname
    # authors cited: (Hattie and Timperley, 2007), Wiliam (2011), (Elliott et al., 2016; EEF, 2021)
    re.compile(r"\((?:[^()]*?(?:19|20)\d\d[a-z]?)\)"),
    re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:and|&)\s+[A-Z][\w'’-]+|\s+et\s+al\.?)?(?=\s+\((?:19|20)\d\d)"),
    # a reference in a list, cited as published (titles keep their own spelling): - Wiliam, D. (2011) …
    re.compile(r"^[ \t]*[-*+][ \t]+[A-Z][^\n]*?\((?:19|20)\d\d[a-z]?\)[^\n]*$", re.MULTILINE),
]


def prose(text: str) -> str:
    """The text with everything that is not prose replaced by spaces, so positions and lines stay."""
    for pattern in _BLANK:
        text = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    return text


@dataclass(frozen=True)
class Passage:
    """A piece of prose from one source file."""

    relative: str  # the file, relative to content/
    field: str
    first_line: int
    text: str


# Values that name things rather than say them: ids, references, codes, dates.
_NOT_PROSE_KEYS = {"id", "phase", "kind", "module", "aligned_study", "scenario_set", "action_set", "element",
                   "edition_date", "code", "source", "file"}


def passages(loaded: Loaded) -> Iterator[Passage]:
    for relative, data in sorted(loaded.raw.items()):
        for location, line, text in text_values(data):
            keys = [step for step in location if isinstance(step, str)]
            if " " in text.strip() and not (keys and keys[-1] in _NOT_PROSE_KEYS):
                yield Passage(relative, field_name(location), line, text)
    for relative, (_, body) in sorted(loaded.bodies.items()):
        yield Passage(relative, "body", body.first_line, body.text)


# ---- the rules --------------------------------------------------------------------------------

@dataclass(frozen=True)
class StyleFinding:
    passage: Passage
    offset: int  # in the passage's text
    rule: str  # spelling, sentence_length or avoid
    message: str
    hint: str
    key: str = ""  # findings with the same key in one file are one mistake: reported once

    @property
    def line(self) -> int:
        return self.passage.first_line + self.passage.text.count("\n", 0, self.offset)


_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bal)(?<!\bvs)[.!?]['\"’”)]*(?=\s+[\"'‘“(]?"
                           r"[A-Z0-9]|\s*$)")
_BLOCK_BREAK = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.|#+|>|\|)\s)|\||\n(?=\s*#)")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_ACRONYM = re.compile(r"[A-Z][A-Z&]+s?")  # EYFS, SENCOs: in capitals, so not checked


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """Every sentence of some prose, with its offset: blocks (paragraphs, list items, headings, table
    cells) first, then full stops, question and exclamation marks followed by a capital."""
    start = 0
    for block in [*_BLOCK_BREAK.finditer(text), None]:
        end = block.start() if block else len(text)
        piece_start = start
        for stop in [*_SENTENCE_END.finditer(text, start, end), None]:
            piece_end = stop.end() if stop else end
            if text[piece_start:piece_end].strip():
                yield piece_start, text[piece_start:piece_end]
            piece_start = piece_end
        start = block.end() if block else len(text)


def long_sentences(passage: Passage, clean: str, max_words: int) -> Iterator[StyleFinding]:
    for offset, sentence in sentences(clean):
        words = _WORD.findall(sentence) + re.findall(r"\b\d[\d,.]*\b", sentence)
        if len(words) > max_words:
            leading = " ".join(sentence.split()[:6])
            skipped = len(sentence) - len(sentence.lstrip())
            yield StyleFinding(passage, offset + skipped, "sentence_length",
                               f"a sentence of {len(words)} words ('{leading} …'), more than {max_words}",
                               "split it into shorter sentences (the limit is sentence_length.max_words in "
                               "content/style.yml)")


@functools.cache
def _hunspell() -> Any:
    from hunspell import Hunspell  # loaded only when spelling is checked: it takes a moment

    return Hunspell("en_GB", hunspell_data_dir=str(DICTIONARY_DIR))


class SpellChecker:
    """British English, with the programme's own words; each word is looked up once a run."""

    def __init__(self, own_words: list[str]) -> None:
        self.exact = {w for w in own_words if w != w.lower()}
        self.any_case = {w.lower() for w in own_words if w == w.lower()}
        self.known: dict[str, bool] = {}
        self.dictionary = _hunspell()

    def is_known(self, word: str) -> bool:
        if word not in self.known:
            self.known[word] = self._check(word)
        return self.known[word]

    def _check(self, word: str) -> bool:
        if word in self.exact or word.lower() in self.any_case:
            return True
        if self.dictionary.spell(word):
            return True
        parts = word.split("-")
        return len(parts) > 1 and all(part and self.is_known(part) for part in parts)

    def suggestions(self, word: str) -> list[str]:
        return list(self.dictionary.suggest(word))[:3]


def misspellings(passage: Passage, clean: str, checker: SpellChecker) -> Iterator[StyleFinding]:
    names: list[tuple[int, int]] = []  # the spans of names, merged where they overlap
    for start, end in sorted((m.start(), m.end()) for pattern in _NAMES for m in pattern.finditer(clean)):
        if names and start <= names[-1][1]:
            names[-1] = (names[-1][0], max(end, names[-1][1]))
        else:
            names.append((start, end))
    for match in _WORD.finditer(clean):
        index = bisect.bisect_right(names, (match.start(), len(clean))) - 1
        if index >= 0 and names[index][0] <= match.start() < names[index][1]:
            continue
        word = match.group().replace("’", "'").strip("'-")
        for suffix in ("'s", "s'"):
            if word.endswith(suffix) and len(word) > 3:
                word = word[: -len(suffix)] + ("s" if suffix == "s'" else "")
        if not word or _ACRONYM.fullmatch(word) or checker.is_known(word):
            continue
        yield StyleFinding(passage, match.start(), "spelling", f"'{word}' is not in the British English "
                           "dictionary nor in the programme's word list",
                           "", key=word)


def words_to_avoid(passage: Passage, clean: str, avoid: dict[str, str],
                   pattern: re.Pattern[str]) -> Iterator[StyleFinding]:
    for match in pattern.finditer(clean):
        phrase = " ".join(match.group().split())
        instead = avoid.get(phrase.lower(), "")
        yield StyleFinding(passage, match.start(), "avoid", f"'{phrase}' is on the list of words to avoid",
                           f"write '{instead}' instead" if instead else "find a plainer way to say it",
                           key=phrase.lower())


def _avoid_pattern(avoid: dict[str, str]) -> re.Pattern[str] | None:
    if not avoid:
        return None
    phrases = sorted(avoid, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases) + r")\b",
                      re.IGNORECASE)


# ---- running them -----------------------------------------------------------------------------

SUGGESTIONS_AT_MOST = 5  # a suggestion takes Hunspell up to half a second


def style_problems(loaded: Loaded, settings: StyleSettings, errors_only: bool = False) -> list[Problem]:
    """Every house-style problem in the loaded content, one per mistake and file. `errors_only`: only
    the rules the writers set to `error` (what a build checks)."""
    def on(level: str) -> bool:
        return level == "error" if errors_only else level != "off"

    levels = {"spelling": settings.spelling.level, "sentence_length": settings.sentence_length.level,
              "avoid": settings.avoid.level}
    if not any(on(level) for level in levels.values()):
        return []
    checker = SpellChecker(settings.spelling.words) if on(settings.spelling.level) else None
    avoid = {" ".join(k.lower().split()): v for k, v in settings.avoid.words.items()}
    avoid_pattern = _avoid_pattern(avoid) if on(settings.avoid.level) else None
    findings: list[StyleFinding] = []
    for passage in passages(loaded):
        clean = prose(passage.text)
        if on(settings.sentence_length.level):
            findings += long_sentences(passage, clean, settings.sentence_length.max_words)
        if checker:
            findings += misspellings(passage, clean, checker)
        if avoid_pattern:
            findings += words_to_avoid(passage, clean, avoid, avoid_pattern)
    return _one_per_mistake(findings, loaded, levels, checker)


def _one_per_mistake(findings: list[StyleFinding], loaded: Loaded, levels: dict[str, str],
                     checker: SpellChecker | None) -> list[Problem]:
    counts: dict[tuple[str, str, str], int] = {}
    first: dict[tuple[str, str, str], StyleFinding] = {}
    # A word on the list to avoid ('color') is one mistake: the list says what to write instead.
    avoided = {(f.passage, f.offset) for f in findings if f.rule == "avoid"}
    findings = [f for f in findings if not (f.rule == "spelling" and (f.passage, f.offset) in avoided)]
    for finding in findings:
        key = (finding.passage.relative, finding.rule, finding.key or f"{finding.line}:{finding.offset}")
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, finding)
    problems: list[Problem] = []
    suggested = 0
    for key, finding in first.items():
        message, hint = finding.message, finding.hint
        if counts[key] > 1:
            message += f" (and {counts[key] - 1} more time{'s' if counts[key] > 2 else ''} in this file)"
        if finding.rule == "spelling" and checker is not None:
            close = checker.suggestions(finding.key) if suggested < SUGGESTIONS_AT_MOST else []
            suggested += 1
            hint = (f"did you mean {' or '.join(repr(c) for c in close)}? " if close else "") + \
                "If it is spelt right, add it to spelling.words in content/style.yml"
        shown = loaded.shown_root
        path = f"{shown}/{finding.passage.relative}" if shown not in ("", ".") else finding.passage.relative
        problems.append(Problem(path, finding.line, finding.passage.field, message, hint,
                                "error" if levels[finding.rule] == "error" else "warning",
                                rule=f"style.{finding.rule}"))
    return problems
