"""The theme's own static files, found once per process instead of once per site.

Before each build MkDocs lists every file of the theme's folders to find the few it copies into the
site (stylesheets, scripts, the favicon): Material's folder holds some 14,500 files, most of them icons,
and listing and matching them costs a quarter of a second, a third of what one more school of a trust
costs. Between the builds of one run the installed theme does not change, so the answer is kept, by
the theme's folders, and each build gets its own File objects made from it. Only scripted builds
(engines/mkdocs/build.py) use this; the preview lists afresh, as a theme developer may add a file.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

_found: dict[tuple[tuple[str, ...], tuple[str, ...]], list[tuple[str, str]]] = {}
_list_afresh = Files.add_files_from_theme


def _add_files_from_theme(self: Files, env: object, config: MkDocsConfig) -> None:
    key = (tuple(config.theme.dirs), tuple(config.theme.static_templates))
    if key not in _found:
        listed = Files([])
        _list_afresh(listed, env, config)
        _found[key] = [(file.src_uri, file.src_dir) for file in listed]
    for path, folder in _found[key]:
        if self.get_file_from_path(path) is None:  # as MkDocs: the theme's files never hide the site's own
            self.append(File(path, folder, config.site_dir, config.use_directory_urls))


def remember_theme_files() -> None:
    Files.add_files_from_theme = _add_files_from_theme
