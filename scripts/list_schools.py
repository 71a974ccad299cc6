"""Print the slugs of every school under schools/ as a JSON list (for a CI build matrix)."""

from __future__ import annotations

import json
from pathlib import Path

SCHOOLS = Path(__file__).resolve().parent.parent / "schools"

if __name__ == "__main__":
    print(json.dumps(sorted(path.parent.name for path in SCHOOLS.glob("*/school.yml"))))
