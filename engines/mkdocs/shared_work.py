"""Work done once for what is the same in several builds: the schools of a trust, preview rebuilds.

Most pages are identical across the schools of a trust, and all pages but the edited one are
identical between two preview rebuilds. These pieces of a build are kept and reused:

- a page's conversion from Markdown to HTML (about half of a build),
- each navigation item's HTML,
- the compiled theme templates.

Each is kept under a key made of everything it depends on, so a hit gives exactly what doing
the work again would give (warnings included); a page that differs in any way is a miss.

Results are kept in memory and, when the environment variable ECT_SHARED_WORK names a folder,
on disk too, so that the worker processes of `build.py --all` share them. That folder belongs
to one run of build.py, which removes it afterwards: nothing is reused from an earlier run,
when the software may have been different.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import os
import pickle
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

FOLDER_VARIABLE = "ECT_SHARED_WORK"
# The switch: ECT_SPEED_LAYER=off builds every page and navigation item afresh, with
# Material's own code (`build.py --no-shared-work`). The result is the same bytes, only slower:
# tests/test_shared_work.py builds the sample sites both ways and compares them.
SWITCH_VARIABLE = "ECT_SPEED_LAYER"


def enabled() -> bool:
    return os.environ.get(SWITCH_VARIABLE, "on").lower() != "off"


def render_nav_item_afresh(*args: Any, caller: Callable[[], str]) -> str:
    """With the speed layer off, overrides/partials/ render every navigation item as Material does."""
    return caller()
PAGES_LOGGER = logging.getLogger("mkdocs.structure.pages")  # where MkDocs reports a page's bad links


class _Store:
    """Results by key: the most recent in memory and, if `on_disk`, every one in the shared folder."""

    def __init__(self, limit: int, on_disk: bool) -> None:
        self.memory: OrderedDict[Hashable, Any] = OrderedDict()
        self.limit = limit
        self.on_disk = on_disk

    def get(self, key: Hashable) -> Any | None:
        if key in self.memory:
            self.memory.move_to_end(key)
            return self.memory[key]
        folder = os.environ.get(FOLDER_VARIABLE) if self.on_disk else None
        if not folder:
            return None
        try:
            value = pickle.loads((Path(folder) / key).read_bytes())
        except (OSError, pickle.PickleError, EOFError):
            return None
        self._keep(key, value)
        return value

    def put(self, key: Hashable, value: Any) -> None:
        self._keep(key, value)
        folder = os.environ.get(FOLDER_VARIABLE) if self.on_disk else None
        if folder:
            # Written under a private name, then renamed: another process never reads half a file.
            partial = Path(folder) / f".{key}.{os.getpid()}"
            partial.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            partial.replace(Path(folder) / key)

    def _keep(self, key: Hashable, value: Any) -> None:
        self.memory[key] = value
        while len(self.memory) > self.limit:
            self.memory.popitem(last=False)


# Pages: a few schools' worth of a large programme, in memory.
_store = _Store(limit=4000, on_disk=True)
# Navigation items (small, many): memory only, as writing them to disk would cost what it saves.
_nav_store = _Store(limit=20000, on_disk=False)


def kept_results() -> int:
    """How many results this process keeps (pages, navigation items)."""
    return len(_store.memory) + len(_nav_store.memory)


def forget() -> None:
    """Drop what this process has kept (benchmarks that must time the work itself)."""
    _store.memory.clear()
    _nav_store.memory.clear()
    compiled_templates.compiled.clear()


# ---- Markdown → HTML ------------------------------------------------------------------------

@dataclass(frozen=True)
class Conversion:
    """What Page.render leaves on a page, in a form that does not refer to one build's objects."""

    content: str
    toc: TableOfContents
    title_from_render: str | None
    present_anchor_ids: frozenset[str]
    links_to_anchors: dict[str, dict[str, str]] | None  # keyed by the linked file's source path
    log_records: tuple[tuple[int, str], ...]  # MkDocs' warnings about the page's links


def site_key(config: MkDocsConfig, files: Files) -> str:
    """What every page's conversion in this build depends on, besides its own Markdown and place:
    the Markdown settings, and every file of the site with its URL (links are resolved against them)."""
    settings = [config["markdown_extensions"], config["mdx_configs"], config["use_directory_urls"],
                str(config["validation"]), logging.getLogger("mkdocs").getEffectiveLevel()]
    urls = sorted(f"{file.src_uri}\t{file.url}" for file in files)
    return _digest("conversion", json.dumps([settings, urls], default=_describe))


def render_with_cache(page: Page, config: MkDocsConfig, files: Files, site: str) -> None:
    """Page.render, unless the same page was converted before under the same conditions."""
    key = _digest(site, page.file.src_uri, page.file.url, page.markdown or "")
    conversion: Conversion | None = _store.get(key)
    if conversion is None:
        conversion = _convert(page, config, files)
        _store.put(key, conversion)
    else:
        for level, message in conversion.log_records:  # the warnings a conversion would have given
            PAGES_LOGGER.log(level, message)
    page.content = conversion.content
    page.toc = copy.deepcopy(conversion.toc)  # each build's pages are its own
    page._title_from_render = conversion.title_from_render
    page.present_anchor_ids = set(conversion.present_anchor_ids)
    if conversion.links_to_anchors is not None:
        page.links_to_anchors = {files.get_file_from_path(src): dict(links)
                                 for src, links in conversion.links_to_anchors.items()}


def _convert(page: Page, config: MkDocsConfig, files: Files) -> Conversion:
    records = _Records()
    PAGES_LOGGER.addHandler(records)
    try:
        Page.render(page, config, files)
    finally:
        PAGES_LOGGER.removeHandler(records)
    links = page.links_to_anchors
    return Conversion(
        content=page.content or "",
        toc=copy.deepcopy(page.toc),
        title_from_render=page._title_from_render,
        present_anchor_ids=frozenset(page.present_anchor_ids or ()),
        links_to_anchors=None if links is None else {file.src_uri: dict(anchors) for file, anchors in links.items()},
        log_records=tuple(records.kept),
    )


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.kept: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.kept.append((record.levelno, record.getMessage()))


# ---- navigation ------------------------------------------------------------------------------

def share_nav_items(env: jinja2.Environment, config: MkDocsConfig, nav: Navigation) -> None:
    """Give overrides/partials/nav.html and nav-item.html `shared_nav_item`, which renders a
    navigation item once and reuses its HTML wherever nothing it shows has changed.

    Material renders the whole navigation into every page, so its cost per page grew with the
    size of the site, and it was the largest part of a build once pages were shared. An item's
    HTML depends on the item (titles, URLs and icons of it and everything below it), where it is
    (its path and level), the page it is rendered for (links are relative to it, and the active
    item holds the page's table of contents), and the theme's settings and templates.
    """
    sources = [env.loader.get_source(env, name)[0] if env.loader else ""
               for name in ("partials/nav-item.html", "partials/toc.html", "partials/toc-item.html")]
    theme = json.dumps([config["theme"]["features"], config["theme"]["language"], config["extra"].get("status"),
                        config["mdx_configs"].get("toc"), config["use_directory_urls"], sources],
                       default=_describe, sort_keys=True)
    items: dict[int, tuple[str, frozenset[str]]] = {}  # by id(item): its fingerprint, the folders it links into

    def describe(item: Any) -> tuple[str, frozenset[str]]:
        """Built from the children's fingerprints and folders, so each item is looked at once."""
        children = [describe(child) for child in getattr(item, "children", None) or []]
        fingerprint = _digest("nav", theme, json.dumps(_describe_nav_item(item)), *(f for f, _ in children))
        folders = _folders(getattr(item, "url", None) or "").union(*(f for _, f in children))
        items[id(item)] = (fingerprint, folders)
        return items[id(item)]

    for item in nav.items:
        describe(item)

    def shared_nav_item(nav_item: Any, path: str, page: Page | None, level: int = 1, parent_active: bool = False,
                        *, caller: Callable[[], str]) -> str:
        if page is None or id(nav_item) not in items:
            return caller()
        fingerprint, folders = items[id(nav_item)]
        if nav_item.active:  # it holds the page's own link and table of contents
            where, toc = page.url, json.dumps(_describe_toc(page.toc))
        else:
            where, toc = _links_seen_from(page.url, folders), ""
        key = (fingerprint, path, level, parent_active, where, toc)  # in memory only, so a plain tuple
        html = _nav_store.get(key)
        if html is None:
            html = caller()
            _nav_store.put(key, html)
        return html

    env.globals["shared_nav_item"] = shared_nav_item


def _describe_nav_item(item: Any) -> dict:
    """Everything of one navigation item (not its children) that Material's nav-item.html shows or tests."""
    meta = getattr(item, "meta", None) or {}
    return {
        "kind": type(item).__name__, "title": str(item.title), "url": getattr(item, "url", None),
        "is_index": getattr(item, "is_index", False), "encrypted": bool(getattr(item, "encrypted", False)),
        "meta": {key: meta.get(key) for key in ("icon", "subtitle", "status")},
    }


def _folders(url: str) -> frozenset[str]:
    """The folders a link to `url` points into: for `a/b/`, `a/` and `a/b/`."""
    return frozenset(url[: end + 1] for end, character in enumerate(url) if character == "/")


def _links_seen_from(page_url: str, item_folders: frozenset[str]) -> str:
    """What an item's links, written relative to `page_url`, depend on.

    With directory URLs a page `folder/name/` reaches every page outside its own folder by the
    same relative link as any other page in `folder/` does (`../` and then the path from `folder/`),
    so pages side by side share the item's HTML. Otherwise the page's own URL is the key.
    """
    if not page_url.endswith("/") or page_url in item_folders:
        return page_url
    return "in " + page_url.rstrip("/").rpartition("/")[0]


def _describe_toc(toc: TableOfContents | list) -> list:
    return [[item.id, item.title, item.level, _describe_toc(item.children)] for item in toc]


# ---- compiled theme templates ---------------------------------------------------------------

class _CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's own bytecode cache, in memory: each build makes a new theme environment, and
    compiling the theme's templates again took a tenth of a cached build. Jinja checks each
    template's source against the checksum it was compiled from."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


compiled_templates = _CompiledTemplates()


# ---- keys -----------------------------------------------------------------------------------

def _digest(*parts: str) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode("utf-8"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def _describe(value: object) -> str:
    """Settings that JSON cannot show (functions, objects) by name, which is the same in every process."""
    named = value if callable(value) and hasattr(value, "__qualname__") else type(value)
    return f"{getattr(named, '__module__', '')}.{named.__qualname__}"
