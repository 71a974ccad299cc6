"""Start a new source file: a valid skeleton with a fresh id, in the right place.

    python scripts/new.py self-study --module E --elective 1        # title from the catalogue
    python scripts/new.py self-study --module B --core --title "Memory and learning: the essentials"
    python scripts/new.py scenario-set "Questioning in six settings"
    python scripts/new.py ingredient-set "Questions that make everyone think"
    python scripts/new.py school "St Anne's Primary School" --phases eyfs,primary

Each file passes `python scripts/check.py` at once and shows up in the next build; replace
every line marked TODO with your own words. Exit codes: 0 written; 1 refused (nothing written).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline import DEFAULT_CONTENT, SCHOOLS_DIR, check_programme  # noqa: E402
from pipeline.kinds import KINDS  # noqa: E402
from pipeline.problems import display_path  # noqa: E402


def slug(text: str) -> str:
    """A readable id from a title: lower-case words joined by hyphens."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))
    return "-".join(words)[:60].strip("-") or "untitled"


def fresh_path(folder: Path, base: str, suffix: str) -> Path:
    """The first free file name for this id: base, base-2, base-3, …"""
    candidate, number = folder / f"{base}{suffix}", 2
    while candidate.exists():
        candidate, number = folder / f"{base}-{number}{suffix}", number + 1
    return candidate


def self_study(arguments: argparse.Namespace, content: Path) -> tuple[Path, str]:
    programme, problems = check_programme(content)
    if programme is None:
        raise SystemExit("the content has errors: run python scripts/check.py and fix them first")
    module = programme.module(arguments.module)
    if arguments.core:
        if not arguments.title:
            raise SystemExit("a core self-study needs --title")
        title, identity = arguments.title, f"kind: core\nyear: {arguments.year}\nmodule: {module.code}\n" \
            f"title: \"{arguments.title}\""
    else:
        if not arguments.elective:
            raise SystemExit("say which elective with --elective N (1–5), or --core --title …")
        taken = [s for s in programme.self_studies.values()
                 if s.module == module.code and s.number == arguments.elective and s.kind == "elective"]
        if taken:
            raise SystemExit(f"elective {module.code}{arguments.elective} is already written: "
                             f"{taken[0].source}")
        title = module.electives[arguments.elective - 1]
        identity = f"kind: elective\nyear: 1\nmodule: {module.code}\nnumber: {arguments.elective}"
    path = fresh_path(content / KINDS["self-study"].folder, slug(title), ".md")
    # one example per phase, each in a passage for its phase (content/README.md, "Passages for some phases only")
    practice = "".join(f"::: {phase.id}\nTODO A concrete illustration for {phase.name}.\n:::\n\n"
                       for phase in programme.phases)
    text = f"""---
{identity}
minutes: 45
summary: TODO one or two sentences on what this study helps an ECT to do.
# scenario_set: an id from scenarios/ (python scripts/new.py scenario-set "…")
# action_set: an id from actions/
# statements: [6.1, 6.a]
sections:
  - {{id: introduction, title: Introduction, minutes: 5}}
  - {{id: section-1, title: "1. TODO the first section's title", minutes: 15}}
  - {{id: section-2, title: "2. TODO the second section's title", minutes: 15}}
  - {{id: summary, title: Summary, minutes: 5}}
  - {{id: next-steps, title: Next steps, minutes: 5}}
---

{{{{ section("introduction") }}}}

TODO What this study focuses on and why the ECT chose it.

{{{{ section("section-1") }}}}

### A reminder of what the evidence says

TODO The evidence, with author–year citations (Author, 2020).

### What this looks like in practice

{practice}
{{{{ example_slot("section-1-examples") }}}}

{{{{ section("section-2") }}}}

TODO

{{{{ example_slot("section-2-examples") }}}}

{{{{ section("summary") }}}}

TODO

{{{{ section("next-steps") }}}}

TODO
"""
    return path, text


def scenario_set(arguments: argparse.Namespace, content: Path) -> tuple[Path, str]:
    programme, _ = check_programme(content)
    phases = [p.id for p in programme.phases] if programme else ["primary"]
    path = fresh_path(content / KINDS["scenario set"].folder, slug(arguments.title), ".yml")
    scenarios = "".join(f"""
  - phase: {phase}
    teacher: TODO Title Surname
    role: TODO teaches …
    situation: |
      TODO First short paragraph.

      TODO Second short paragraph.
    reflection: TODO the question asked at the end of the study?
    options:
      - kind: journal
        text: TODO In your reflective journal, …
      - kind: collaborate
        text: TODO With your mentor, …
      - kind: refine
        text: TODO Take a task you will teach next week and …
""" for phase in phases)
    return path, f"title: {arguments.title}\nscenarios:{scenarios}"


def ingredient_set(arguments: argparse.Namespace, content: Path) -> tuple[Path, str]:
    path = fresh_path(content / KINDS["ingredient set"].folder, slug(arguments.title), ".yml")
    return path, f"""title: {arguments.title}
ingredients:
  - id: first-ingredient
    name: TODO the ingredient's short name
    description: TODO one sentence on what it is.
"""


def school(arguments: argparse.Namespace, content: Path) -> tuple[Path, str]:
    folder = arguments.schools / slug(arguments.name)
    if folder.exists():
        raise SystemExit(f"{display_path(folder)} already exists: choose another name")
    phases = ", ".join(p.strip() for p in arguments.phases.split(","))
    return folder / "school.yml", f"""# {arguments.name}: its context for the ECT programme site.
name: "{arguments.name}"
phases: [{phases}]
# Module A comes first; B–F in the order the school chose (letters or titles):
module_order: [A, B, C, D, E, F]
contacts:
  - role: Induction tutor
    name: TODO
checklist: []
# examples:
#   SELF-STUDY-ID:
#     SLOT-ID: examples/my-example.md
"""


COMMANDS = {"self-study": self_study, "scenario-set": scenario_set, "ingredient-set": ingredient_set,
            "school": school}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("what", choices=sorted(COMMANDS))
    parser.add_argument("title", nargs="?", help="the set's title, or the school's name")
    parser.add_argument("--content", type=Path, default=DEFAULT_CONTENT, metavar="DIR")
    parser.add_argument("--schools", type=Path, default=SCHOOLS_DIR, metavar="DIR", help="school: where schools live")
    parser.add_argument("--module", choices=list("ABCDEF"), help="self-study: the module")
    parser.add_argument("--elective", type=int, choices=range(1, 6), help="self-study: elective number")
    parser.add_argument("--core", action="store_true", help="self-study: a core self-study")
    parser.add_argument("--year", type=int, choices=(1, 2), default=1, help="self-study (core): the year")
    parser.add_argument("--phases", default="primary", help="school: its phases, e.g. eyfs,primary")
    arguments = parser.parse_args(sys.argv[1:] if argv is None else argv)
    arguments.name = arguments.title
    if arguments.what == "self-study" and not arguments.module:
        parser.error("a self-study needs --module")
    if arguments.what != "self-study" and not arguments.title:
        parser.error(f"{arguments.what} needs a title (or, for a school, its name)")
    if arguments.what == "self-study" and arguments.core and arguments.title is None:
        parser.error("a core self-study needs a title")
    try:
        path, text = COMMANDS[arguments.what](arguments, arguments.content)
    except SystemExit as refusal:
        print(f"error: {refusal}", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {display_path(path)}: replace each TODO, then run python scripts/check.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
