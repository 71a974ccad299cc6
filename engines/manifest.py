"""A site's manifest: every file it publishes, with its hash and size, written beside the site.

`OUT/SLUG.manifest.json` for a school, `OUT/national.manifest.json` for the national site (which is
OUT itself) and, made by scripts/publish.py when it publishes them, one for each folder of shared
theme files (`assets-VERSION.manifest.json`). Paths are relative to OUT, as they will be on the host,
so publishing compares the manifest it is about to publish with the one published last time and
sends only the files whose hash changed, and deletes those that are gone (scripts/publish.py).

The manifest is written from the new site before it is published, and published with it (under a
hidden name until then, like the report), so it always describes the site beside it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from engines.publishing import BESIDE_A_SITE, SHARED_ASSETS, Publication, remove

SUFFIX = ".manifest.json"


@dataclass(frozen=True)
class FileEntry:
    sha256: str
    size: int


@dataclass
class Manifest:
    site: str  # "national", a school's slug, or assets-VERSION
    folder: str  # where its files are in OUT: "" for the national site, "SLUG/" for a school
    shared_assets: str | None = None  # the shared folder its pages name, if any
    files: dict[str, FileEntry] = field(default_factory=dict)  # path in OUT → hash and size
    encoding: str | None = None  # on a host only: "gzip" when its text files are stored compressed

    def to_json(self) -> str:
        data = {"site": self.site, "folder": self.folder, "shared_assets": self.shared_assets,
                "files": {path: {"sha256": entry.sha256, "size": entry.size}
                          for path, entry in sorted(self.files.items())}}
        if self.encoding:
            data["encoding"] = self.encoding
        return json.dumps(data, indent=1, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        return cls(data["site"], data["folder"], data.get("shared_assets"),
                   {path: FileEntry(entry["sha256"], entry["size"]) for path, entry in data["files"].items()},
                   data.get("encoding"))

    @property
    def total_bytes(self) -> int:
        return sum(entry.size for entry in self.files.values())


def file_entry(path: Path) -> FileEntry:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return FileEntry(digest.hexdigest(), path.stat().st_size)


def site_files(folder: Path, leave_out: Iterable[str] = ()) -> dict[str, Path]:
    """Every file under `folder` by its path inside it, leaving out the top-level names in `leave_out`."""
    left_out = set(leave_out)
    return {path.relative_to(folder).as_posix(): path for path in sorted(folder.rglob("*"))
            if path.is_file() and path.relative_to(folder).parts[0] not in left_out}


def make_manifest(site: str, folder: str, files: dict[str, Path], shared_assets: str | None = None) -> Manifest:
    """The manifest of `files` (path in OUT → where the file is now, which may be a hidden name)."""
    return Manifest(site, folder, shared_assets, {path: file_entry(where) for path, where in sorted(files.items())})


def manifest_name(site: str) -> str:
    return site + SUFFIX


def write_site_manifest(publication: Publication, out: Path, slug: str | None, shared_assets: str | None) -> Manifest:
    """The manifest of the new site in `publication.folder` (slug None: the national site, OUT itself).

    A school's covers its folder and the offline bundle and PDF beside it (its report is for its
    induction tutor, not for publishing). The national site's covers only its own files: not the
    schools' sites and files it carries, nor the shared theme files.
    """
    out = Path(out).resolve()
    if slug is None:
        site, folder = "national", ""
        files = {path: where for path, where in site_files(publication.folder).items()
                 if not _beside_the_national_site(path, publication.folder)}
    else:
        site, folder = slug, f"{slug}/"
        files = {folder + path: where for path, where in site_files(publication.folder).items()}
        for final, waiting in publication.files.items():
            if final.parent == out and final.name in (f"{slug}.zip", f"{slug}.pdf"):
                files[final.name] = waiting
    manifest = make_manifest(site, folder, files, shared_assets)
    publication.file(out / manifest_name(site)).write_text(manifest.to_json(), encoding="utf-8")
    return manifest


def _beside_the_national_site(path: str, folder: Path) -> bool:
    """A file in OUT that is not the national site's own: a school's, a shared folder's, a manifest."""
    top, _, rest = path.partition("/")
    if not rest:
        return top.endswith(BESIDE_A_SITE) and top not in ("national.zip", "national.pdf")
    return SHARED_ASSETS.match(top) is not None or (folder / top / "search" / "search_index.json").is_file()


def read_manifests(out: Path) -> dict[str, Manifest]:
    """The manifests in OUT, by site (a manifest that cannot be read is left out: its site is rebuilt)."""
    found = {}
    for path in sorted(Path(out).glob("*" + SUFFIX)):
        try:
            manifest = Manifest.from_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError):
            continue
        found[manifest.site] = manifest
    return found


def prune_shared_folders(out: Path) -> list[str]:
    """Remove the shared folders in OUT that no site's manifest names any more (a theme since replaced).

    Call it holding the publishing lock. Sites without a manifest were built with assets of their own.
    """
    named = {manifest.shared_assets for manifest in read_manifests(out).values()}
    removed = []
    for folder in sorted(Path(out).iterdir()) if Path(out).is_dir() else []:
        if folder.is_dir() and SHARED_ASSETS.match(folder.name) and folder.name not in named:
            remove(folder)
            (folder.parent / manifest_name(folder.name)).unlink(missing_ok=True)
            removed.append(folder.name)
    return removed
