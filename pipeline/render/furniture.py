"""What surrounds the content, made from the data so it cannot contradict it: the home page's masthead
and study times, the accessibility statement's facts, and every page's footer (as data the theme draws).
"""

from __future__ import annotations

import datetime
import html
import posixpath
import re
from dataclasses import dataclass

from pipeline import brand, model
from pipeline.contextualise import SchoolProgramme
from pipeline.render.markdown import minutes
from pipeline.render.untrusted import plain

ACCESSIBILITY_SRC = "accessibility.md"  # docs/accessibility.md
_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


def long_date(value: datetime.date | str) -> str:
    """2026-09-01 as readers in England write it: 1 September 2026."""
    day = value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)
    return f"{day.day} {day:%B %Y}"


def edition(sp: SchoolProgramme) -> str:
    return long_date(sp.programme.info.edition_date)


def contacts(sp: SchoolProgramme) -> tuple[model.Contact, ...]:
    """Who readers contact: the school's contacts, or on the national site the programme's."""
    if sp.school is not None:
        return sp.school.contacts
    return (sp.programme.info.contact,) if sp.programme.info.contact else ()


# ---- the home page ---------------------------------------------------------------------------------


def study_times(sp: SchoolProgramme) -> str:
    """How long the self-studies take, from years.yml: one sentence for the home page."""
    first, second = sp.programme.year(1), sp.programme.year(2)
    parts = [f"a core self-study takes about {minutes(first.core_minutes)}"]
    if first.elective_minutes:
        parts.append(f"an elective about {minutes(first.elective_minutes)}")
    year_1 = " and ".join(parts)
    return (f"In year 1, {year_1}; in year 2, each module's self-study takes about "
            f"{minutes(second.core_minutes)}. Each study tells you how long each part takes.")


def masthead(sp: SchoolProgramme, from_src: str) -> str:
    """The home page's masthead: the school's logo (with its alt text), whose edition this is, and its date."""
    logo = sp.school.logo if sp.school else None
    lines = []
    if logo is not None:
        image = posixpath.relpath(brand.logo_src(logo.suffix), posixpath.dirname(from_src) or ".")
        lines.append(f"![{plain(logo.alt)}]({image}){{ .ect-logo }}\n")
    whose = f"{plain(sp.name)}'s edition" if sp.school else "The national edition"
    lines.append(f"{whose} of the {plain(sp.programme.info.name)}, {edition(sp)}.\n{{: .ect-edition }}\n")
    return "\n".join(lines)


# ---- the accessibility statement --------------------------------------------------------------------


NOT_ASSESSED = "This site has not yet been assessed against the standard.\n"


def compliance_status(sp: SchoolProgramme) -> str:
    facts = sp.programme.info.accessibility
    if facts is None:  # programme.yml gives no facts: say so, never claim anything
        return NOT_ASSESSED
    site = "This site"
    if facts.status == "fully compliant":
        return f"{site} is fully compliant with the Web Content Accessibility Guidelines version 2.2 AA standard.\n"
    due = " due to the non-compliances listed below" if facts.known_issues else ""
    return (f"{site} is {facts.status} with the Web Content Accessibility Guidelines version 2.2 AA "
            f"standard{due}.\n")


def known_issues(sp: SchoolProgramme) -> str:
    facts = sp.programme.info.accessibility
    if facts is None:
        return NOT_ASSESSED
    issues = facts.known_issues
    if not issues:
        return "We know of no content on this site that fails the standard.\n"
    lines = []
    for issue in issues:
        criteria = f" This fails WCAG 2.2 success criteria {', '.join(issue.criteria)}." if issue.criteria else ""
        lines.append(f"- {issue.text.strip()}{criteria}")
    return "\n".join(lines) + "\n"


def accessibility_contact(sp: SchoolProgramme) -> str:
    """Whom to tell about a problem, and when they will reply."""
    facts = sp.programme.info.accessibility
    days = facts.reply_within_days if facts else None
    people = [f"- {plain(c.role)}: {plain(c.name)}" + (f", {_mail_link(c.email)}" if c.email else "")
              for c in contacts(sp)]
    who = ("Tell us about it:\n\n" + "\n".join(people) + "\n\n" if people else
           "Tell the induction tutor at your school about it.\n\n")
    reply = f"We will reply within {days} working day{'s' if days != 1 else ''}" if days else "We will reply"
    return (f"{who}Say which page, and what happened. {reply}, and, if you need it, send you the page's content "
            "in a form you can use.\n")


def mail_address(email: str | None) -> str | None:
    """An address from school.yml to link to, when it looks like one (untrusted text: anything else is shown
    as plain text, never made a link)."""
    email = (email or "").strip()
    return email if _EMAIL.fullmatch(email) else None


def _mail_link(email: str) -> str:
    address = mail_address(email)
    if address is None:
        return plain(email)
    return f'<a href="mailto:{html.escape(address, quote=True)}">{plain(address)}</a>'


def accessibility_tested(sp: SchoolProgramme) -> str:
    facts = sp.programme.info.accessibility
    if facts is None:
        return f"This site has not yet been tested. This edition of the site was published on {edition(sp)}.\n"
    return (f"This statement was prepared on {long_date(facts.prepared)}. This site was last tested on "
            f"{long_date(facts.last_tested)}, when every type of page passed the tests described above. "
            f"This edition of the site was published on {edition(sp)}.\n")


# ---- every page's footer ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FooterContact:
    role: str
    name: str
    email: str | None  # shown as text
    mail_to: str | None  # the same, when it is an address to link to


@dataclass(frozen=True)
class Furniture:
    """What the theme draws around every page (overrides/), as plain text: the theme escapes it."""

    contacts: tuple[FooterContact, ...]
    licence_name: str | None
    licence_url: str | None
    edition: str


def furniture(sp: SchoolProgramme) -> Furniture:
    licence = sp.programme.info.licence
    return Furniture(
        contacts=tuple(FooterContact(c.role, c.name, c.email, mail_address(c.email)) for c in contacts(sp)),
        licence_name=licence.name if licence else None, licence_url=licence.url if licence else None,
        edition=edition(sp),
    )
