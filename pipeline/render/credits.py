"""Who wrote a school's example, and when: one line under the example, as plain text (school text
is untrusted, see untrusted.py)."""

from __future__ import annotations

import datetime

from pipeline.contextualise import SchoolProgramme
from pipeline.render.untrusted import plain

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def long_date(date: datetime.date) -> str:
    """14 March 2025: the same in every locale, so that builds are the same everywhere."""
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


def example_credit(sp: SchoolProgramme, page_id: str, slot_id: str) -> str:
    """'Written by …, 14 March 2025.' under a school's example, or nothing when the school gave neither."""
    credit = sp.school.credits.get(page_id, {}).get(slot_id) if sp.school else None
    if credit is None or not (credit.author or credit.date):
        return ""
    if credit.author and credit.date:
        line = f"Written by {plain(credit.author)}, {long_date(credit.date)}."
    elif credit.author:
        line = f"Written by {plain(credit.author)}."
    else:
        line = f"Written on {long_date(credit.date)}."
    return f"\n*{line}*\n"
