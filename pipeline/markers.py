"""Marker terms: the words that give a phase away (year groups, key stages, qualifications, settings).

Each phase in content/phases.yml lists its markers. How a marker matches, so that writers can
predict it (content/README.md says the same):

- whole words only: "Year 1" never matches inside "Year 10";
- a word written with a capital first letter must have it ("Reception" matches, "reception" does
  not); a word written in lower case matches either ("special school", "Special school");
  the other letters may be in any case;
- any word may take a plural or possessive ending ("GCSEs", "Year 9s", "A levels", "PRU's");
- words may be split by a space, a line break or a hyphen ("sixth form", "sixth-form"), and
  by Markdown's emphasis ("**Year 2** class");
- where two markers overlap, the longer one counts ("GCSE resit" before "GCSE").

A phase may use other phases' markers (`uses_markers_of`): a special school's Year 9 class is
its own, so text for the SEND setting may say "Year 9". A marker is therefore at home in a set
of phases: its own and those that use it. Text leaks it when some phase the text is for is not
in that set; a site shows a leak when none of the site's phases are.

The guard (validate/markers.py) and the tests that read built sites both use this module.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.model import Phase

_WORD_GAP = r"[*_]*(?:[ \t\n]|-)+[*_]*"
_ENDING = r"(?:s|'s|s'|’s|s’)?"


def _word(word: str) -> str:
    first, rest = word[0], word[1:]
    head = re.escape(first) if first.isupper() else f"(?i:{re.escape(first)})"
    return head + (f"(?i:{re.escape(rest)})" if rest else "") + _ENDING


def term_pattern(term: str) -> str:
    words = [word for word in re.split(r"[\s-]+", term.strip()) if word]
    return r"(?<![\w])" + _WORD_GAP.join(_word(word) for word in words) + r"(?!\w)"


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    term: str  # the marker as listed in phases.yml
    phase: str  # the phase that lists it
    home: frozenset[str]  # the phases whose text may use it: its own, and those that use its markers


@dataclass(frozen=True)
class PhaseMarkers:
    phase: str
    markers: tuple[str, ...]
    uses_markers_of: tuple[str, ...] = ()


class Markers:
    """Every phase's markers. Words are looked up by their first word, then each candidate marker is
    tried where that word stands: much faster than one pattern with every marker in it."""

    def __init__(self, phases: Iterable[PhaseMarkers]):
        phases = list(phases)
        self.homes = {p.phase: frozenset({p.phase} | {other.phase for other in phases
                                                      if p.phase in other.uses_markers_of}) for p in phases}
        terms = sorted({(term.strip(), p.phase) for p in phases for term in p.markers if term.strip()},
                       key=lambda pair: (-len(pair[0]), pair[0]))
        self._by_first_word: dict[str, list[tuple[str, str, re.Pattern[str]]]] = {}
        for term, phase in terms:
            first = re.split(r"[\s-]+", term)[0].lower()
            for ending in ("", "s", "'s", "’s"):  # as _WORD finds it, with a plural or possessive ending
                self._by_first_word.setdefault(first + ending, []).append(
                    (term, phase, re.compile(term_pattern(term))))
        alternatives = "|".join(map(re.escape, sorted(self._by_first_word, key=len, reverse=True)))
        self._first_words = re.compile(r"\b(?:" + alternatives + r")\b")  # looked for in the lower-cased text
        # validation and every school's check read the same texts again: remember what was found
        self.find = functools.lru_cache(maxsize=16384)(self._find)

    def _find(self, text: str) -> list[Found]:
        """Every marker in `text`, the longest where two overlap, in order."""
        found: list[Found] = []
        covered = 0
        if not self._by_first_word:
            return found
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters change length in lower case: keep the offsets true
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        for word in self._first_words.finditer(lowered):
            if word.start() < covered:
                continue
            lower = word.group()
            for term, phase, pattern in self._by_first_word.get(lower, ()):
                match = pattern.match(text, word.start())
                if match:
                    found.append(Found(match.start(), match.end(), term, phase, self.homes[phase]))
                    covered = match.end()
                    break
        return found


@functools.lru_cache(maxsize=16)  # validation, each school's check and the tests ask for the same markers
def markers_for(phases: tuple[PhaseMarkers, ...]) -> Markers:
    return Markers(phases)


def markers_of_phases(phases: Iterable[Phase]) -> Markers:
    """The markers of a loaded programme's phases (one Markers for the same phases, remembering what it found)."""
    return markers_for(tuple(PhaseMarkers(p.id, tuple(p.markers), tuple(p.uses_markers_of)) for p in phases))




# Parts of Markdown that readers never see as words: replaced by spaces (line breaks kept), so that
# offsets and lines still point at the source.
_HIDDEN = re.compile(
    r"\{\{.*?\}\}"  # templates
    r"|\{:?[ \t]*[.#][^}\n]*\}"  # attribute lists
    r"|\]\([^)\n]*\)"  # a link's address
    r"|^[ \t]*\[[^\]\n]+\]:[^\n]*$"  # a link reference
    r"|<[^>\n]*>"  # HTML tags
    r"|`[^`\n]*`"  # code
    r"|^[ \t]*:::[^\n]*$"  # passage fences
    r"|\[\[[ \t]*[A-Za-z][A-Za-z0-9 ,\t-]*?[ \t]*:(?=[ \t\n])"  # a sentence passage's tags
    r"|\]\]",
    re.DOTALL | re.MULTILINE,
)


def readable(text: str) -> str:
    """The text with what readers never see blanked out, keeping every offset."""
    return _HIDDEN.sub(lambda match: re.sub(r"[^\n]", " ", match.group()), text)
