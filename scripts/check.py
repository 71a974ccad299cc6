"""Check the sources without building: every problem, each as file:line: field: what — what to do.

    python scripts/check.py                      # content/ and every school under schools/
    python scripts/check.py --school oakfield-primary
    python scripts/check.py --content ../other-content --school path/to/school.yml
    python scripts/check.py --style              # and the house style (content/style.yml): warnings
    python scripts/check.py --style --changed-since origin/main   # house style only in files changed since
    python scripts/check.py --strict-todo        # TODO text left in is an error: the publish workflow
    python scripts/check.py -q                   # errors only: nothing at all when there are none

Scaffolds (scripts/new.py) mark what to replace with TODO: a warning while you write, an error with
--strict-todo, so that nothing is published with a TODO in it.

Under GitHub Actions (GITHUB_ACTIONS=true) each problem is also printed as an annotation
(::error file=…,line=…::…) so that it shows on the changed line of a pull request.

Exit codes: 0 no errors (warnings may be printed); 1 errors were found; 2 wrong arguments (an unknown
option, a school that does not exist).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline import DEFAULT_CONTENT, SCHOOLS_DIR, check_programme, check_school_anyway  # noqa: E402
from pipeline.changes import ChangeError  # noqa: E402
from pipeline.changes import changed_files as files_changed_since  # noqa: E402
from pipeline.load.programme import load_programme  # noqa: E402
from pipeline.load.school import find_school_file  # noqa: E402
from pipeline.problems import Problem, display_path, format_problems  # noqa: E402
from pipeline.safety.style import check_style  # noqa: E402
from pipeline.validate.text import TODO_LEFT  # noqa: E402


def github_annotation(problem: Problem) -> str:
    def escape(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    where = f"file={escape(problem.path)}" + (f",line={problem.line}" if problem.line else "")
    title = f",title={escape(problem.field).replace(',', '%2C').replace(':', '%3A')}" if problem.field else ""
    message = problem.message + (f" — {problem.hint}" if problem.hint else "")
    return f"::{problem.severity} {where}{title}::{escape(message)}"


def house_style(content_dir: Path, reported: list[Problem], changed_since: str | None) -> list[Problem]:
    """The house style's problems not reported already (rules set to `error` are checked by every run)."""
    _, loaded = load_programme(content_dir)  # files unchanged since check_programme read them are not read again
    found = [p for p in check_style(content_dir, loaded) if p not in reported]
    if changed_since is None:
        return found
    changed = changed_files(changed_since)
    if changed is None:
        print(f"note: git could not compare with '{changed_since}': the house style of every file is shown")
        return found
    return [p for p in found if p.severity == "error" or Path(p.path).resolve() in changed]


def changed_files(since: str) -> set[Path] | None:
    """The files changed since a commit (committed or not, new files included), or None when git cannot tell.

    The same files as `build.py --changed-since` compares (pipeline/changes.py).
    """
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True)
        root = Path(top.stdout.strip())
        names = files_changed_since(root, since)
    except (OSError, subprocess.CalledProcessError, ChangeError):
        return None
    return {(root / name).resolve() for name in names}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--content", type=Path, default=DEFAULT_CONTENT, metavar="DIR")
    parser.add_argument("--school", action="append", default=[], metavar="SLUG|PATH",
                        help="check only these schools (default: every school under schools/)")
    parser.add_argument("--style", action="store_true",
                        help="also check the house style: spelling, sentence length, words to avoid")
    parser.add_argument("--changed-since", metavar="GIT-REF",
                        help="with --style: report the house style only in files changed since this commit")
    parser.add_argument("--strict-todo", action="store_true",
                        help="TODO text left in is an error, not a warning (the publish workflow uses this)")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="print only errors (no warnings, nothing when all is well)")
    arguments = parser.parse_args(sys.argv[1:] if argv is None else argv)

    missing = [name for name in arguments.school if not find_school_file(name, SCHOOLS_DIR).is_file()]
    for name in missing:
        print(f"error: there is no school '{name}' — name a folder under schools/ or the path of a school.yml",
              file=sys.stderr)
    if missing:
        return 2

    _, problems = check_programme(arguments.content)
    if arguments.style:
        problems += house_style(arguments.content, problems, arguments.changed_since)
    school_files = ([find_school_file(name, SCHOOLS_DIR) for name in arguments.school]
                    or sorted(SCHOOLS_DIR.glob("*/school.yml")))
    for school_file in school_files:  # also while the programme has errors: every problem in one run
        problems += check_school_anyway(school_file, arguments.content)
    checked = len(school_files)
    if arguments.strict_todo:
        problems = [replace(p, severity="error") if p.message == TODO_LEFT else p for p in problems]
    errors = [p for p in problems if p.severity == "error"]
    if arguments.quiet:
        problems = errors
    if problems:
        print(format_problems(problems))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        # Annotations put each problem on the changed line of the pull request.
        for problem in problems:
            print(github_annotation(problem))
    if errors:
        files = len({p.path for p in errors})
        print(f"Fix the problems above ({len(errors)} in {files} file{'s' if files != 1 else ''}) "
              "and run this again.")
        return 1
    if not arguments.quiet:
        print(f"All sources are valid: the programme in {display_path(arguments.content)} and {checked} school(s).")
    return 0




if __name__ == "__main__":
    sys.exit(main())
