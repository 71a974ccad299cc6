"""What one MkDocs build knows about the school it is building, shared by the hooks and the macros."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.structure.nav import Navigation

from engines.mkdocs.shared_assets import SharedAssets
from pipeline.contextualise import SchoolProgramme
from pipeline.problems import Problem
from pipeline.render.parts import PageContext
from pipeline.render.site import FinishedPage, Site

CONFIG_KEY = "ect_site"


@dataclass(repr=False)
class SiteState:
    school_programme: SchoolProgramme
    site: Site  # the pipeline's finished pages and navigation
    content_dir: Path
    warnings: list[Problem] = field(default_factory=list)
    conversion_key: str = ""  # see shared_work.site_key: set once the site's files are known
    nav: Navigation | None = None  # MkDocs' navigation, once it is made
    shared_assets: SharedAssets | None = None  # when the theme's files are shared (shared_assets.py)
    pages: dict[str, FinishedPage] = field(init=False)

    def __post_init__(self) -> None:
        self.pages = {page.src: page for page in self.site.pages}

    def __repr__(self) -> str:
        # Short: mkdocs-macros turns every variable into text for its debug log on every build.
        return f"<SiteState of {self.school_programme.name}: {len(self.pages)} generated pages>"

    def context(self, src: str) -> PageContext:
        """A hand-written page (docs/) as its macros see it."""
        return PageContext(src, "other")
