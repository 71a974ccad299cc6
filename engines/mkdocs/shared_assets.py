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


def folder_name(files: Files) -> str:
    """assets-VERSION for the files this site would carry in assets/: the same files, the same name."""
    digest = hashlib.blake2b(digest_size=6)
    for file in sorted((f for f in files if f.dest_uri.startswith(FOLDER + "/")), key=lambda f: f.dest_uri):
        digest.update(file.dest_uri.encode("utf-8") + b"\0")
        digest.update(hashlib.blake2b(file.content_bytes, digest_size=32).digest())
    return f"{FOLDER}-{digest.hexdigest()}"


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


def place_shared_folder(site: Path, holder: Path, name: str) -> Path:
    """Move the built site's assets/ to `holder`/`name`, or drop it when that folder is there already.

    The name is a digest of the contents, so a folder already there holds exactly these files. Schools
    built side by side may race to place it: a rename is all or nothing, and the loser drops its copy.
    Returns the shared folder.
    """
    built, shared = site / FOLDER, holder / name
    if shared.is_dir():
        remove(built)
        return shared
    try:
        os.rename(built, shared)
    except OSError as error:
        if error.errno not in (errno.ENOTEMPTY, errno.EEXIST) or not shared.is_dir():
            raise
        remove(built)  # another school's build placed it first
    crash_point("shared-assets-placed")
    return shared


def is_shared_folder(path: Path) -> bool:
    return path.is_dir() and NAME.match(path.name) is not None
