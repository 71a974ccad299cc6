"""Print the slugs of every school under schools/ as a JSON list (for a CI build matrix).

    python scripts/list_schools.py          # ["brookside-school", …]

Exit codes: 0 listed; 2 wrong arguments.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

SCHOOLS = Path(__file__).resolve().parent.parent / "schools"

if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__.split("\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                            epilog=__doc__).parse_args()
    print(json.dumps(sorted(path.parent.name for path in SCHOOLS.glob("*/school.yml"))))
