"""Write the JSON Schemas (schemas/*.schema.json) and the editor settings that use them.

    python scripts/schemas.py          # regenerate after changing pipeline/model.py
    python scripts/schemas.py --check  # exit 1 if the committed files are out of date

The schemas are generated from pipeline/model.py: one source of truth. Never edit them by hand.

Exit codes: 0 written (or, with --check, up to date); 1 with --check, some are out of date; 2 wrong arguments.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline import PROJECT_DIR  # noqa: E402
from pipeline.schemas import all_schemas, editor_settings  # noqa: E402

SCHEMAS_DIR = PROJECT_DIR / "schemas"
SETTINGS = PROJECT_DIR / ".vscode" / "settings.json"


def expected_files() -> dict[Path, str]:
    files = {SCHEMAS_DIR / name: text for name, text in all_schemas().items()}
    files[SETTINGS] = json.dumps(editor_settings(), indent=2) + "\n"
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--check", action="store_true", help="only report files that are out of date")
    arguments = parser.parse_args(sys.argv[1:] if argv is None else argv)
    stale = [path for path, text in expected_files().items()
             if not path.is_file() or path.read_text(encoding="utf-8") != text]
    if arguments.check:
        for path in stale:
            print(f"{path.relative_to(PROJECT_DIR)}: out of date — run python scripts/schemas.py")
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(expected_files()[path], encoding="utf-8")
        print(f"wrote {path.relative_to(PROJECT_DIR)}")
    print(f"{len(expected_files())} files up to date.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
