"""List the schools under schools/ for a CI build matrix: every slug, or the schools split into shards.

    python scripts/list_schools.py                        # ["brookside-school", …]: every school
    python scripts/list_schools.py --shards 16            # the schools in 16 balanced shards, as JSON
    python scripts/list_schools.py --shards 16 --changed-since REF   # only the sites that differ from REF

With --shards the answer is one JSON object for a workflow's matrix:
    {"shards": [{"shard": "1 of 16", "national": true, "schools": "slug-a slug-c …"}, …],
     "national": true, "schools": 312, "removed": ["old-school"]}
Every school is in exactly one shard, and shards differ by at most one school. The national site is
built by a shard with the fewest schools. With --changed-since, what was decided for each site, and why, goes to stderr.
Exit codes: 0 listed; 2 wrong arguments (an unknown REF, more shards than a matrix may run).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SCHOOLS = Path(__file__).resolve().parent.parent / "schools"
MATRIX_LIMIT = 256  # GitHub Actions runs at most 256 jobs from one matrix


def shards(schools: list[str], count: int, national: bool = True) -> list[dict[str, object]]:
    """`schools` dealt into at most `count` shards, none empty, in turn (so sizes differ by one at most).

    Schools cost much the same to build (the same programme, a few phases and examples each), so equal
    numbers are equal work. The national site costs about what a school does: it goes with a shard
    that has the fewest schools.
    """
    ordered = sorted(schools)
    count = max(1, min(count, len(ordered))) if ordered else 1
    dealt = [ordered[number::count] for number in range(count)]
    lightest = max(range(count), key=lambda number: (-len(dealt[number]), number)) if national else -1
    return [{"shard": f"{number + 1} of {count}", "national": national and number == lightest,
             "schools": " ".join(dealt[number])} for number in range(count)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--shards", type=int, metavar="N", help=f"split into N shards (1 to {MATRIX_LIMIT})")
    parser.add_argument("--changed-since", metavar="REF", help="list only the sites that differ from git commit REF")
    arguments = parser.parse_args(sys.argv[1:] if argv is None else argv)
    schools = sorted(path.parent.name for path in SCHOOLS.glob("*/school.yml"))
    if arguments.shards is None:
        if arguments.changed_since:
            parser.error("--changed-since goes with --shards N")
        print(json.dumps(schools))
        return 0
    if not 1 <= arguments.shards <= MATRIX_LIMIT:
        print(f"error: --shards {arguments.shards}: a GitHub Actions matrix runs 1 to {MATRIX_LIMIT} jobs — "
              f"choose a number in that range", file=sys.stderr)
        return 2
    national, removed = True, []
    if arguments.changed_since:
        from pipeline.changes import NATIONAL, ChangeError, plan_changes

        try:
            plan = plan_changes(arguments.changed_since)
        except ChangeError as error:
            print(error, file=sys.stderr)
            return 2
        print("\n".join(plan.lines()), file=sys.stderr)
        schools, national, removed = plan.schools(), NATIONAL in plan.rebuild, sorted(plan.removed)
    matrix = shards(schools, arguments.shards, national) if schools or national else []
    print(json.dumps({"shards": matrix, "national": national, "schools": len(schools), "removed": removed}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
