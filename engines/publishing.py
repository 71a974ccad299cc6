"""Publishing built sites so that a crash at any instant leaves each one complete: the old site or the new.

- A site is built into a hidden folder beside its target, `.NAME.building-PID`, and files that go beside a
  site (SLUG.pdf, SLUG.zip, SLUG.report.md) under hidden names, `.NAME.partial-PID`. Nothing is published
  until all of them are complete.
- Publishing exchanges the new folder with the published one in a single step (Linux's
  renameat2(RENAME_EXCHANGE)), so the published name never disappears; the old site, now under the hidden
  name, is then deleted. Where the exchange is not available the published folder is first renamed aside
  to `.NAME.old-PID`: a crash before the new one is renamed in leaves that complete copy, which the next
  run puts back.
- The national site is OUT itself and the schools' sites live inside it: they are hard-linked into the
  new national folder before the exchange, so the published OUT is never emptied.
- One build writes into an OUT at a time (`publishing_lock`, a lock file beside OUT); under the lock a run
  first clears what an interrupted run left (`recover_leftovers`).
"""

from __future__ import annotations

import collections
import ctypes
import errno
import functools
import os
import re
import shutil
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows has none: builds there are not locked
    fcntl = None

# Testing aids. ECT_CRASH_AT=NAME (or NAME:N, the Nth time) kills the build's process group with SIGKILL
# when it reaches crash_point(NAME); ECT_NO_RENAME_EXCHANGE=1 publishes as where the exchange is missing.
CRASH_VARIABLE = "ECT_CRASH_AT"
NO_EXCHANGE_VARIABLE = "ECT_NO_RENAME_EXCHANGE"
LEFTOVER = re.compile(r"^\.(?P<name>.+)\.(?P<kind>building|old|partial)(?:-\d+)?$")
BESIDE_A_SITE = (".report.md", ".zip", ".pdf", ".manifest.json")  # what a school's build writes beside its folder
# The theme's files, shared by the sites in OUT (build.py --shared-assets, engines/mkdocs/shared_assets.py)
SHARED_ASSETS = re.compile(r"^assets-[0-9a-f]{12}$")

_reached: collections.Counter[str] = collections.Counter()


def crash_point(name: str) -> None:
    """Die here, as a SIGKILL from outside would, when the crash-injection tests ask for it."""
    wanted = os.environ.get(CRASH_VARIABLE)
    if not wanted:
        return
    point, _, nth = wanted.partition(":")
    if point == name:
        _reached[name] += 1
        if _reached[name] == int(nth or 1):
            # The whole build, workers too, when it leads its own process group (the tests start it so);
            # never a group led by anything else, such as the shell that started it.
            if os.getpgrp() in (os.getpid(), os.getppid()):
                os.killpg(os.getpgrp(), signal.SIGKILL)
            os.kill(os.getpid(), signal.SIGKILL)


class BuildBusy(Exception):
    """Another build is writing into the same OUT and did not finish in time."""


@contextmanager
def publishing_lock(out: Path, wait: float) -> Iterator[None]:
    """Hold OUT for this run: a second build into the same OUT waits up to `wait` seconds, then gives up.

    The lock is an flock on `.OUT.lock` beside OUT (not inside the published tree); the kernel releases it
    when the holder exits, however it exits, so a crashed build never leaves OUT locked.
    """
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out.parent / f".{out.name}.lock", "a+", encoding="utf-8") as handle:
        if fcntl is not None:
            deadline = time.monotonic() + wait
            told = False
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    handle.seek(0)
                    holder = handle.read().strip() or "unknown"
                    if time.monotonic() >= deadline:
                        raise BuildBusy(f"error: another build into {out} (process {holder}) is still running — "
                                        "build again when it has finished, or give it longer with --wait "
                                        "SECONDS") from None
                    if not told:
                        print(f"waiting for another build into {out} to finish (process {holder}) …", flush=True)
                        told = True
                    time.sleep(0.2)
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
        yield


def recover_leftovers(out: Path) -> str | None:
    """Clear what an interrupted run left in and beside OUT; returns one line saying what was done.

    Call it holding the lock. A published folder that is missing while its complete old copy (`.NAME.old-PID`)
    exists is put back; every other leftover (half-built folders, old sites half deleted, half-written
    files) is removed.
    """
    out = Path(out).resolve()
    restored: list[str] = []
    removed: list[str] = []
    # OUT's own leftovers first (they sit beside it and only those named after OUT are ours), then inside it.
    for folder, only in ((out.parent, out.name), (out, None)):
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir()):
            match = LEFTOVER.match(entry.name)
            if not match or (only is not None and match["name"] != only):
                continue
            published = folder / match["name"]
            if match["kind"] == "old" and entry.is_dir() and not published.exists():
                entry.rename(published)
                restored.append(_shown(published))
            else:
                remove(entry)
                removed.append(entry.name)
    if not restored and not removed:
        return None
    done = [f"put back {', '.join(restored)} (its complete previous copy)"] if restored else []
    if removed:
        more = f" and {len(removed) - 4} more" if len(removed) > 5 else ""
        done.append(f"removed {len(removed)} leftover(s): {', '.join(removed[:4] if more else removed)}{more}")
    return f"recovered from an interrupted build into {_shown(out)}: {'; '.join(done)}"


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when it is under it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


class Publication:
    """A new site and the files that go beside it, made under hidden names, then published all at once.

    `folder` is where the new site is built. `file(final)` says where to write a file that belongs
    beside the site (or inside it) until it is published.
    """

    def __init__(self, target: Path) -> None:
        self.target = target
        self.folder = target.parent / f".{target.name}.building-{os.getpid()}"
        self.files: dict[Path, Path] = {}  # where a file will be published → where it waits until then
        self.published = False  # True once the new site is in place

    def file(self, final: Path) -> Path:
        final = Path(final).resolve()
        if final.is_relative_to(self.target):  # part of the site itself: published with its folder
            return self.folder / final.relative_to(self.target)
        waiting = final.parent / f".{final.name}.partial-{os.getpid()}"
        self.files[final] = waiting
        return waiting

    def carry_school_sites(self) -> None:
        """The national site is OUT itself: bring the schools' sites and files, and the shared assets, into the new OUT.

        They are hard links (a copy where the file system has none), so the published OUT keeps them
        until the one exchange that replaces it.
        """
        if not self.target.is_dir():
            return
        for entry in sorted(self.target.iterdir()):
            is_site = entry.is_dir() and ((entry / "search" / "search_index.json").is_file()
                                          or SHARED_ASSETS.match(entry.name) is not None)
            is_beside = entry.is_file() and entry.name.endswith(BESIDE_A_SITE)
            new = self.folder / entry.name
            if entry.name.startswith(".") or not (is_site or is_beside) or new.exists() or new.is_symlink():
                continue
            if is_site:
                shutil.copytree(entry, new, symlinks=True, copy_function=_link_or_copy)
            else:
                _link_or_copy(entry, new)
            crash_point("carry-over")

    def publish(self) -> None:
        """Put the new site in place of the old in one step, then the files beside it, then delete the old."""
        old = replace_folder(self.folder, self.target)
        self.published = True
        for final, waiting in self.files.items():
            os.replace(waiting, final)
            crash_point("beside-published")
        if old is not None:
            remove_old(old)

    def discard(self) -> None:
        remove(self.folder)
        for waiting in self.files.values():
            waiting.unlink(missing_ok=True)


def replace_folder(new: Path, target: Path) -> Path | None:
    """Put the complete folder `new` where `target` is; returns where the old site now is, to delete."""
    if not target.exists():
        os.rename(new, target)
        crash_point("swapped")
        return None
    if exchange(new, target):
        crash_point("swapped")
        return new  # the old site, under the new one's hidden name
    # No exchange here: two renames, with the complete old copy under a name recover_leftovers knows.
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    os.rename(target, old)
    crash_point("moved-aside")
    os.rename(new, target)
    crash_point("swapped")
    return old


def remove_old(folder: Path) -> None:
    """Delete a replaced site (a crash part-way leaves a leftover that the next run removes)."""
    for number, entry in enumerate(sorted(folder.iterdir())):
        remove(entry)
        if number == 0:
            crash_point("old-half-removed")
    remove(folder)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically; False where the system or the file system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None or os.environ.get(NO_EXCHANGE_VARIABLE):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    number = ctypes.get_errno()
    if number in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):  # the file system has none
        return False
    raise OSError(number, os.strerror(number), str(second))


@functools.cache
def _renameat2() -> Callable | None:
    if sys.platform != "linux":
        return None
    return getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)  # None before glibc 2.28


def _link_or_copy(source: str | Path, destination: str | Path) -> None:
    try:
        os.link(source, destination, follow_symlinks=False)
    except OSError as error:
        if error.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
        shutil.copy2(source, destination, follow_symlinks=False)


def disk_error(error: OSError, where: Path | None = None, outcome: str = "") -> str:
    """One line for a failed read or write: the path (or the folder being written), what went wrong, what to do."""
    path = error.filename2 or error.filename or where  # a copy or rename: the second is where it wrote
    where = f"{path}: " if path else ""
    advice = {
        errno.ENOSPC: "the disk is full — free some space (or build into another --out) and build again",
        errno.EDQUOT: "your disk quota is used up — free some space (or build into another --out) and build again",
        errno.EFBIG: "a file is larger than this disk or your limits allow — raise the limit or build elsewhere",
        errno.EACCES: "permission denied — check that you may write there, or build into another --out",
        errno.EPERM: "not permitted — check that you may write there, or build into another --out",
        errno.EROFS: "the disk is read-only — build into another --out",
    }.get(error.errno, f"{error.strerror or error} — check the folder and build again")
    return f"error: {where}{advice}{outcome}"
