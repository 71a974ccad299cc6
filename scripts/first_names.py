"""Write pipeline/safety/data/first_names.txt: the first names the personal-data guard knows.

    pip install faker==40.63.0     # only to run this script; the project itself never imports Faker
    python scripts/first_names.py

The names come from Faker's person providers (MIT licence, see pipeline/safety/data/LICENCES.md):
the United States' and Great Britain's and Ireland's lists, and the lists of the languages most
often spoken in England's schools that Faker writes in the Latin alphabet. Importing Faker takes
half a second (it loads every locale), so the list is written out once and committed: reading it
takes a few milliseconds.

Exit codes: 0 written; 1 Faker is not installed.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from pathlib import Path

LOCALES = ("en", "en_GB", "en_IE", "en_US", "en_IN", "en_PK", "en_NG", "pl_PL", "ro_RO", "lt_LT", "pt_PT", "es_ES",
           "it_IT", "fr_FR", "de_DE", "tr_TR", "tw_GH", "yo_NG", "ig_NG", "ha_NG", "zu_ZA", "sw")
TARGET = Path(__file__).resolve().parent.parent / "pipeline" / "safety" / "data" / "first_names.txt"
NAME = re.compile(r"[^\W\d_]{2,}(?:[-'][^\W\d_]+)*")


def first_names() -> list[str]:
    names: set[str] = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
            values = getattr(provider, attribute, ())
            names.update(values.keys() if isinstance(values, dict) else values)
    return sorted(n for n in names if NAME.fullmatch(n) and n[0].isupper())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        import faker  # only this script needs it
    except ImportError:
        print("error: Faker is not installed: pip install faker==40.63.0, then run this again", file=sys.stderr)
        return 1
    names = first_names()
    header = (f"# First names for the personal-data guard: {len(names)} names from the person providers of\n"
              f"# Faker {faker.VERSION} (MIT licence, see LICENCES.md), for the locales\n"
              f"# {', '.join(LOCALES)}.\n"
              "# Written by scripts/first_names.py: do not edit by hand.\n")
    TARGET.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(names)} names written to {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
