"""Building sites: run MkDocs for one school (or the national site) and publish the result atomically.

A build writes into a hidden folder beside its target; only a build that succeeded, with everything
published beside it, replaces the target, so a failed build leaves the last good site exactly as it
was, and a crash at any instant leaves the old site or the new one (see publishing.py).
"""

from __future__ import annotations

import logging
import os
import time
import zipfile
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from engines.mkdocs.shared_assets import place_shared_folder
from engines.mkdocs.state import CONFIG_KEY, SiteState
from engines.mkdocs.theme_files import remember_theme_files
from engines.publishing import Publication, crash_point, disk_error, remove
from pipeline import PROJECT_DIR

MKDOCS_YML = PROJECT_DIR / "mkdocs.yml"
ZIP_TIMESTAMP = (2026, 9, 1, 0, 0, 0)

@dataclass
class BuildResult:
    name: str  # the slug, or "national"
    target: Path
    ok: bool
    seconds: float
    messages: list[str]
    state: SiteState | None = None  # what the build knew: the school's programme, its warnings
    notes: list[str] = field(default_factory=list)  # what was published beside the site, said on its status line
    warnings: list[str] = field(default_factory=list)  # the school's warnings, for build.py -v


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings and errors so they can be reported with the school's name."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname.lower()}: {record.getMessage()}")


@contextmanager
def _environment(**values: str | None):
    saved = {key: os.environ.get(key) for key in values}
    for key, value in values.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def build_site(target: Path, school: str | None = None, content_dir: Path | None = None,
               config_file: Path = MKDOCS_YML, site_url: str | None = None, offline: bool = False,
               extras: Callable[[BuildResult, Publication], None] | None = None,
               shared_assets: bool = False) -> BuildResult:
    """Build the national site (school=None) or one school's site into `target`, atomically.

    `site_url` is where this site will be published; it lets the 404 page and the sitemap work
    when the site is served from a sub-path (without it they assume the host's root).
    `offline` builds the variant that works opened from the file system (see write_offline_zip).
    `extras(result, publication)` makes what is published with the site (a report, a PDF, a zip) from the
    new site in `publication.folder`, writing each file where `publication.file(path)` says, before anything
    is published; it sets `result.ok = False`, with a message, to publish nothing.

    `shared_assets` leaves the theme's files out of the site, in one folder beside the schools' sites
    (engines/mkdocs/shared_assets.py): OUT/assets-VERSION/, where OUT is the national site.

    Two builds must not publish into the same folder at once: scripts/build.py holds `publishing_lock`.
    """
    started = time.perf_counter()
    remember_theme_files()
    target = Path(target).resolve()
    result = BuildResult(target.name if school else "national", target, False, 0.0, [])
    publication = Publication(target)
    collect = _Collect()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(collect)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove(publication.folder)
        sharing = (".." if school else ".") if shared_assets and not offline else None
        result.state = _run_mkdocs(publication.folder, school, content_dir, config_file, site_url, offline, collect,
                                   sharing)
        result.ok = result.state is not None
        if result.ok and result.state.shared_assets:  # in place before the site that names it
            place_shared_folder((publication.folder / sharing).resolve(), result.state.shared_assets)
        if result.ok:
            crash_point("built")
        if result.ok and extras:
            extras(result, publication)
        if result.ok:
            if school is None:
                publication.carry_school_sites()
            publication.publish()
    except OSError as error:
        result.ok = False
        # MkDocs logs the error it is about to raise: say it once, with the path and what to do.
        collect.messages = [message for message in collect.messages if not message.startswith("error:")]
        outcome = "" if publication.published else "; nothing was published"
        collect.messages.append(disk_error(error, target.parent, outcome))
    finally:
        mkdocs_log.removeHandler(collect)
        if not result.ok:
            publication.discard()
    result.messages = collect.messages + result.messages
    result.seconds = time.perf_counter() - started
    return result


def _run_mkdocs(folder: Path, school: str | None, content_dir: Path | None, config_file: Path,
                site_url: str | None, offline: bool, collect: _Collect, sharing: str | None = None) -> SiteState | None:
    """Run MkDocs into `folder`; what it knew about the site, or None when it failed (said in `collect`).

    `sharing`: the way from the site's root to where its shared assets go (shared_assets.py), or None.
    """
    try:
        with _environment(ECT_SCHOOL=school, ECT_CONTENT=str(content_dir) if content_dir else None,
                          ECT_OFFLINE="true" if offline else None, NO_MKDOCS_2_WARNING="1",
                          ECT_SHARED_ASSETS=sharing):
            overrides = {"site_url": site_url} if site_url else {}
            config = load_config(str(config_file), site_dir=str(folder), **overrides)
            mkdocs_build(config)
    except (MkDocsException, Abort) as error:
        message = str(error).removeprefix("Error: ").strip()
        if message and message not in collect.messages:
            collect.messages.append(message)
        return None
    return config[CONFIG_KEY]


def write_offline_zip(path: Path, school: str | None, content_dir: Path | None, slug: str,
                      published_url: str | None = None) -> BuildResult:
    """A zip of the site that works opened from file://: navigation, tabs and search, no other host.

    `published_url`: where the site itself is published, so that its calendar's events link there.

    Its entries are in a stable order with a fixed timestamp, so the same sources give the same zip.
    It is written straight to `path`: give it a hidden name (Publication.file) and let publishing rename it.
    """
    started = time.perf_counter()
    path = Path(path)
    folder = path.parent / f".{slug}.offline.building-{os.getpid()}"  # a name recover_leftovers knows
    collect = _Collect()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(collect)
    try:
        with _environment(ECT_PUBLISHED_URL=published_url):
            state = _run_mkdocs(folder, school, content_dir, MKDOCS_YML, None, True, collect)
        if state is not None:
            with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for file in sorted(folder.rglob("*")):
                    if file.is_file():
                        info = zipfile.ZipInfo(f"{slug}/{file.relative_to(folder).as_posix()}", ZIP_TIMESTAMP)
                        info.compress_type = zipfile.ZIP_DEFLATED
                        info.external_attr = 0o644 << 16
                        archive.writestr(info, file.read_bytes())
            crash_point("zip-written")
    finally:
        mkdocs_log.removeHandler(collect)
        remove(folder)
    return BuildResult(slug, path, state is not None, time.perf_counter() - started, collect.messages, state)
