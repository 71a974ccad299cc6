"""Run the accessibility tests and, when they all pass, record today's date as the date of the last test.

    python scripts/accessibility_tested.py                 # the tests below; the date goes into content/programme.yml
    python scripts/accessibility_tested.py --content DIR

The accessibility statement (docs/accessibility.md) says when the site was last tested: that date is
`accessibility.last_tested` in programme.yml, a source like any other, so that a build is the same bytes
whenever it is run. This command is the one way it changes: it changes only that line, and only when the
tests pass. Exit codes: 0 recorded; 1 the tests failed (nothing recorded); 2 programme.yml has no
`last_tested:` under `accessibility:`.
"""

from __future__ import annotations

import argparse
import datetime
import re
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from pipeline import DEFAULT_CONTENT  # noqa: E402

# axe-core on every page type, focus and contrast of controls, the PDF's tags, bookmarks and links, print
TESTS = ("tests/browser/test_accessibility.py", "tests/browser/test_look.py", "tests/browser/test_handbook_pdf.py",
         "tests/browser/test_print_and_export.py")
_LAST_TESTED = re.compile(r"^(?P<indent>[ \t]+)last_tested:[^\n#]*?(?P<comment>[ \t]+#[^\n]*)?$", re.MULTILINE)


def with_date(text: str, day: datetime.date) -> str | None:
    """programme.yml's text with `last_tested:` (under `accessibility:`) set to `day`; None when it has none."""
    block = re.search(r"^accessibility:[ \t]*(#[^\n]*)?\n(?P<body>(?:[ \t]+[^\n]*\n|[ \t]*\n)*)", text, re.MULTILINE)
    if block is None:
        return None
    body = block.group("body")
    changed, count = _LAST_TESTED.subn(lambda m: f"{m['indent']}last_tested: {day.isoformat()}{m['comment'] or ''}",
                                       body, count=1)
    if count == 0:
        return None
    return text[:block.start("body")] + changed + text[block.end("body"):]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0], epilog=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", type=Path, default=DEFAULT_CONTENT, metavar="DIR",
                        help="the content folder whose programme.yml records the date (default: content/)")
    parser.add_argument("--tests", nargs="+", default=list(TESTS), metavar="PATH", help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    programme_file = arguments.content / "programme.yml"
    text = programme_file.read_text(encoding="utf-8")
    if with_date(text, datetime.date.today()) is None:
        print(f"error: {programme_file}: there is no `last_tested:` under `accessibility:` — add the "
              "accessibility block (see content/README.md), then run this again", file=sys.stderr)
        return 2
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", *arguments.tests], cwd=PROJECT, check=False)
    if run.returncode != 0:
        print("The accessibility tests did not all pass: the date of the last test is unchanged.", file=sys.stderr)
        return 1
    today = datetime.date.today()
    programme_file.write_text(with_date(text, today), encoding="utf-8")
    print(f"{programme_file}: accessibility.last_tested is now {today.isoformat()}. Commit it with the release.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
