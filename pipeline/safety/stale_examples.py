"""Stale local examples: a school's example was written to fit the national section above it.

When a school marks its examples reviewed (`python scripts/review.py --school SLUG --reviewed …`),
the section each example sits in is recorded in the school's folder, `reviewed.yml`: the section's
id, a fingerprint of its text and the text itself. When writers later change that section, the
fingerprint no longer matches: `check.py` warns, and the contextualisation report lists the example
as "to review: the section above it changed", with the change to the national text as a diff.
Marking it reviewed again records the section as it is now.

A section's text is its title and its Markdown as written in the self-study, from its
{{ section("…") }} to the next one, as the school's site shows it: passages for phases the school does
not have are no part of it (a change to them is not the school's to review, and the report, which shows
the change, must never show them).
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from pipeline import model
from pipeline.contextualise import edition
from pipeline.load.programme import build, read_yaml
from pipeline.passages import render
from pipeline.problems import Problem, display_path
from pipeline.vocabulary import macro_calls

REVIEWED_FILE = "reviewed.yml"
REVIEWED_HEADER = ("# Written by `python scripts/review.py`: the national section each example was last reviewed\n"
                   "# against. Do not edit by hand: mark an example reviewed with that command.\n")


@dataclass(frozen=True)
class NationalSection:
    section_id: str
    title: str
    text: str  # the title as a heading, then the section's Markdown

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class ExampleToReview:
    page_id: str
    slot_id: str
    page_title: str
    section_title: str
    changed: bool  # True: the section changed since the example was reviewed; False: never marked reviewed
    diff: str = ""  # the change to the national text, as a unified diff

    @property
    def reference(self) -> str:
        return f"{self.page_id}/{self.slot_id}"


def section_of_slot(study: model.SelfStudy, slot_id: str) -> NationalSection | None:
    """The section of a self-study that an example slot sits in (None when the slot is not there)."""
    lines = study.body.text.split("\n")
    calls = macro_calls(study.body.text, 1)[0]
    starts = [(call.line - 1, call.args[0]) for call in calls if call.name == "section"]
    slot = next((call.line - 1 for call in calls if call.name == "example_slot" and call.args[0] == slot_id), None)
    if slot is None:
        return None
    begin, section_id = max(((line, sid) for line, sid in starts if line <= slot), default=(0, ""))
    end = min((line for line, _ in starts if line > slot), default=len(lines))
    title = next((s.title for s in study.sections if s.id == section_id), section_id or study.id)
    body = "\n".join(line.rstrip() for line in lines[begin:end]).strip()
    body = re.sub(r"\n{3,}", "\n\n", body)  # a removed passage leaves blank lines: they are no change
    return NationalSection(section_id or "start", title, f"## {title}\n\n{body}\n")


def as_the_school_sees_it(programme: model.Programme, school: model.School, study: model.SelfStudy) -> model.SelfStudy:
    """The study with its body as the school's site shows it (passages of other phases removed)."""
    text = render(study.body.text, edition(programme, school)).text
    return study if text == study.body.text else study.model_copy(update={"body": study.body.model_copy(
        update={"text": text})})


def national_diff(reviewed: str, now: str) -> str:
    return "\n".join(difflib.unified_diff(reviewed.splitlines(), now.splitlines(), "when reviewed", "now",
                                         lineterm="", n=1))


def examples_to_review(programme: model.Programme, school: model.School) -> list[ExampleToReview]:
    """The school's examples whose section changed since they were reviewed, or that never were."""
    found: list[ExampleToReview] = []
    for page_id, slots in sorted(school.examples.items()):
        study = programme.self_studies.get(page_id)
        if study is None:
            continue
        study = as_the_school_sees_it(programme, school, study)
        for slot_id in sorted(slots):
            section = section_of_slot(study, slot_id)
            if section is None:
                continue
            record = school.reviewed.get(page_id, {}).get(slot_id)
            if record is None:
                found.append(ExampleToReview(page_id, slot_id, programme.study_title(study), section.title, False))
            elif record.fingerprint != section.fingerprint:
                found.append(ExampleToReview(page_id, slot_id, programme.study_title(study), section.title, True,
                                             national_diff(record.text, section.text)))
    return found


def review_command(slug: str, reference: str = "PAGE/SLOT") -> str:
    return f"python scripts/review.py --school {slug} --reviewed {reference}"


# ---- reviewed.yml -----------------------------------------------------------------------------

def read_reviewed(school_dir: Path) -> tuple[dict[str, dict[str, model.ReviewedExample]], list[Problem]]:
    """The school's review records; a file that cannot be read gives warnings (the build goes on, and
    every example is then listed as not yet reviewed)."""
    path = school_dir / REVIEWED_FILE
    if not path.is_file():
        return {}, []
    problems: list[Problem] = []
    data = read_yaml(path, school_dir, problems)
    records = build(model.ReviewedFile, data, display_path(path), {}, problems) if data is not None else None
    hint = f"write it again: {review_command(school_dir.name, 'all')}"
    warnings = [Problem(p.path, p.line, p.field, p.message, hint, "warning") for p in problems]
    return (records.examples if records else {}), warnings


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str) -> Any:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text)


def mark_reviewed(school_dir: Path, programme: model.Programme, school: model.School,
                  which: set[str] | None) -> list[str]:
    """Record the national section of each example named in `which` ("PAGE/SLOT"; None: every one) as it is
    now, keeping the other records of examples the school still has. Returns the examples marked."""
    records: dict[str, dict[str, dict[str, str]]] = {}
    marked: list[str] = []
    for page_id, slots in sorted(school.examples.items()):
        study = programme.self_studies.get(page_id)
        study = as_the_school_sees_it(programme, school, study) if study else None
        for slot_id in sorted(slots):
            section = section_of_slot(study, slot_id) if study else None
            if section is None:
                continue
            reference = f"{page_id}/{slot_id}"
            old = school.reviewed.get(page_id, {}).get(slot_id)
            if which is None or reference in which:
                record = {"section": section.section_id, "fingerprint": section.fingerprint, "text": section.text}
                marked.append(reference)
            elif old is not None:
                record = {"section": old.section, "fingerprint": old.fingerprint, "text": old.text}
            else:
                continue
            records.setdefault(page_id, {})[slot_id] = record
    text = yaml.dump({"examples": records}, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)
    (school_dir / REVIEWED_FILE).write_text(REVIEWED_HEADER + text, encoding="utf-8")
    return marked
