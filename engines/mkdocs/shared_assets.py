"""One copy of the theme's files for every site on a host: OUT/assets-VERSION/, beside the schools' sites.

Every site carries the same 2.6 MB in assets/: Material's stylesheets, scripts and search worker, and
docs/assets (our stylesheet and script, the offline bundle's frame worker). Built with shared assets
(`build.py --shared-assets`, which sets ECT_SHARED_ASSETS), a site's pages name those files in
OUT/assets-VERSION/ instead and the site itself has no assets/ folder; its increment is its pages and
its search index.

- VERSION is a digest of every file's name and bytes. A new theme, stylesheet or script makes a new
  folder, so a browser or a CDN may keep a folder's files for ever (Cache-Control: immutable), and a
  site still names the folder it was built with until it is rebuilt.
- The folder sits on the same host as the pages, so the Content-Security-Policy's `script-src 'self'`
  covers it (engines/mkdocs/csp.py); pages name it by a relative path (`../assets-VERSION/…` from a
  school's root), so the sites work from any sub-path and from a folder on disk. The theme's inline
  scripts name no asset, so their hashes do not change.
- The offline bundle never shares: it must work on its own (build.py's --zip builds it without).

ECT_SHARED_ASSETS holds the way from the site's root to the folder that holds assets-VERSION: ".." for
a school (OUT/SLUG/), "." for the national site (which is OUT itself).
"""

from __future__ import annotations

import errno
import hashlib
import os
import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup
from mkdocs.structure.files import Files
from mkdocs.utils import templates

from engines.publishing import SHARED_ASSETS, crash_point, remove

VARIABLE = "ECT_SHARED_ASSETS"
FOLDER = "assets"  # where the theme and docs/ put the files in a site of its own
NAME = SHARED_ASSETS  # assets- and 12 hex digits


def way_to_shared_folder() -> str | None:
    """From the site's root to the folder holding assets-VERSION, when this build shares its assets."""
    return os.environ.get(VARIABLE) or None


@dataclass(frozen=True)
class SharedAssets:
    """The files a site of its own would carry in assets/, and the shared folder that holds them instead."""

    name: str  # assets-VERSION
    files: tuple[tuple[str, str | bytes], ...]  # (path inside the folder, the file it is copied from, or its bytes)


_known: dict[tuple, SharedAssets] = {}  # by the files' paths, sizes and times (or bytes, if made in the build)


def take_shared_files(files: Files) -> SharedAssets:
    """Take the files bound for assets/ out of the build (MkDocs will not copy them) and name their folder.

    The name is a digest of every file's path and bytes: the same files, the same name.
    """
    taken = sorted((f for f in files if f.dest_uri.startswith(FOLDER + "/")), key=lambda f: f.dest_uri)
    for file in taken:
        files.remove(file)
    key = tuple((f.dest_uri, f.abs_src_path, *_stamp(f.abs_src_path)) if f.abs_src_path
                else (f.dest_uri, hashlib.blake2b(f.content_bytes).digest()) for f in taken)  # made here: minified
    if key not in _known:
        digest = hashlib.blake2b(digest_size=6)
        for file in taken:
            digest.update(file.dest_uri.encode("utf-8") + b"\0")
            digest.update(hashlib.blake2b(file.content_bytes, digest_size=32).digest())
        _known[key] = SharedAssets(f"{FOLDER}-{digest.hexdigest()}", tuple(
            (f.dest_uri.removeprefix(FOLDER + "/"), f.abs_src_path or f.content_bytes) for f in taken))
    return _known[key]


def _stamp(path: str) -> tuple[int, int]:
    status = os.stat(path)
    return status.st_size, status.st_mtime_ns


def use_shared_folder(env: jinja2.Environment, name: str, way: str) -> None:
    """Make the theme's templates name assets/… in the shared folder `name`, reached by `way` from the root.

    The theme names every file of its own through the `url` and `script_tag` filters (stylesheets,
    scripts, the search worker in the page's configuration, the favicon).
    """

    def shared_url(context: templates.TemplateContext, value: str) -> str:
        path = str(value)
        if not path.startswith(FOLDER + "/"):
            return templates.url_filter(context, path)
        root = templates.url_filter(context, ".")  # "../.." from a page two folders deep; "/SLUG/" for a 404
        return posixpath.normpath(posixpath.join(root, way, name, path.removeprefix(FOLDER + "/")))

    @jinja2.pass_context
    def url(context: templates.TemplateContext, value: str) -> str:
        return shared_url(context, value)

    @jinja2.pass_context
    def script_tag(context: templates.TemplateContext, extra_script: object) -> str:
        # As MkDocs' own script_tag filter (mkdocs.utils.templates), with the shared folder's URL.
        html = '<script src="{0}"'
        if not isinstance(extra_script, str):
            html += ' type="{1.type}"' if extra_script.type else ""
            html += " defer" if extra_script.defer else ""
            html += " async" if extra_script.async_ else ""
        return Markup(html + "></script>").format(shared_url(context, str(extra_script)), extra_script)

    env.filters["url"] = url
    env.filters["script_tag"] = script_tag


# A page's own stylesheet or script in assets/ (the set-up page's, say), named relative to the page.
_OWN_ASSET = re.compile(r'(<(?:link|script)\b[^>]*?\b(?:href|src)=")((?:\.\./)*)' + FOLDER + "/")


def point_page_at_shared_folder(output: str, name: str, way: str) -> str:
    """The page's own <link> and <script> tags that name assets/… name the shared folder instead."""
    def shared(match: re.Match[str]) -> str:
        return match[1] + posixpath.normpath(posixpath.join(match[2] or ".", way, name)) + "/"
    return _OWN_ASSET.sub(shared, output)


def place_shared_folder(holder: Path, assets: SharedAssets) -> Path:
    """Make `holder`/assets-VERSION unless it is there already; returns it.

    The name is a digest of the contents, so a folder already there holds exactly these files. It is
    written under a hidden name and renamed into place whole; schools built side by side may race to
    place it, and the one that loses drops its copy.
    """
    shared = holder / assets.name
    if shared.is_dir():
        return shared
    building = holder / f".{assets.name}.building-{os.getpid()}"  # a name recover_leftovers knows
    remove(building)
    for path, source in assets.files:
        (building / path).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(source, bytes):
            (building / path).write_bytes(source)
        else:
            shutil.copyfile(source, building / path)
    try:
        os.rename(building, shared)
    except OSError as error:
        remove(building)
        if error.errno not in (errno.ENOTEMPTY, errno.EEXIST) or not shared.is_dir():
            raise
    crash_point("shared-assets-placed")
    return shared


def is_shared_folder(path: Path) -> bool:
    return path.is_dir() and NAME.match(path.name) is not None
