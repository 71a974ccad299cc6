"""Which names a school's folder may not have: the names the national site publishes at its top level.

Schools' sites are published inside the national site's folder (OUT/SLUG/), so a school named
like one of the national site's own folders or pages would replace it. The list is derived from
what the national site publishes, never kept by hand; a test compares it with a real build.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from pipeline import model
from pipeline.brand import STYLESHEET_SRC
from pipeline.contextualise import national
from pipeline.images import image_references, is_local, resolve
from pipeline.render.pages import generated_pages

# What the engine writes at the top of every site besides our pages: the theme's assets, the
# search index (engines/search.py), the 404 page and the sitemap (MkDocs + Material).
ENGINE_TOP_LEVEL = frozenset({"assets", "pagefind", "404.html", "sitemap.xml", "sitemap.xml.gz"})
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# Names publishing gives what goes beside the schools' sites in OUT: the national site's manifest
# (national.manifest.json, as a school's is SLUG.manifest.json) and the shared theme files (assets-VERSION).
PUBLISHING_NAMES = frozenset({"national"})
PUBLISHING_PREFIX = "assets-"


def top_level_name(src: str) -> str:
    """The top-level name a page or file of the site is published under (pages get folder URLs)."""
    first = src.split("/")[0]
    return first.removesuffix(".md") if "/" not in src and first.endswith(".md") else first


def reserved_slugs(programme: model.Programme, docs_dir: Path) -> frozenset[str]:
    pages = generated_pages(national(programme))
    generated = {page.src for page in pages}
    # the images the pages show are published at their path in content/, e.g. images/
    generated |= {path for page in pages if page.body
                  for reference in image_references(page.body.text) if is_local(reference.src)
                  for path in [resolve(page.src, reference.src)] if path in programme.images}
    static = {path.name for path in docs_dir.iterdir()} if docs_dir.is_dir() else set()
    return taken_by(generated | static | {STYLESHEET_SRC})  # and every site's own look (pipeline/brand.py)


def taken_by(published: Iterable[str]) -> frozenset[str]:
    """The names a site takes at its top level: its pages' and files' (paths as in the site) and the engine's."""
    return frozenset(({top_level_name(src) for src in published} | ENGINE_TOP_LEVEL) - {"index"})


def slug_problem(slug: str, reserved: frozenset[str]) -> tuple[str, str] | None:
    """Why a school's folder name cannot be its slug, and what to do; None if it can."""
    if not SLUG.fullmatch(slug):
        return (f"the folder name '{slug}' cannot be a school's address",
                "rename the folder: lower-case letters, digits and hyphens, e.g. oakfield-primary")
    if slug in reserved:
        return (f"the folder name '{slug}' is used by the national site itself",
                f"rename the folder; these names are taken: {', '.join(sorted(reserved))}")
    if slug in PUBLISHING_NAMES or slug.startswith(PUBLISHING_PREFIX):
        return (f"the folder name '{slug}' is kept for what is published beside the schools' sites",
                "rename the folder: names starting 'assets-', and 'national', are taken")
    return None
