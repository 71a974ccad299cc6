"""Building sites: run MkDocs for one school (or the national site) and swap the result in atomically.

A build writes into a temporary folder beside its target; only a build that succeeded replaces
the target, so a failed build leaves the last good site exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from engines.mkdocs.state import CONFIG_KEY, SiteState
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
               config_file: Path = MKDOCS_YML, site_url: str | None = None, offline: bool = False) -> BuildResult:
    """Build the national site (school=None) or one school's site into `target`, atomically.

    `site_url` is where this site will be published; it lets the 404 page and the sitemap work
    when the site is served from a sub-path (without it they assume the host's root).
    `offline` builds the variant that works opened from the file system (see write_offline_zip).
    """
    started = time.perf_counter()
    name = Path(target).name if school else "national"
    target = Path(target).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.parent / f".{target.name}.building-{os.getpid()}"
    shutil.rmtree(temporary, ignore_errors=True)

    collect = _Collect()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(collect)
    try:
        with _environment(ECT_SCHOOL=school, ECT_CONTENT=str(content_dir) if content_dir else None,
                          ECT_OFFLINE="true" if offline else None, NO_MKDOCS_2_WARNING="1"):
            overrides = {"site_url": site_url} if site_url else {}
            config = load_config(str(config_file), site_dir=str(temporary), **overrides)
            mkdocs_build(config)
    except (MkDocsException, Abort) as error:
        shutil.rmtree(temporary, ignore_errors=True)
        message = str(error).removeprefix("Error: ").strip()
        if message and message not in collect.messages:
            collect.messages.append(message)
        return BuildResult(name, target, False, time.perf_counter() - started, collect.messages)
    finally:
        mkdocs_log.removeHandler(collect)

    if school is None and target.is_dir():
        _keep_school_sites(target, temporary)
    _swap(temporary, target)
    return BuildResult(name, target, True, time.perf_counter() - started, collect.messages, config[CONFIG_KEY])


def _keep_school_sites(old: Path, new: Path) -> None:
    """The national site shares its folder with the schools' sites: carry those over."""
    for entry in old.iterdir():
        is_site = entry.is_dir() and (entry / "search" / "search_index.json").is_file()
        is_output = entry.is_file() and entry.name.endswith((".report.md", ".zip", ".pdf"))
        if (is_site or is_output) and not (new / entry.name).exists():
            entry.rename(new / entry.name)


def _swap(new: Path, target: Path) -> None:
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def write_offline_zip(target_zip: Path, school: str | None, content_dir: Path | None, slug: str) -> BuildResult:
    """A zip of the site that works opened from file://: navigation, tabs and search, no other host.

    Its entries are in a stable order with a fixed timestamp, so the same sources give the same zip.
    """
    with tempfile.TemporaryDirectory() as folder:
        result = build_site(Path(folder) / slug, school, content_dir, offline=True)
        if not result.ok:
            return result
        partial = target_zip.with_name(f".{target_zip.name}.partial")
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(result.target.rglob("*")):
                if path.is_file():
                    info = zipfile.ZipInfo(f"{slug}/{path.relative_to(result.target).as_posix()}", ZIP_TIMESTAMP)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o644 << 16
                    archive.writestr(info, path.read_bytes())
        partial.replace(target_zip)
        result.target = target_zip
        return result
