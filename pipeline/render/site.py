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
from pipeline.render.macros import MACROS, Here
from pipeline.render.nav import NavItem, navigation
from pipeline.render.pages import GeneratedPage, abbreviations, generated_pages
from pipeline.render.parts import PageContext
from pipeline.render.sandbox import macro, make_environment, render_sandboxed
from pipeline.render.untrusted import plain


@dataclass(frozen=True)
class FinishedPage:
    src: str  # its path in the site, e.g. self-studies/x.md
    markdown: str  # finished: no template left, the glossary's abbreviations at the end
    kind: str  # "study", "mentor", "handbook", "static" (docs/) or "other"
    source: str | None = None  # the writer's file, when a writer wrote (part of) it


@dataclass(frozen=True)
class Site:
    name: str
    slug: str  # "" for the national site
    pages: tuple[FinishedPage, ...]
    nav: tuple[NavItem, ...]
    abbreviations: str  # Markdown abbreviation definitions, already on every finished page
    files: tuple[tuple[str, bytes], ...] = ()  # other files of the site, (path, bytes): the school's look

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
        source = page.context.page.source
        first = page.body.first_line
        body = render_template(sp, page.context, page.body.text, lambda line: f"{source}:{first + line - 1}")
        markdown = header + "\n" + body
    return FinishedPage(page.src, markdown + "\n\n" + abbreviation_lines, page.context.kind, source)


def finish_static(sp: SchoolProgramme, src: str, text: str, shown_as: str, abbreviation_lines: str) -> FinishedPage:
    """A hand-written page of the site (docs/): its templates rendered like any other page's."""
    body = render_template(sp, PageContext(src, "other"), text, lambda line: f"{shown_as}:{line}")
    return FinishedPage(src, body + "\n\n" + abbreviation_lines, "static", shown_as)


def render_site(sp: SchoolProgramme, docs: dict[str, tuple[str, str]], finish_docs: bool = True) -> Site:
    """Every page of the school's site, finished, and its navigation.

    `docs`: the hand-written pages (docs/*.md), src → (text, how the file is named in messages).
    With `finish_docs=False` they are left to the engine (MkDocs renders them through mkdocs-macros,
    with the same `render_template`), and only listed in the navigation.
    """
    lines = abbreviations(sp)
    pages = [finish(sp, page, lines) for page in generated_pages(sp)]
    if finish_docs:
        pages += [finish_static(sp, src, text, shown_as, lines) for src, (text, shown_as) in sorted(docs.items())]
    files = brand.site_files(sp.school)
    return Site(sp.name, sp.slug, tuple(pages), navigation(sp, sorted(docs)), lines, tuple(sorted(files.items())))
