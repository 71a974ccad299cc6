"""The personal-data guard: what must never reach a published page, found in any source text.

Schools publish their sites on the open web, and school staff write the local examples. So every
source text (content and school files alike) is searched, on this machine, for:

- errors: email addresses, UK telephone numbers, unique pupil numbers (UPN: a check letter and
  twelve digits), unique learner numbers (ULN: ten digits with a valid check digit), dates of
  birth (a date near "born", "DOB", "date of birth" or "birthday") and postcodes;
- warnings: likely pupils' names — a first name from a names list (data/first_names.txt) followed
  by a surname, near a word such as pupil, child or student.

What passes: addresses at reserved example domains (example.org, oakfield.example.sch.uk, .test),
telephone numbers Ofcom keeps for drama (e.g. 01632 960 123), a name after a title (Mrs Patel)
or cited as an author (Wiliam, 2011), a contact's own email in school.yml, and whatever the
folder's allow-list (`allowed.yml`, one line each: `Oliver Hughes: staff`, `Amelia Stone:
invented`, `"0161 496 0000": public`) names.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.load.programme import field_name
from pipeline.load.yaml_lines import LineDict, YamlProblem, parse_yaml, text_values
from pipeline.problems import Problem, did_you_mean

ALLOWED_FILE = "allowed.yml"
ALLOWED_KINDS = ("staff", "invented", "public")
NAMES_FILE = Path(__file__).resolve().parent / "data" / "first_names.txt"


@dataclass(frozen=True)
class Finding:
    line: int  # 1-based, in the text searched
    kind: str  # email, telephone, upn, uln, birth, postcode or name
    value: str  # what was found, as written
    severity: str = "error"
    near: str = ""  # for a name: the word nearby that suggests a pupil

    @property
    def shown(self) -> str:
        """The value as a message shows it: a name whole (to allow it), an identifier cut short."""
        if self.kind == "name":
            return self.value
        return self.value[:3] + "…"


@functools.cache
def first_names() -> frozenset[str]:
    lines = NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def allowed_key(value: str) -> str:
    """How allow-list entries and findings are compared: case, spaces and punctuation aside."""
    return re.sub(r"[\W_]", "", value.casefold())


# ---- structured identifiers -------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
_EXAMPLE_TLDS = {"test", "invalid", "localhost", "example"}
# +44 20 7946 0123, 020 7946 0123, (01632) 960123, 07700-900-123: a run of digits, spaces and
# brackets on one line, checked afterwards for the length and start of a UK number.
_TELEPHONE = re.compile(r"(?<![\w+])(?:\+44[ \t]?(?:\(0\)[ \t]?)?|\(?0)\d[\d \t()-]{7,14}\d(?![\w])")
# Ofcom keeps these ranges for drama: they are never anyone's number.
_DRAMA_NUMBERS = ("01134960", "01144960", "01154960", "01164960", "01174960", "01184960", "01214960", "01314960",
                  "01414960", "01514960", "01614960", "01914980", "02079460", "02890180", "02920180", "01632960",
                  "07700900", "08081570", "09098790", "03069990")
# A UPN: a check letter (any but I, O and S) and twelve digits; a temporary UPN ends in a letter.
_UPN = re.compile(r"(?<![A-Za-z0-9])[A-HJ-NP-RT-Z]\d{11}[\dA-HJ-NP-RT-Z](?![A-Za-z0-9])")
_ULN = re.compile(r"(?<![\d.,])[1-9]\d{9}(?![\d])")
_POSTCODE = re.compile(r"(?<![A-Za-z0-9])(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?[ \t]?\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])")
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})|\d{{4}}-\d{{2}}-\d{{2}}|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b\.?(?:,?\s+\d{{4}})?|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b)",
    re.IGNORECASE)
_BIRTH = re.compile(r"\b(?:born|d\.?o\.?b\b\.?|date\s+of\s+birth|birthday)", re.IGNORECASE)


def _example_domain(domain: str) -> bool:
    labels = domain.lower().split(".")
    return "example" in labels or labels[-1] in _EXAMPLE_TLDS


def _telephone_digits(text: str) -> str | None:
    """A UK number's digits as dialled at home (0…), or None when the text is not one."""
    digits = re.sub(r"\D", "", text)
    if digits.startswith("440"):
        digits = digits[2:]
    elif digits.startswith("44"):
        digits = "0" + digits[2:]
    if len(digits) not in (10, 11) or not digits.startswith("0") or digits[1] not in "1235789":
        return None
    return digits


def uln_check_digit_is_valid(number: str) -> bool:
    """The Learner Records Service's check: the first nine digits weighted 10 down to 2, added,
    taken from 10 after dividing by 11, give the tenth (a result of 10 is no ULN)."""
    remainder = sum(int(digit) * weight for digit, weight in zip(number[:9], range(10, 1, -1))) % 11
    return 10 - remainder == int(number[9])


# ---- names ----------------------------------------------------------------------------------

# A capitalised word followed by another (looked ahead, so "Dear Oliver Hughes" is read as
# Dear/Oliver and then Oliver/Hughes); the surname is read in full once the first name is known.
_CAPITALISED_PAIR = re.compile(r"[A-Z][a-zà-öø-ÿ]+(?=[ \t]+\n?[ \t]*(?:O['’])?[A-Z])")
_SURNAME = re.compile(r"[ \t]+\n?[ \t]*((?:O['’])?[A-Z][^\W\d_]*[a-z][^\W\d_]*(?:-[A-Z][^\W\d_]+)?)(?![\w'’-])")
_PUPIL_WORD = re.compile(r"\b(?:pupils?|child(?:ren)?|students?|learners?|boys?|girls?|sons?|daughters?|kids?|"
                         r"toddlers?|bab(?:y|ies)|classmates?|year\s?\d{1,2}|reception|nursery)\b", re.IGNORECASE)
_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|Prof|Professor|Rev|Revd|Lord|Lady|Father|Sister)"
                           r"\.?[ \t]+$")
_AUTHOR_AFTER = re.compile(r"\s*(?:\(|,\s*)(?:19|20)\d\d")
_THE_BEFORE = re.compile(r"\b[Tt]he[ \t]+$")
_NEAR = 150  # characters either side in which a pupil word makes a name a likely pupil's
# Words that follow a capitalised word without being anyone's surname.
_NOT_SURNAMES = frozenset("""
Year Years Term Terms Class Group Set Key Stage School Schools Academy Trust Primary Secondary College University
Centre Team Department House Hall Street Road Lane Avenue Close Park Award Prize Scheme Day Week Plan Project
Programme Reception Nursery English Maths Mathematics Science History Geography Music Art Drama French Spanish German
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
September October November December Spring Summer Autumn Winter Christmas Easter The And Or But Then When While
Council Church Library Foundation Institute Service Services Review Framework Standard Standards
""".split())
# Capitalised words that begin a phrase far more often than a person's name in this programme
# ("Roman Britain", "Early Career Framework"), though some are in the names list.
_NOT_FIRST_NAMES = frozenset("""
Early Roman Norman Saxon Viking Tudor Victorian Georgian Edwardian Elizabethan Great Little Old New North South
East West Saint Holy Royal Grand Middle Upper Lower Central National General River Lake Mount Forest
""".split())


def _likely_pupil_names(text: str) -> list[Finding]:
    names = first_names()
    found: list[Finding] = []
    for match in _CAPITALISED_PAIR.finditer(text):
        first = match.group()
        inside_a_word = match.start() > 0 and text[match.start() - 1] in "'’.-"
        if first not in names or first in _NOT_FIRST_NAMES or inside_a_word:
            continue
        surname_match = _SURNAME.match(text, match.end())
        if surname_match is None or surname_match.group(1) in _NOT_SURNAMES:
            continue
        surname, end = surname_match.group(1), surname_match.end()
        near = _PUPIL_WORD.search(text, max(0, match.start() - _NEAR), end + _NEAR)
        if near is None:
            continue
        before = text[max(0, match.start() - 12):match.start()]
        if _TITLE_BEFORE.search(before) or _THE_BEFORE.search(before):
            continue  # Mrs Grace Patel: an adult named with a title; "the": a thing, not a person
        if _AUTHOR_AFTER.match(text, end):
            continue  # Dylan Wiliam (2011): an author cited
        found.append(Finding(text.count("\n", 0, match.start()) + 1, "name", f"{first} {surname}", "warning",
                             near=near.group()))
    return found


# ---- searching a text -------------------------------------------------------------------------

_THREE_DIGITS = re.compile(r"\d\d\d")


def _lines_with(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """The (start, end) of every line with a match of `pattern`, once each."""
    spans: list[tuple[int, int]] = []
    for match in pattern.finditer(text):
        if spans and match.start() < spans[-1][1]:
            continue
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        spans.append((start, len(text) if end < 0 else end))
    return spans


NEVER_ALLOWED = frozenset({"upn", "uln", "birth"})  # no allow-list entry publishes these: they identify a child


@functools.lru_cache(maxsize=1024)  # a preview rebuild searches the same texts again
def scan(text: str, allowed: frozenset[str] = frozenset()) -> tuple[Finding, ...]:
    """Every piece of personal data in a text, by line; `allowed`: allow-list keys (allowed_key)."""
    found: list[Finding] = []

    def line_at(position: int) -> int:
        return text.count("\n", 0, position) + 1

    def add(position: int, kind: str, value: str) -> None:
        if kind in NEVER_ALLOWED or allowed_key(value) not in allowed:
            found.append(Finding(line_at(position), kind, value))

    if "@" in text:
        for match in _EMAIL.finditer(text):
            if not _example_domain(match.group(1)):
                add(match.start(), "email", match.group())
    # Telephone numbers, UPNs and ULNs all have three digits in a row: search only the lines that do.
    for start, end in _lines_with(_THREE_DIGITS, text):
        for match in _TELEPHONE.finditer(text, start, end):
            digits = _telephone_digits(match.group())
            if digits and not digits.startswith(_DRAMA_NUMBERS):
                add(match.start(), "telephone", match.group().strip())
        for match in _UPN.finditer(text, start, end):
            add(match.start(), "upn", match.group())
        for match in _ULN.finditer(text, start, end):
            if uln_check_digit_is_valid(match.group()):
                add(match.start(), "uln", match.group())
    lowered = text.lower()
    if "born" in lowered or "birth" in lowered or "dob" in lowered or "d.o.b" in lowered:
        for match in _BIRTH.finditer(text):
            date = _DATE.search(text, match.end(), match.end() + 40) or _DATE.search(
                text, max(0, match.start() - 25), match.start())
            if date:
                begin = min(match.start(), date.start())
                add(begin, "birth", text[begin:max(match.end(), date.end())])
    for match in _POSTCODE.finditer(text):
        add(match.start(), "postcode", match.group())
    names_seen: set[str] = set()
    for finding in _likely_pupil_names(text):
        key = allowed_key(finding.value)
        if key not in allowed and key not in names_seen:  # one warning a name, at its first line
            names_seen.add(key)
            found.append(finding)
    return tuple(sorted(found, key=lambda f: f.line))


_SAYS: dict[str, tuple[str, str]] = {
    "email": ("an email address", "remove it: an invented example may use an address at example.org"),
    "telephone": ("a telephone number", "remove it: an invented example may use a number kept for drama, "
                                        "e.g. 01632 960 123"),
    "upn": ("a unique pupil number (UPN)", "remove it: a UPN must never be published"),
    "uln": ("a unique learner number (ULN)", "remove it: a ULN must never be published"),
    "birth": ("a date of birth", "remove it: say the year group instead"),
    "postcode": ("a postcode", "remove it: a postcode can lead to a home"),
}


def describe(finding: Finding, allowed_file: str) -> tuple[str, str]:
    """The message and the hint for a finding; `allowed_file`: the allow-list to name in the hint."""
    if finding.kind == "name":
        return (f"'{finding.value}' may be a pupil's name (it is near '{finding.near}')",
                f"use an invented name, or none; if it is a member of staff or invented, add the line "
                f"\"{finding.value}: staff\" (or \"{finding.value}: invented\") to {allowed_file}")
    what, hint = _SAYS[finding.kind]
    if finding.kind in ("telephone", "postcode", "email"):
        hint += f"; one published on purpose (the school office's) goes in {allowed_file} as " \
                f"\"{finding.value}: public\""
    return f"{what} ({finding.shown}) is personal data and would be published", hint


def yaml_field_at(data: Any, line: int) -> str:
    """The field whose text a line of a YAML file is in ("" before the first), for messages."""
    field = ""
    for location, first_line, _ in text_values(data):
        if first_line > line:
            break
        field = field_name(location)
    return field


# ---- the allow-list ---------------------------------------------------------------------------

def read_allowed(path: Path, shown_as: str) -> tuple[frozenset[str], list[Problem]]:
    """A folder's allow-list (allowed.yml) as keys, and any problem with it. No file: nothing allowed."""
    if not path.is_file():
        return frozenset(), []
    try:
        data: Any = parse_yaml(path.read_text(encoding="utf-8-sig"), shown_as)
    except YamlProblem as error:
        return frozenset(), [error.problem]
    except (OSError, UnicodeDecodeError):
        return frozenset(), [Problem(shown_as, 1, "", "cannot be read as UTF-8 text", "save it as UTF-8")]
    if data is None:
        return frozenset(), []
    if not isinstance(data, LineDict):
        return frozenset(), [Problem(shown_as, getattr(data, "line", 1), "", "expected one line per entry",
                                     'write each as "Name Surname: staff" (or invented, or public)')]
    keys: set[str] = set()
    problems: list[Problem] = []
    for value, kind in data.items():
        if kind not in ALLOWED_KINDS:
            problems.append(Problem(shown_as, data.lines.get(value, 1), str(value), f"'{kind}' is not a kind of entry",
                                    did_you_mean(str(kind), ALLOWED_KINDS) or "write staff, invented or public"))
            continue
        keys.add(allowed_key(str(value)))
    return frozenset(keys), problems
