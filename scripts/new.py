"""Start a new source file: a skeleton with a fresh id, in the right place.

    python scripts/new.py self-study --module E --elective 1        # title from the catalogue
    python scripts/new.py self-study "Memory and learning: the essentials" --module B --core
    python scripts/new.py scenario-set "Questioning in six settings"
    python scripts/new.py ingredient-set "Questions that make everyone think"
    python scripts/new.py action-set "Suggested actions for questioning"
    python scripts/new.py mentor-session "Questions that make everyone think" --module C --week 2
    python scripts/new.py development-cycle --number 2
    python scripts/new.py form "Engage with an expert: team teaching"
    python scripts/new.py handbook-chapter "Working with your appropriate body"
    python scripts/new.py school "St Anne's Primary School" --phases eyfs,primary

The title (or the school's name) comes first, in quotes, after the kind of file. Each file shows up
in the next build, and `python scripts/check.py` passes it with a warning for each TODO: replace every
TODO with your own words before publishing (publishing runs check.py --strict-todo, which stops on
them). Exit codes: 0 written; 1 refused (nothing written); 2 wrong arguments.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline import DEFAULT_CONTENT, SCHOOLS_DIR, check_programme  # noqa: E402
from pipeline.kinds import KINDS  # noqa: E402
from pipeline.model import CYCLE_STAGES, Programme  # noqa: E402
from pipeline.problems import display_path  # noqa: E402
from pipeline.render.parts import HALF_TERMS  # noqa: E402


def slug(text: str) -> str:
    """A readable id from a title: lower-case words joined by hyphens."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("'", "").replace("\u2019", ""))
    return "-".join(words)[:60].strip("-") or "untitled"


def scalar(text: str) -> str:
    """Text as one YAML value, quoted by YAML's own emitter when it must be (': ', '#', quotes, …)."""
    return yaml.safe_dump(text, allow_unicode=True, width=10**6).removesuffix("\n").removesuffix("\n...")


def fresh_path(folder: Path, base: str, suffix: str) -> Path:
    """The first free file name for this id: base, base-2, base-3, …"""
    candidate, number = folder / f"{base}{suffix}", 2
    while candidate.exists():
        candidate, number = folder / f"{base}-{number}{suffix}", number + 1
    return candidate


def checked_programme(content: Path) -> Programme:
    """The programme, for scaffolds that refer to what it already has (modules, elements, ingredients)."""
    programme, _ = check_programme(content)
    if programme is None:
        raise SystemExit("the content has errors: run python scripts/check.py and fix them first")
    return programme


def self_study(arguments: argparse.Namespace, content: Path) -> tuple[Path, str]:
    programme = checked_programme(content)
    module = programme.module(arguments.module)
    if arguments.core:
        title, identity = arguments.title, f"kind: core\nyear: {arguments.year}\nmodule: {module.code}\n" \
            f"title: {scalar(arguments.title)}"
    else:
        if not arguments.elective:
            raise SystemExit('say which elective with --elective N (1–5), or write "TITLE" --core')
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
example_slots:
  - {{id: section-1-examples, guidance: "TODO what the school should add here"}}
  - {{id: section-2-examples, guidance: "TODO what the school should add here"}}
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
    prompt: TODO As you read, think about …
    reflection: TODO the question asked at the end of the study?
    options:
      - kind: journal
        text: TODO In your reflective journal, …
      - kind: collaborate
        text: TODO With your mentor, …
      - kind: refine
        text: TODO Take a task you will teach next week and …
""" for phase in phases)
    return path, f"title: {scalar(arguments.title)}\noptions_intro: TODO Here are some options …\nscenarios:{scenarios}"


def ingredient_set(arguments: argparse.Namespace, content: Path) -> tuple[Path, str]:
    path = fresh_path(content / KINDS["ingredient set"].folder, slug(arguments.title), ".yml")
    return path, f"""title: {scalar(arguments.title)}
ingredients:
  - id: first-ingredient
    name: TODO the ingredient's short name
    description: TODO one sentence on what it is.
"""


def action_set(arguments: argparse.Namespace, content: Path) -> tuple[Path, str]:
    programme = checked_programme(content)
    first = next((f"{s.id}/{i.id}" for s in programme.ingredient_sets.values() for i in s.ingredients), None)
    if first is None:
        raise SystemExit('an action names the ingredients that help it: start an ingredient set first '
                         '(python scripts/new.py ingredient-set "…")')
    path = fresh_path(content / KINDS["action set"].folder, slug(arguments.title), ".yml")
    return path, f"""title: {scalar(arguments.title)}
# Name the set in a self-study's front matter: action_set: {path.stem}
actions:
  - id: first-action
    text: TODO what the ECT could do, in one or two sentences.
    ingredients:                    # the active ingredients that will help, as SET-ID/INGREDIENT-ID
      - {first}
"""


def mentor_session(arguments: argparse.Namespace, content: Path) -> tuple[Path, str]:
    programme = checked_programme(content)
    module = programme.module(arguments.module)
    taken = [s for s in programme.mentor_sessions.values() if s.module == module.code and s.week == arguments.week]
    if taken:
        raise SystemExit(f"{module.name} week {arguments.week} is already written: mentor-sessions/{taken[0].id}.yml")
    element = programme.session_elements[0].id
    code = programme.standards[0].statements[0].code
    path = fresh_path(content / KINDS["mentor session"].folder, f"module-{module.code.lower()}-week-{arguments.week}",
                      ".yml")
    return path, f"""module: {module.code}
week: {arguments.week}
title: {scalar(arguments.title)}
minutes: 50                              # review + plan + theory to practice + next steps
elements: [{element}]                     # every element the activities use (session-elements.yml)
learning_intentions: [{code}]                # framework codes
introduction: |
  TODO what this week's session is about, and why now.
research_summary: none                   # or a research and practice summary in Markdown
review:
  minutes: 5
  prompts:
    - text: TODO a question about last week's step?
plan:
  minutes: 5
  prompts:
    - text: TODO a question about next week's lessons?
theory_to_practice:
  minutes: 35
  introduction: |
    TODO a sentence or two on how the activities fit together.
  activities:
    - title: TODO what the mentor and ECT do
      elements: [{element}]               # one or two elements
      lead_in: |
        TODO a paragraph leading into the activity.
      mentor_could:
        - TODO something the mentor could do.
next_steps:
  minutes: 5
  text: |
    TODO what the ECT does before next week.
"""


def development_cycle(arguments: argparse.Namespace, content: Path) -> tuple[Path, str]:
    programme = checked_programme(content)
    if any(c.number == arguments.number for c in programme.development_cycles.values()):
        raise SystemExit(f"cycle {arguments.number} is already written: see development-cycles/")
    half_terms = HALF_TERMS[2 * arguments.number - 2: 2 * arguments.number]
    themes = "".join(f"""  - id: theme-{n}
    title: TODO the theme's title
    development_areas: [TODO first area, TODO second area, TODO third area]
    question_prompts:
      - TODO a question for the mentor to ask?
    action_steps:
      - {{name: TODO step name, instruction: TODO one precise instruction.}}
      - {{name: TODO step name, instruction: TODO one precise instruction.}}
      - {{name: TODO step name, instruction: TODO one precise instruction.}}
""" for n in (1, 2))
    interactions = "".join(f"""  - stage: {stage}
    number: {n}
    title: TODO the interaction's title
    focus: TODO one line on what this interaction is for.
    checklist: [TODO a task to tick off]
""" + ("""    decision:
      question: Has the action step been met?
      met: TODO what to do if it has.
      not_met: TODO what to do if it has not.
""" if n == 4 else "") for n, stage in enumerate(CYCLE_STAGES, 1))
    path = fresh_path(content / KINDS["development cycle"].folder, f"cycle-{arguments.number}", ".yml")
    return path, f"""number: {arguments.number}
weeks: 12
half_terms: [{", ".join(half_terms)}]
themes:
{themes}interactions:
{interactions}planner:                               # rows grouped by half term, each with a date to fill in
""" + "".join(f"""  - half_term: {half_term}
    rows: [TODO what happens in {half_term}]
""" for half_term in half_terms)


def form(arguments: argparse.Namespace, content: Path) -> tuple[Path, str]:
    path = fresh_path(content / KINDS["form"].folder, slug(arguments.title), ".yml")
    return path, f"""title: {scalar(arguments.title)}
introduction: TODO when and how to use the form.
fields:
  - id: first-field
    label: TODO the question or heading of the space to fill in
    lines: 3                             # ruled lines when printed
"""


def handbook_chapter(arguments: argparse.Namespace, content: Path) -> tuple[Path, str]:
    programme = checked_programme(content)
    order = max((c.order for c in programme.handbook.values()), default=0) + 1
    path = fresh_path(content / KINDS["handbook chapter"].folder, slug(arguments.title), ".md")
    return path, f"""---
title: {scalar(arguments.title)}
order: {order}            # chapters are shown in this order
---

TODO the chapter, in our own words. Tables of modules, seminars or time commitments are never typed:
use the handbook macros in content/README.md.
"""


def school(arguments: argparse.Namespace, content: Path) -> tuple[Path, str]:
    programme = checked_programme(content)
    valid = [p.id for p in programme.phases]
    phases = [p.strip() for p in (arguments.phases or "").split(",") if p.strip()]
    if not phases:
        raise SystemExit("say which phases the school has with --phases, e.g. --phases eyfs,primary; "
                         "the phases are: " + ", ".join(valid))
    unknown = [p for p in phases if p not in valid]
    if unknown:
        verb = 'is not a phase' if len(unknown) == 1 else 'are not phases'
        raise SystemExit(f"{', '.join(repr(p) for p in unknown)} {verb}"
                         ": use one or more of: " + ", ".join(valid))
    folder = arguments.schools / slug(arguments.name)
    if folder.exists():
        raise SystemExit(f"{display_path(folder)} already exists: choose another name")
    phases = list(dict.fromkeys(phases))  # each once, in the order given
    order = ", ".join(programme.info.default_module_order)
    name = arguments.name.replace("\n", " ")
    return folder / "school.yml", f"""# {name}: its context for the ECT programme site.
name: {scalar(arguments.name)}
phases: [{", ".join(phases)}]
# The first module comes first; the others in the order the school chose (letters, numbers or titles):
module_order: [{order}]
contacts:
  - role: Induction tutor
    name: TODO
checklist: []
# examples:
#   SELF-STUDY-ID:
#     SLOT-ID: examples/my-example.md
# The ECT's induction in dates (the schedule page, its calendar and the time budget):
# planning:
#   ect_starts: {{year: 1, half_term: Autumn 1, school_year: 2026-27}}
#   timetable_hours: 22.5        # a full timetable here: hours of teaching a week
#   meeting_day: Wednesday       # the day mentor meetings are dated on
#   term_dates:                  # each half term's first and last school day, whole school years
#     - {{half_term: Autumn 1, first_day: 2026-09-02, last_day: 2026-10-23}}
"""


COMMANDS = {"self-study": self_study, "scenario-set": scenario_set, "ingredient-set": ingredient_set,
            "action-set": action_set, "mentor-session": mentor_session, "development-cycle": development_cycle,
            "form": form, "handbook-chapter": handbook_chapter, "school": school}
NEEDS_NO_TITLE = ("self-study", "development-cycle")


def arguments_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("what", choices=sorted(COMMANDS), help="the kind of file to start")
    parser.add_argument("title", nargs="?", help="its title in quotes (a school: its name); a core self-study "
                                                 "needs one, an elective takes its title from modules.yml")
    parser.add_argument("--content", type=Path, default=DEFAULT_CONTENT, metavar="DIR")
    parser.add_argument("--schools", type=Path, default=SCHOOLS_DIR, metavar="DIR", help="school: where schools live")
    parser.add_argument("--module", choices=list("ABCDEF"), help="self-study, mentor-session: the module's letter")
    parser.add_argument("--elective", type=int, choices=range(1, 6), help="self-study: elective number")
    parser.add_argument("--core", action="store_true", help="self-study: a core self-study")
    parser.add_argument("--year", type=int, choices=(1, 2), default=1, help="self-study (core): the year")
    parser.add_argument("--week", type=int, choices=range(1, 9), help="mentor-session: the week of the half term")
    parser.add_argument("--number", type=int, choices=(1, 2, 3), help="development-cycle: its number")
    parser.add_argument("--phases", help="school (required): its phases, comma-separated, e.g. eyfs,primary "
                        "(ids from content/phases.yml)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = arguments_parser()
    arguments = parser.parse_args(sys.argv[1:] if argv is None else argv)
    arguments.name = arguments.title
    needs = {"self-study": ["module"], "mentor-session": ["module", "week"], "development-cycle": ["number"]}
    for option in needs.get(arguments.what, []):
        if getattr(arguments, option) is None:
            parser.error(f"{arguments.what} needs --{option}")
    if arguments.what not in NEEDS_NO_TITLE and not arguments.title:
        parser.error(f'{arguments.what} needs a title in quotes, e.g. new.py {arguments.what} "…"'
                     + (" (for a school, its name)" if arguments.what == "school" else ""))
    if arguments.what == "self-study" and arguments.core and not arguments.title:
        parser.error('a core self-study needs a title in quotes: new.py self-study "TITLE" --module B --core')
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
