"""The school's site as data: every page's finished Markdown, and the navigation.

This is what the pipeline hands to an engine (MkDocs today, Zensical proven): nothing is left
to render. Templates in pages are rendered here, in the sandbox, with the writers' macros bound
to the page they are on; errors name the writer's file and line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pipeline import brand
from pipeline.contextualise import SchoolProgramme
from pipeline.images import image_references, is_local, resolve
from pipeline.render.calendar import calendar_files
from pipeline.render.macros import MACROS, Here
from pipeline.render.nav import NavItem, navigation
from pipeline.render.pages import GeneratedPage, abbreviations, generated_pages
from pipeline.render.parts import PageContext
from pipeline.render.sandbox import macro, make_environment, render_sandboxed
from pipeline.render.setup_page import setup_files
from pipeline.render.slugs import taken_by
from pipeline.render.untrusted import plain
from pipeline.schedule import for_school


@dataclass(frozen=True)
class FinishedPage:
    src: str  # its path in the site, e.g. self-studies/x.md
    markdown: str  # finished: no template left, the glossary's abbreviations at the end
    kind: str  # "study", "mentor", "handbook", "static" (docs/) or "other"
    source: str | None = None  # the writer's file, when a writer wrote (part of) it


@dataclass(frozen=True)
class SiteFile:
    """A file the site publishes as it is, e.g. an image a page shows."""

    src: str  # its path in the site, the same as in content/, e.g. images/feedback-sections.svg
    data: bytes


@dataclass(frozen=True)
class Site:
    name: str
    slug: str  # "" for the national site
    pages: tuple[FinishedPage, ...]
    nav: tuple[NavItem, ...]
    abbreviations: str  # Markdown abbreviation definitions, already on every finished page
    files: tuple[SiteFile, ...] = ()  # images its pages show, calendar feeds, the set-up page's data, its look

    def page(self, src: str) -> FinishedPage | None:
        return next((page for page in self.pages if page.src == src), None)


def template_context(sp: SchoolProgramme, page: PageContext) -> dict[str, Any]:
    """What a page's templates can reach: the writers' macros, bound to this page, and two plain values."""
    here = Here(sp, page)

    def bind(name: str) -> Callable[..., str]:
        render = MACROS[name].render

        def bound(*arguments: str) -> str:
            return render(here, *arguments)
        bound.__name__ = name
        return macro(bound)

    return {**{name: bind(name) for name in MACROS}, "school_name": plain(sp.name),
            "programme_name": plain(sp.programme.info.name)}


def render_template(sp: SchoolProgramme, page: PageContext, text: str, where: Callable[[int], str]) -> str:
    """A page's Markdown with its templates rendered; `where(line)` names a line of `text` as file:line."""
    return render_sandboxed(make_environment(), text, template_context(sp, page), where)


def finish(sp: SchoolProgramme, page: GeneratedPage, abbreviation_lines: str) -> FinishedPage:
    """One generated page, finished. The header is made from the facts; the body is the writer's."""
    header = render_template(sp, page.context, page.header, lambda line: f"{page.src} (made from the data)")
    markdown, source = header, None
    if page.body is not None and page.context.page is not None:
        source, written = page.context.page.source, page.body
        body = render_template(sp, page.context, written.text, lambda line: f"{source}:{written.file_line(line)}")
        markdown = header + "\n" + body
    return FinishedPage(page.src, markdown + "\n\n" + abbreviation_lines, page.context.kind, source)


def finish_static(sp: SchoolProgramme, src: str, text: str, shown_as: str, abbreviation_lines: str) -> FinishedPage:
    """A hand-written page of the site (docs/): its templates rendered like any other page's."""
    body = render_template(sp, PageContext(src, "other"), text, lambda line: f"{shown_as}:{line}")
    return FinishedPage(src, body + "\n\n" + abbreviation_lines, "static", shown_as)


def shown_files(sp: SchoolProgramme, pages: list[FinishedPage]) -> tuple[SiteFile, ...]:
    """The images the finished pages show: a school's site carries no image of a passage it does not keep."""
    used: dict[str, bytes] = {}
    for page in pages:
        for reference in image_references(page.markdown):
            path = resolve(page.src, reference.src) if is_local(reference.src) else None
            if path in sp.programme.images:
                used[path] = sp.programme.images[path]
    return tuple(SiteFile(path, data) for path, data in sorted(used.items()))


def render_site(sp: SchoolProgramme, docs: dict[str, tuple[str, str]], finish_docs: bool = True,
                site_url: str | None = None) -> Site:
    """Every page of the school's site, finished, its navigation and its other files (images, calendar feeds,
    the school's stylesheet and logo).

    `docs`: the hand-written pages (docs/*.md), src → (text, how the file is named in messages).
    With `finish_docs=False` they are left to the engine (MkDocs renders them through mkdocs-macros,
    with the same `render_template`), and only listed in the navigation.
    `site_url`: where the site is published, so that calendar events can link to their pages.
    """
    lines = abbreviations(sp)
    pages = [finish(sp, page, lines) for page in generated_pages(sp, site_url)]
    if finish_docs:
        pages += [finish_static(sp, src, text, shown_as, lines) for src, (text, shown_as) in sorted(docs.items())]
    shown, calendars = shown_files(sp, pages), calendar_files(sp, for_school(sp), site_url)
    # the names a school's folder may not take: what the national site publishes at its top level
    look = brand.site_files(sp.school)
    published = [page.src for page in pages] + list(docs) + [file.src for file in shown] + list(calendars) + list(look)
    reserved = taken_by(published)
    extra = calendars | setup_files(sp, reserved) | look
    files = shown + tuple(SiteFile(src, data) for src, data in sorted(extra.items()))
    return Site(sp.name, sp.slug, tuple(pages), navigation(sp, sorted(docs)), lines, files)
