"""Links between pages: every link a writer writes to another page (or a heading on one) must work in
every school's site. The engine's strict build fails on a link to a page or heading that is not there,
and it fails for every school at once, so check.py reports it at the link's file and line.

Headings are read from each page's finished Markdown (render/anchors.py). Some headings are there
only in some schools' sites: a phase's scenario only where the school has the phase, an example slot's
heading only where there is an example. So a page is rendered for the national site and for a school
of each single phase, and a link must reach a heading all of them have.
"""

from __future__ import annotations

import difflib
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pipeline import model
from pipeline.contextualise import SchoolProgramme, contextualise, national
from pipeline.load.programme import field_name
from pipeline.load.yaml_lines import text_values
from pipeline.render.anchors import anchors
from pipeline.render.pages import GeneratedPage, generated_pages
from pipeline.render.site import finish
from pipeline.render.urls import cycle_src, form_src, handbook_src, mentor_src, session_src, study_src
from pipeline.validate.html import link_addresses
from pipeline.validate.rules import Checking, rule

DOCS_DIR = Path(__file__).resolve().parents[2] / "docs"  # the site's hand-written pages, also link targets
SHOWN_ANCHORS = 12  # at most this many anchors are listed in a message


@dataclass(frozen=True)
class Link:
    relative: str  # the writer's file, relative to content/
    line: int
    field: str
    page: str  # the page the link is on, e.g. handbook/welcome.md
    address: str


def _pages_of_files(programme: model.Programme) -> dict[str, str]:
    """The page each content file's text is shown on, by the file's path relative to content/."""
    pages = {f"self-studies/{i}.md": study_src(i) for i in programme.self_studies}
    pages |= {f"mentor-support/{i}.md": mentor_src(i) for i in programme.mentor_pages}
    pages |= {f"handbook/{i}.md": handbook_src(chapter) for i, chapter in programme.handbook.items()}
    pages |= {f"mentor-sessions/{i}.yml": session_src(session) for i, session in programme.mentor_sessions.items()}
    pages |= {f"development-cycles/{i}.yml": cycle_src(cycle) for i, cycle in programme.development_cycles.items()}
    return pages | {f"forms/{i}.yml": form_src(i) for i in programme.forms}


def links(c: Checking) -> list[Link]:
    """Every link to a page of the site in what writers wrote: page bodies and the text of YAML shown on a page."""
    found: list[Link] = []
    for relative, page in sorted(_pages_of_files(c.programme).items()):
        if relative in c.loaded.bodies:
            body = c.loaded.bodies[relative][1]
            found += [Link(relative, line, "body", page, address)
                      for line, address in link_addresses(body.text, body.first_line)]
        for location, line, text in text_values(c.loaded.raw.get(relative)):
            found += [Link(relative, at, field_name(location), page, address)
                      for at, address in link_addresses(text, line)]
    return [link for link in found if _is_to_a_page(link.address)]


def _is_to_a_page(address: str) -> bool:
    parts = urlsplit(address)
    if parts.scheme or parts.netloc or address.startswith("/"):
        return False  # another site, or a link MkDocs reports itself
    return parts.path.endswith(".md") or (not parts.path and bool(parts.fragment))


def _one_phase_school(programme: model.Programme, phase: model.Phase) -> model.School:
    """A school with only this phase and no examples of its own: the least a school's site can have."""
    return model.School(slug=f"only-{phase.id}", name=phase.name, phases=(phase.id,),
                        module_order=programme.info.default_module_order, examples={}, source="")


@dataclass
class Sites:
    """The national site and one single-phase school's site per phase; pages rendered only when asked."""

    programme: model.Programme
    contexts: list[tuple[str, SchoolProgramme]] = field(default_factory=list)
    _pages: dict[str, list[GeneratedPage]] = field(default_factory=dict)
    _anchors: dict[str, tuple[list[str], dict[str, list[str]]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.contexts = [("", national(self.programme))] + [
            (phase.name, contextualise(self.programme, _one_phase_school(self.programme, phase)))
            for phase in self.programme.phases]
        self.docs = {path.relative_to(DOCS_DIR).as_posix(): path for path in sorted(DOCS_DIR.rglob("*.md"))}
        self.sources = {page.src for page in self._generated("")} | set(self.docs)

    def _generated(self, name: str) -> list[GeneratedPage]:
        if name not in self._pages:
            context = dict(self.contexts)[name]
            self._pages[name] = generated_pages(context)
        return self._pages[name]

    def anchors(self, src: str) -> tuple[list[str], dict[str, list[str]]] | None:
        """The page's anchors that every school's site has, and the others with the sites that have them;
        None when the page cannot be rendered (its own problems are reported by other rules)."""
        if src not in self._anchors:
            try:
                self._anchors[src] = self._read(src)
            except Exception:  # a page that fails to render: the rule that explains why reports it
                return None
        return self._anchors[src]

    def _read(self, src: str) -> tuple[list[str], dict[str, list[str]]]:
        if src in self.docs:
            return anchors(self.docs[src].read_text(encoding="utf-8")), {}
        national_page = next(p for p in self._generated("") if p.src == src)
        per_site: list[tuple[str, list[str]]] = []
        for name, context in self.contexts:
            if national_page.body is not None:
                # a writer's page: its header has no heading a school changes; its body is rendered for
                # each site (scenarios, phase examples and example slots differ), which is quick
                page: GeneratedPage | None = national_page
            else:  # a page made from the data alone: made again for each site
                page = next((p for p in self._generated(name) if p.src == src), None)
            per_site.append((name, anchors(finish(context, page, "").markdown) if page else []))
        everywhere = [a for a in per_site[0][1] if all(a in found for _, found in per_site)]
        somewhere = {a: [name for name, found in per_site[1:] if a in found] for a in per_site[0][1]
                     if a not in everywhere}
        return everywhere, somewhere


def _target(link: Link) -> tuple[str, str]:
    parts = urlsplit(link.address)
    if not parts.path:
        return link.page, parts.fragment
    return posixpath.normpath(posixpath.join(posixpath.dirname(link.page), unquote(parts.path))), parts.fragment


def _listed(anchors_: list[str]) -> str:
    shown = ", ".join(f"#{a}" for a in anchors_[:SHOWN_ANCHORS])
    return shown + (f" (and {len(anchors_) - SHOWN_ANCHORS} more)" if len(anchors_) > SHOWN_ANCHORS else "")


@rule
def links_reach_pages_and_headings(c: Checking) -> None:
    found = links(c)
    if not found:
        return
    try:
        sites = Sites(c.programme)
    except Exception:  # the site cannot be put together: the problems that stop it are reported by other rules
        return
    for link in found:
        src, anchor = _target(link)
        where = (link.relative, link.line, link.field)
        if src not in sites.sources:
            near = difflib.get_close_matches(src, sorted(sites.sources), n=1)
            hint = (f"did you mean {posixpath.relpath(near[0], posixpath.dirname(link.page) or '.')}?" if near
                    else "link to a page's .md file, relative to this page")
            c.report_line(*where, f"the link '{link.address}' goes to a page the site does not have ({src})", hint)
            continue
        if not anchor or (page_anchors := sites.anchors(src)) is None:
            continue
        everywhere, somewhere = page_anchors
        if anchor in everywhere:
            continue
        listed = f"use one of: {_listed(everywhere)}" if everywhere else "link to the page itself, without '#…'"
        if anchor in somewhere:
            sites_with = (f"the national site and schools with {' or '.join(somewhere[anchor])}"
                          if somewhere[anchor] else "the national site")
            c.report_line(*where, f"the link '{link.address}' goes to a heading not every school's site has "
                          f"(only {sites_with}), so the other schools' sites would fail to build", listed)
        else:
            c.report_line(*where, f"the link '{link.address}' goes to a heading that {src} does not have", listed)
