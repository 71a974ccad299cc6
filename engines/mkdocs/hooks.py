"""MkDocs hooks (mkdocs.yml `hooks:`): run the pipeline once per build and add its pages and nav.

Which school and which content folder are built comes from the environment, so that plain
`mkdocs build` / `mkdocs serve` make the national site and scripts/build.py can choose:
  ECT_SCHOOL   a school's slug (a folder under schools/) or the path of a school.yml
  ECT_CONTENT  the content folder (default: content/ beside mkdocs.yml)
"""

from __future__ import annotations

import functools
import gc
import html
import logging
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import yaml
from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # MkDocs loads this file by path: find our packages

from engines import search  # noqa: E402
from engines.compact import compact_html  # noqa: E402
from engines.minify import is_minified_asset, minified  # noqa: E402
from engines.mkdocs import csp, preview, shared_assets, shared_work  # noqa: E402
from engines.mkdocs.preview import serve_problems, watch_by_events  # noqa: E402
from engines.mkdocs.state import CONFIG_KEY, SiteState  # noqa: E402
from pipeline import DEFAULT_CONTENT, SCHOOLS_DIR, prepare  # noqa: E402
from pipeline.load.docs import read_docs  # noqa: E402
from pipeline.load.school import find_school_file  # noqa: E402
from pipeline.problems import ContentError  # noqa: E402
from pipeline.render.furniture import furniture  # noqa: E402
from pipeline.render.nav import NavItem, NavSection  # noqa: E402
from pipeline.render.site import render_site  # noqa: E402

log = logging.getLogger("mkdocs.plugins.ect")
# The theme's own search engine (a worker and lunr), which our search (engines/search.py) replaces.
UNUSED_THEME_FILES = ("assets/javascripts/workers/", "assets/javascripts/lunr/")


def selected_paths() -> tuple[Path, Path | None]:
    content_dir = Path(os.environ.get("ECT_CONTENT") or DEFAULT_CONTENT)
    school = os.environ.get("ECT_SCHOOL")
    return content_dir, (find_school_file(school, SCHOOLS_DIR) if school else None)


@event_priority(100)  # before mkdocs-macros, which reads the state when pages render
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    content_dir, school_file = selected_paths()
    gc.unfreeze()  # what an earlier build in this process kept (preview, a trust) may be collected again
    gc.collect()  # now: else the garbage an earlier build left would be frozen below with the rest, build after build
    try:
        school_programme, problems = prepare(content_dir, school_file)
    except ContentError as error:
        if csp.serving_preview:  # the preview shows the problems in the browser (preview.py)
            return _problem_preview(config, [str(p) for p in error.problems],
                                    sum(1 for p in error.problems if p.severity == "error"))
        raise PluginError(f"the sources have problems:\n{error}") from None
    preview.clear_problems()
    # The programme lives as long as the build: spare the garbage collector from walking its many
    # objects again and again while pages are converted (that walk was a tenth of a build).
    gc.freeze()
    for problem in problems:
        log.info(str(problem))

    # Repeatable builds: sitemap dates and archive timestamps come from the edition date.
    edition = datetime.fromisoformat(school_programme.programme.info.edition_date).replace(tzinfo=UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(edition.timestamp()))

    # The pipeline finishes every generated page; the hand-written ones (docs/) are rendered by
    # mkdocs-macros with the same sandboxed templates (macros/__init__.py).
    # Calendar events link to pages by full address: the site's own, or (offline bundle) the published one's.
    address = config.get("site_url") or os.environ.get("ECT_PUBLISHED_URL") or None
    try:
        site = render_site(school_programme, read_docs(Path(config["docs_dir"])), finish_docs=False,
                           site_url=address)
    except Exception as error:  # a template's problem (file:line) or worse: the preview shows it, a build stops
        if csp.serving_preview:
            return _problem_preview(config, [str(error)], 1)
        raise
    config[CONFIG_KEY] = SiteState(school_programme, site, content_dir, problems)
    # The theme writes the site's name into every page unescaped: a school's name is untrusted text.
    config["site_name"] = Markup(html.escape(school_programme.name))
    if os.environ.get("ECT_OFFLINE"):
        # The offline bundle is opened from the file system: every link names its file (x.html, not x/).
        # (Material's offline plugin would do this and also load a worker shim from a CDN that our search
        # does not need.)
        config["use_directory_urls"] = False
    config["nav"] = mkdocs_nav(site.nav)
    config["extra"]["ect_furniture"] = furniture(school_programme)  # the footer and header logo (overrides/)
    if os.environ.get("ECT_DUMP_MARKDOWN"):  # scripts/bench.py's plain baseline uses the same nav
        Path(os.environ["ECT_DUMP_MARKDOWN"]).mkdir(parents=True, exist_ok=True)
        (Path(os.environ["ECT_DUMP_MARKDOWN"]) / "nav.yml").write_text(yaml.safe_dump({"nav": config["nav"]}))
    return config


def _problem_preview(config: MkDocsConfig, problems: list[str], errors: int) -> MkDocsConfig:
    """The preview's build when the sources have problems: an empty site, so that the build succeeds and
    MkDocs serves again; the server shows the problems on every page (preview.py)."""
    for problem in problems:
        log.info(problem)  # in the terminal too (an error logged here would stop the build in strict mode)
    preview.show_problems(problems, errors)
    config[CONFIG_KEY] = None
    config["nav"] = []
    config["theme"].static_templates.discard("404.html")  # the theme's pages read the site: there is none
    return config


def on_build_error(error: Exception) -> None:
    """A build that fails after on_config: the preview shows why at once, instead of keeping the browser waiting."""
    if csp.serving_preview:
        preview.show_problems([str(error).removeprefix("Error: ")], 1)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state: SiteState | None = config[CONFIG_KEY]
    for file in [f for f in files if f.dest_uri.startswith(UNUSED_THEME_FILES)]:
        files.remove(file)
    if not csp.serving_preview:  # the preview keeps our scripts readable for whoever is changing them
        for file in [f for f in files if is_minified_asset(f.dest_uri)]:
            file.content_bytes = minified(file.dest_uri, file.content_bytes)
    if state is None:  # the preview of sources with problems: no page at all
        return Files([file for file in files if not file.is_documentation_page()])
    for page in state.pages.values():
        if files.get_file_from_path(page.src) is not None:
            raise PluginError(f"docs/{page.src} would hide a generated page — rename or remove it")
        files.append(File.generated(config, page.src, content=page.markdown))
    for extra in state.site.files:  # images, calendar feeds, the set-up page's data, the school's look
        if files.get_file_from_path(extra.src) is not None:
            raise PluginError(f"docs/{extra.src} would hide the image content/{extra.src} — rename one of them")
        files.append(File.generated(config, extra.src, content=extra.data))
    return files


# ---- work shared between builds (see shared_work.py) ----

@event_priority(-100)  # after every other plugin has added its files
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    if config[CONFIG_KEY] is None:
        return nav
    config[CONFIG_KEY].conversion_key = shared_work.site_key(config, files)
    config[CONFIG_KEY].nav = nav
    return nav


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    """A page identical to one converted before (another school, the last preview) is not converted again.

    MkDocs has no event that supplies a page's HTML, so this page's render is wrapped instead.
    """
    if shared_work.enabled():
        page.render = functools.partial(shared_work.render_with_cache, page, site=config[CONFIG_KEY].conversion_key)
    return page


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # overrides/main.html puts the policy in every page
    env.globals["content_security_policy"] = csp.preview_policy if csp.serving_preview else csp.template_policy
    if config[CONFIG_KEY] is None:  # the preview of sources with problems
        env.globals["shared_nav_item"] = shared_work.render_nav_item_afresh
        return env
    way = shared_assets.way_to_shared_folder()
    if way and not os.environ.get("ECT_OFFLINE"):  # build.py --shared-assets; the offline bundle never shares
        config[CONFIG_KEY].shared_assets = shared_assets.take_shared_files(files)
        shared_assets.use_shared_folder(env, config[CONFIG_KEY].shared_assets.name, way)
    if shared_work.enabled():
        env.bytecode_cache = shared_work.compiled_templates
        shared_work.share_nav_items(env, config, config[CONFIG_KEY].nav)  # pages have their titles by now
    else:
        env.globals["shared_nav_item"] = shared_work.render_nav_item_afresh
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Every abbreviation in the glossary gets its tooltip on every page (generated pages have them already)."""
    state: SiteState = config[CONFIG_KEY]
    if page.file.src_uri not in state.pages:
        markdown = markdown + "\n\n" + state.site.abbreviations
    dump = os.environ.get("ECT_DUMP_MARKDOWN")
    if dump:  # scripts/bench.py: the same rendered Markdown, for a plain MkDocs baseline
        path = Path(dump) / page.file.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")
    return markdown


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    shared = getattr(config[CONFIG_KEY], "shared_assets", None)
    way = shared_assets.way_to_shared_folder()
    if shared and way:  # a page that names its own files in assets/ (the set-up page) names the shared copy
        output = shared_assets.point_page_at_shared_folder(output, shared.name, way)
    return compact_html(output)  # the theme's indentation, a third of a page (engines/compact.py)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    return compact_html(output) if template_name.endswith(".html") else output  # the 404 page


@event_priority(-100)  # the site is complete: every plugin has written its files
def on_post_build(config: MkDocsConfig) -> None:
    """The search index, from the finished pages (engines/search.py). The preview has none: a writer's edit
    would wait for the whole site to be indexed again."""
    if csp.serving_preview or config[CONFIG_KEY] is None:
        return
    try:
        search.index_site(Path(config["site_dir"]), offline=bool(os.environ.get("ECT_OFFLINE")))
    except search.SearchIndexError as error:
        raise PluginError(str(error)) from None


def mkdocs_nav(items: tuple[NavItem, ...]) -> list:
    """The pipeline's navigation in MkDocs' `nav:` form."""
    def entry(item: NavItem) -> object:
        if isinstance(item, NavSection):
            return {item.title: [entry(child) for child in item.children]}
        return item.src if item.title is None else {item.title: item.src}
    return [entry(item) for item in items]


def on_startup(*, command: str, dirty: bool) -> None:
    """The preview's live reload is an inline script the policy must allow (engines/mkdocs/csp.py).

    Kept in engines.mkdocs.csp, not here: MkDocs loads this file afresh for each rebuild but calls this only once.
    """
    csp.serving_preview = command == "serve"


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
    """Live reload when a writer edits content or a school's context."""
    content_dir, school_file = selected_paths()
    watched = [content_dir, school_file.parent if school_file else SCHOOLS_DIR]
    for path in watched:
        server.watch(str(path))
    watch_by_events(server, watched)  # sees an edit that keeps a file's size and time, too
    serve_problems(server)  # the sources' problems in the browser, at once (preview.py)
    return server
