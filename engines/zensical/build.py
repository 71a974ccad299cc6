"""Zensical as a second engine: a school's site built from the pipeline's finished pages.

Zensical runs no hooks or plugins of ours, so everything it sees is already finished: every page's
Markdown (templates rendered, abbreviations appended, docs/ pages too), the navigation as data and
the static files (stylesheet, script, vendored shim). This module lays them out as a Zensical
project beside the target, writes `zensical.toml`, runs `zensical build` in a child process and
publishes the result atomically (engines/publishing.py), as the MkDocs build does.

The published sites are built with MkDocs; this build proves that the pipeline does not depend on
MkDocs (tests/test_second_engine.py compares every page of both).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from engines import search
from engines.minify import is_minified_asset, minified
from engines.mkdocs.build import BuildResult
from engines.publishing import Publication, disk_error, remove
from engines.search import SearchIndexError
from pipeline import DEFAULT_CONTENT, DOCS_DIR, PROJECT_DIR, SCHOOLS_DIR, prepare
from pipeline.contextualise import SchoolProgramme
from pipeline.load.docs import read_docs
from pipeline.load.school import find_school_file
from pipeline.load.source_text import SourceUnreadable
from pipeline.problems import ContentError, Problem
from pipeline.render.nav import NavItem, NavSection
from pipeline.render.sandbox import TemplateProblem
from pipeline.render.site import Site, render_site

MKDOCS_YML = PROJECT_DIR / "mkdocs.yml"


class _SettingsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's settings as data: `!ENV [NAME, default]` gives the default, and a
    `!!python/name:material.…` function gives its name, for Zensical's copy (`zensical.…`)."""


_SettingsLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
_SettingsLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/name:", lambda loader, suffix, node: suffix.replace("material.", "zensical.", 1))


def mkdocs_settings() -> dict:
    """mkdocs.yml, the one place the Markdown extensions and the theme's features are written."""
    return yaml.load(MKDOCS_YML.read_text(encoding="utf-8"), Loader=_SettingsLoader)  # noqa: S506 - safe loader


def markdown_extensions(settings: dict) -> dict[str, dict]:
    extensions: dict[str, dict] = {}
    for entry in settings["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        extensions[name] = options or {}
    return extensions


# Our template changes. The meta tag says which site this is, so that ticks and notes kept in the
# browser never mix between schools (overrides/main.html does the same for MkDocs). The title
# block: Zensical's pages have no `is_homepage`, so its base.html would title the home page
# "NAME - NAME"; the home page is the one at the top of the site (URL "" or "index.html").
MAIN_HTML = """{% extends "base.html" %}
{% block htmltitle %}
  {% if page.url in ["", "index.html"] and not (page.meta and page.meta.title) %}
    <title>{{ config.site_name }}</title>
  {% else %}
    {{ super() }}
  {% endif %}
{% endblock %}
{% block extrahead %}
  {{ super() }}
  <meta name="ect-site" content="{{ config.extra.ect_site }}">
  <meta name="ect-phases" content="{{ config.extra.ect_phases }}">
  {%- if page.meta and page.meta.search and page.meta.search.exclude %}
  <meta name="ect-search" content="exclude">
  {%- endif %}
{% endblock %}
"""  # ect-search: as overrides/main.html, so that engines/search.py leaves the page out of the index

# Zensical turns `palette` given as one mapping into a list of one, so its header offers a palette
# switch of one hidden option, an aria-hidden radio button that still takes focus (axe:
# aria-hidden-focus, on phones). With one palette Material draws no switch; nor do we.
PALETTE_HTML = "{#- One palette: no switch (see zensical_build.py). -#}\n"

# Search is ours on both engines (engines/search.py): the same box as MkDocs draws, which starts no engine of
# the theme's, and the same index of the finished pages.
SEARCH_PARTIAL = PROJECT_DIR / "overrides" / "partials" / "search.html"
ANSI = re.compile(r"\x1b\[[0-9;]*m")

class ZensicalBuildError(Exception):
    """Zensical stopped, or warned in strict mode: the message is its report, without colour codes."""


@dataclass
class BuiltSchool:
    """What the build knew, for the report beside the site (as SiteState gives for MkDocs)."""

    school_programme: SchoolProgramme
    warnings: list[Problem] = field(default_factory=list)


def build_site(target: Path, school: str | None = None, content_dir: Path | None = None,
               site_url: str | None = None, offline: bool = False,
               extras: Callable[[BuildResult, Publication], None] | None = None) -> BuildResult:
    """Build the national site (school=None) or one school's site into `target` with Zensical, atomically.

    The same arguments and result as engines.mkdocs.build.build_site (`extras` writes what is published
    beside the site, such as the school's report, before anything is published).
    """
    started = time.perf_counter()
    target = Path(target).resolve()
    result = BuildResult(target.name if school else "national", target, False, 0.0, [])
    publication = Publication(target)
    try:
        school_file = find_school_file(school, SCHOOLS_DIR) if school else None
        school_programme, warnings = prepare(Path(content_dir or DEFAULT_CONTENT), school_file)
        site = render_site(school_programme, read_docs(DOCS_DIR), site_url=site_url)
        target.parent.mkdir(parents=True, exist_ok=True)
        remove(publication.folder)
        build_pages(site, DOCS_DIR, publication.folder, site_url, offline=offline,
                    phases=tuple(phase.name for phase in school_programme.phases))
        result.state, result.ok = BuiltSchool(school_programme, warnings), True
        if extras:
            extras(result, publication)  # sets result.ok = False, with a message, to publish nothing
        if result.ok:
            if school is None:
                publication.carry_school_sites()
            publication.publish()
    except ContentError as error:
        result.messages.append(f"error: the sources have problems:\n{error}")
    except (SourceUnreadable, TemplateProblem, ZensicalBuildError, SearchIndexError, ValueError) as error:
        result.ok = False
        result.messages.append(f"error: {error}")
    except OSError as error:
        result.ok = False
        outcome = "" if publication.published else "; nothing was published"
        result.messages.append(disk_error(error, target.parent, outcome))
    finally:
        if not result.ok:
            publication.discard()
    result.seconds = time.perf_counter() - started
    return result


def build_pages(site: Site, static_dir: Path, out: Path, site_url: str | None, *, offline: bool = False,
                strict: bool = True, phases: tuple[str, ...] = ()) -> None:
    """Build the site's finished pages into `out` (a new folder) with Zensical.

    `static_dir` is docs/: its files other than Markdown are copied as they are; its Markdown pages
    are among the site's pages already finished.
    """
    pages = {page.src: page.markdown for page in site.pages}
    nav = nav_entries(site.nav)
    problems = input_problems(pages, nav, static_dir)
    if problems:
        raise ValueError("\n".join(problems))
    # Zensical wants its output inside the project folder; beside the target, the last move is a rename.
    project = Path(tempfile.mkdtemp(prefix=f".{out.name}.zensical-", dir=out.parent))
    try:
        docs = project / "docs"
        shutil.copytree(static_dir, docs, ignore=shutil.ignore_patterns("*.md"))
        for asset in (docs / "assets").glob("*"):  # as the MkDocs build sends them (engines/minify.py)
            if is_minified_asset(dest := asset.relative_to(docs).as_posix()):
                asset.write_bytes(minified(dest, asset.read_bytes()))
        for src, markdown in pages.items():
            (docs / src).parent.mkdir(parents=True, exist_ok=True)
            (docs / src).write_text(markdown, encoding="utf-8")
        for extra in site.files:  # images, calendar feeds, the set-up page's data, the school's look
            if (docs / extra.src).exists():
                raise ValueError(f"{static_dir / extra.src} would hide the image content/{extra.src} — "
                                 "rename one of them")
            (docs / extra.src).parent.mkdir(parents=True, exist_ok=True)
            (docs / extra.src).write_bytes(extra.data)
        (project / "overrides" / "partials").mkdir(parents=True)
        (project / "overrides" / "main.html").write_text(MAIN_HTML, encoding="utf-8")
        (project / "overrides" / "partials" / "palette.html").write_text(PALETTE_HTML, encoding="utf-8")
        shutil.copy(SEARCH_PARTIAL, project / "overrides" / "partials" / "search.html")
        config = zensical_config(nav, site.name, site_url, site_slug=site.slug or "national", offline=offline,
                                 phases=phases)
        (project / "zensical.toml").write_text(config, encoding="utf-8")
        _run_zensical(project, strict)
        search.index_site(project / "site", offline=offline)
        (project / "site").rename(out)
    finally:
        shutil.rmtree(project, ignore_errors=True)


def nav_entries(items: tuple[NavItem, ...]) -> list:
    """The pipeline's navigation in the form Zensical reads (the same as MkDocs' `nav:`)."""
    def entry(item: NavItem) -> object:
        if isinstance(item, NavSection):
            return {item.title: [entry(child) for child in item.children]}
        return item.src if item.title is None else {item.title: item.src}
    return [entry(item) for item in items]


def input_problems(pages: dict[str, str], nav: list, static_dir: Path) -> list[str]:
    """What would make the site wrong before Zensical runs, all at once.

    MkDocs' strict build fails on a nav entry to a missing page and on a page in no nav entry;
    Zensical checks neither, even with --strict (the first becomes a dead link)."""
    raw = sorted(p.relative_to(static_dir).as_posix() for p in static_dir.rglob("*.md"))
    in_nav = _nav_sources(nav)
    return ([f"{static_dir / src}: not among the finished pages — render it first" for src in raw if src not in pages]
            + [f"navigation: {src}: no such page — add the page or drop the entry" for src in in_nav
               if src not in pages]
            + [f"{src}: in no navigation entry — add it to the navigation" for src in sorted(set(pages) - set(in_nav))])


def _nav_sources(nav: list) -> list[str]:
    sources: list[str] = []
    for item in nav:
        for value in item.values() if isinstance(item, dict) else [item]:
            sources += _nav_sources(value) if isinstance(value, list) else [value]
    return sources


def zensical_config(nav: list, site_name: str, site_url: str | None, *, site_slug: str = "national",
                    offline: bool = False, phases: tuple[str, ...] = ()) -> str:
    """The generated zensical.toml: mkdocs.yml's settings, with the pipeline's nav and names."""
    settings = mkdocs_settings()
    project: dict = {"site_name": site_name}
    if site_url:
        project["site_url"] = site_url
    project |= {
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": not offline,  # opened from the file system, a link names its file
        "extra_css": settings["extra_css"],
        "extra_javascript": settings["extra_javascript"],
        "nav": nav,
    }
    theme = {
        "variant": "classic",  # Material's look (Zensical's default "modern" is a new design)
        "custom_dir": "overrides",
        "language": settings["theme"]["language"],
        "font": settings["theme"]["font"],  # false: no Google Fonts, nothing requested from other hosts
        "features": settings["theme"]["features"],
        "palette": settings["theme"]["palette"],
    }
    extra: dict = {"generator": False, "ect_site": site_slug, "ect_phases": "|".join(phases)}
    plugins: dict = {"search": {"enabled": True}}
    lines = ["# Generated for Zensical from the pipeline's pages; not edited by hand.", "[project]"]
    lines += [f"{key} = {_toml(value)}" for key, value in project.items()]
    for table, values in (("theme", theme), ("extra", extra)):
        lines += ["", f"[project.{table}]"] + [f"{key} = {_toml(value)}" for key, value in values.items()]
    for name, values in plugins.items():
        lines += ["", f"[project.plugins.{name}]"] + [f"{key} = {_toml(value)}" for key, value in values.items()]
    lines += ["", "[project.markdown_extensions]"]
    lines += [f"{_toml(name)} = {_toml(options)}" for name, options in markdown_extensions(settings).items()]
    return "\n".join(lines) + "\n"


def _toml(value: object, indent: str = "") -> str:
    """A TOML value. A list holding lists or tables (the nav) gets one item a line, indented by depth:
    TOML 1.0 lets an array span lines, even inside an inline table, but not the table itself."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # JSON string escapes are TOML's too
    if isinstance(value, list):
        if not any(isinstance(item, list | dict) for item in value):
            return "[" + ", ".join(_toml(item) for item in value) + "]"
        inner = indent + "  "
        return "[\n" + "".join(f"{inner}{_toml(item, inner)},\n" for item in value) + indent + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml(str(k))} = {_toml(v, indent)}" for k, v in value.items()) + "}"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def _run_zensical(project: Path, strict: bool) -> None:
    command = [sys.executable, "-m", "zensical", "build", "--config-file", "zensical.toml", "--clean"]
    if strict:
        command.append("--strict")
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        # Zensical's own report (each warning with its page:line:column) comes first; the Python
        # traceback after it says nothing more. Zensical always colours its output (NO_COLOR or not).
        report = ANSI.sub("", done.stdout + done.stderr).split("Traceback (most recent call last)")[0]
        report = "\n".join(line for line in report.splitlines() if not line.startswith("Build started")).strip()
        raise ZensicalBuildError(report or f"zensical build exited with {done.returncode}")
