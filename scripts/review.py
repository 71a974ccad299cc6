"""Review a school's examples against the national section above each of them.

    python scripts/review.py --school oakfield-primary           # what is to review, and what changed
    python scripts/review.py --school oakfield-primary --reviewed providing-high-quality-feedback/feedback-examples
    python scripts/review.py --school oakfield-primary --reviewed all

Marking an example reviewed records the national section as it is now in the school's folder
(reviewed.yml); when writers change that section later, check.py warns and the school's
contextualisation report shows the change, until the example is marked reviewed again.

Exit codes: 0 done; 1 the sources have errors, or an example named is not the school's; 2 wrong arguments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline import DEFAULT_CONTENT, SCHOOLS_DIR, check_programme, check_school  # noqa: E402
from pipeline.load.school import find_school_file  # noqa: E402
from pipeline.problems import display_path, format_problems  # noqa: E402
from pipeline.safety.stale_examples import REVIEWED_FILE, examples_to_review, mark_reviewed  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--school", required=True, metavar="SLUG|PATH")
    parser.add_argument("--reviewed", action="append", default=[], metavar="PAGE/SLOT|all",
                        help="mark this example reviewed against the national text as it is now (repeatable)")
    parser.add_argument("--content", type=Path, default=DEFAULT_CONTENT, metavar="DIR")
    arguments = parser.parse_args(sys.argv[1:] if argv is None else argv)

    school_file = find_school_file(arguments.school, SCHOOLS_DIR)
    programme, problems = check_programme(arguments.content)
    school = None
    if programme is not None:
        school, school_problems = check_school(school_file, programme)
        problems += school_problems
    if programme is None or school is None:
        print(format_problems([p for p in problems if p.severity == "error"]))
        print("Fix the errors above first: examples are reviewed against a programme and a school that check.")
        return 1

    if arguments.reviewed:
        which = None if "all" in arguments.reviewed else set(arguments.reviewed)
        known = {f"{page}/{slot}" for page, slots in school.examples.items() for slot in slots}
        unknown = sorted((which or set()) - known)
        if unknown:
            print(f"{display_path(school_file)} has no example {', '.join(unknown)} — use one of: "
                  f"{', '.join(sorted(known)) or '(it has no examples yet)'}")
            return 1
        marked = mark_reviewed(school_file.parent, programme, school, which)
        for reference in marked:
            print(f"reviewed: {reference}")
        print(f"Recorded in {display_path(school_file.parent / REVIEWED_FILE)}.")
        return 0

    to_review = examples_to_review(programme, school)
    for item in to_review:
        if item.changed:
            print(f"to review: {item.reference} — the section above it ('{item.section_title}') changed:\n")
            print(item.diff + "\n")
        else:
            print(f"not yet reviewed: {item.reference} (section '{item.section_title}')\n")
    if to_review:
        print(f"When an example fits, run: python scripts/review.py --school {school.slug} --reviewed PAGE/SLOT "
              "(or --reviewed all)")
    else:
        print(f"Every example of {school.name} fits the national text it was reviewed against.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
