"""What one MkDocs build knows about the school it is building, shared by the hooks and the macros."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.structure.nav import Navigation

from pipeline.contextualise import SchoolProgramme
from pipeline.problems import Problem
from pipeline.render.pages import GeneratedPage
from pipeline.render.parts import PageContext

CONFIG_KEY = "ect_site"


@dataclass(repr=False)
class SiteState:
    school_programme: SchoolProgramme
    pages: dict[str, GeneratedPage]
    content_dir: Path
    warnings: list[Problem] = field(default_factory=list)
    abbreviations: str = ""  # Markdown abbreviation definitions appended to every page
    conversion_key: str = ""  # see shared_work.site_key: set once the site's files are known
    nav: Navigation | None = None  # MkDocs' navigation, once it is made

    def __repr__(self) -> str:
        # Short: mkdocs-macros turns every variable into text for its debug log on every build.
        return f"<SiteState of {self.school_programme.name}: {len(self.pages)} generated pages>"

    def context(self, src: str) -> PageContext:
        page = self.pages.get(src)
        return page.context if page else PageContext(src, "other")

    def where(self, src: str, docs_dir: str, template_line: int) -> str:
        """`file:line` of a template line, in the writer's source file when the page is generated."""
        page = self.pages.get(src)
        if page is None:
            return f"{Path(docs_dir).name}/{src}:{template_line}"
        source = page.context.page
        if source is None:
            return f"(generated) {src}:{template_line}"
        header_lines = page.markdown[: len(page.markdown) - len(source.body.text)].count("\n")
        return f"{source.source}:{template_line - header_lines + source.body.first_line - 1}"
