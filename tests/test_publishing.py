"""Publishing is atomic at every instant: a build stopped anywhere leaves each site complete, old or new.

The crash tests start scripts/build.py in a process group of its own and kill the group, either at a
named point (ECT_CRASH_AT, see engines/publishing.py) or from outside after a delay. They then compare
every published unit (the national site's own files, each school's folder, each file beside it) byte
for byte with the complete old and the complete new sites, and check that the next run clears what
was left and says so. Each scenario starts from a copy of one old OUT, built once.
"""

from __future__ import annotations

import errno
import importlib.util
import os
import random
import re
import select
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from engines import handbook_pdf
from engines.mkdocs.shared_work import FOLDER_VARIABLE
from engines.publishing import BESIDE_A_SITE, CRASH_VARIABLE, LEFTOVER, NO_EXCHANGE_VARIABLE, publishing_lock
from engines.publishing import recover_leftovers as recover
from tests.conftest import PROJECT
from tests.helpers import snapshot

SCHOOL = "oakfield-primary"
SCHOOLS = ["northgate-academy", SCHOOL]  # several schools: --jobs 2 builds both at once
SCENARIOS = {
    "one school": ["--school", SCHOOL],
    "all, one at a time": ["--all", "--jobs", "1"],
    "all, side by side": ["--all", "--jobs", "2"],
    "national with schools inside": [],
}
# Where each scenario is killed (NAME:N: the Nth time a process reaches the point), besides just after
# the swap (see World.new_units).
CRASH_POINTS = {
    "one school": ["locked", "old-half-removed", "beside-published"],
    "all, one at a time": ["built:2", "swapped:2", "beside-published:1"],
    "all, side by side": ["swapped", "old-half-removed"],
    "national with schools inside": ["carry-over:2", "old-half-removed"],
}
KILLS_FROM_OUTSIDE = {"one school": 1, "all, one at a time": 1, "all, side by side": 1,  # at random
                      "national with schools inside": 1}                               # moments of a run
RECOVERED = "recovered from an interrupted build into "
# Old and new sites say where they are published in every page, so any mixture of the two shows.
OLD_URL, NEW_URL = "https://old.example.org/", "https://new.example.org/"

Units = dict[str, object]


def units(out: Path) -> Units:
    """What a reader can be served from OUT: the national site's own files, each school's folder and
    each file beside one, every one as its bytes. Hidden leftovers are not served, so not included."""
    found: Units = {}
    national: dict[str, bytes] = {}
    if not out.is_dir():
        return found
    for entry in sorted(out.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and (entry / "search" / "search_index.json").is_file():
            found[entry.name + "/"] = snapshot(entry)
        elif entry.is_file() and entry.name.endswith(BESIDE_A_SITE):
            found[entry.name] = entry.read_bytes()
        elif entry.is_dir():
            national.update({f"{entry.name}/{path}": data for path, data in snapshot(entry).items()})
        else:
            national[entry.name] = entry.read_bytes()
    if national:
        found["national site"] = national
    return found


def assert_old_or_new(now: Units, old: Units, new: Units, when: str) -> None:
    for name in sorted(old.keys() | new.keys()):
        assert name in now, f"{when}: {name} is missing"
        assert now[name] in (old.get(name), new.get(name)), f"{when}: {name} is neither the old nor the new"
    assert now.keys() <= old.keys() | new.keys(), f"{when}: unexpected {sorted(now.keys() - old.keys())}"


def leftovers(out: Path) -> list[str]:
    places = [out.parent, out] if out.is_dir() else [out.parent]
    return sorted(p.name for place in places for p in place.iterdir() if LEFTOVER.match(p.name))


def build(out: Path, *arguments: str, shared: Path, crash: str | None = None, kill_after: float | None = None,
          environment: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """scripts/build.py in a process group of its own (so that all of it can be killed at once)."""
    env = {**os.environ, FOLDER_VARIABLE: str(shared), **(environment or {})}
    if crash:
        env[CRASH_VARIABLE] = crash
    command = [sys.executable, "scripts/build.py", *arguments, "--out", str(out)]
    process = subprocess.Popen(command, cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=kill_after or 300)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
    _wait_until_gone(process.pid)
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def _wait_until_gone(group: int) -> None:
    """Until no process of the group (a --jobs worker, say) is still running."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        running = False
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            running = running or (int(fields[2]) == group and fields[0] != "Z")
        if not running:
            return
        time.sleep(0.05)
    raise AssertionError(f"process group {group} is still running")


class World:
    """One old OUT (the national site with the schools' sites in it) and, per scenario, the new one."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.shared = folder / "shared-work"  # pages converted once, for every build of these tests
        self.shared.mkdir()
        self.content = folder / "new-content"
        shutil.copytree(PROJECT / "content", self.content)
        modules = self.content / "modules.yml"
        modules.write_text(modules.read_text().replace("- Motivating pupils\n", "- Motivating pupils to learn\n"))
        self.schools = folder / "schools"
        for slug in SCHOOLS:
            shutil.copytree(PROJECT / "schools" / slug, self.schools / slug)
        self.old_out = folder / "old" / "site"
        for arguments in (["--all", "--schools-dir", str(self.schools)], []):  # the schools, then the national site
            run = build(self.old_out, *arguments, "--site-url", OLD_URL, shared=self.shared)
            assert run.returncode == 0, run.stderr
        self.old = units(self.old_out)
        self.new: dict[str, tuple[Units, float]] = {}

    def fresh_out(self, name: str) -> Path:
        """A copy of the old OUT in a folder of its own: hard links, as builds never write into a file in place
        (and if one did, the comparison with the old sites' bytes, kept in memory, would show it)."""
        out = self.folder / re.sub(r"\W+", "-", name) / "site"
        shutil.rmtree(out.parent, ignore_errors=True)
        shutil.copytree(self.old_out, out, symlinks=True, copy_function=os.link)
        return out

    def arguments(self, scenario: str) -> list[str]:
        schools = ["--schools-dir", str(self.schools)] if "--all" in SCENARIOS[scenario] else []
        return [*SCENARIOS[scenario], *schools, "--content", str(self.content), "--site-url", NEW_URL]

    def new_units(self, scenario: str) -> tuple[Units, float]:
        """The OUT that the scenario's run makes from the old one, and how long a normal run takes.

        Made as after a crash: a run killed just after its (first) swap, whose leftovers the next, normal
        run clears, saying so, before it builds the new sites. What the killed run left is checked too,
        once the new sites are known.
        """
        key = "all" if scenario.startswith("all") else scenario  # builds are repeatable: --jobs makes no odds
        if key not in self.new:
            out = self.fresh_out(f"new {scenario}")
            killed = build(out, *self.arguments(scenario), shared=self.shared, crash="swapped")
            assert killed.returncode == -signal.SIGKILL, killed.stderr
            crashed, left = units(out), leftovers(out)
            assert crashed.keys() == self.old.keys(), f"{scenario}: killed at swapped, a site is missing"
            assert left, "the old site, swapped out, was still to be deleted"
            started = time.monotonic()
            run = build(out, *self.arguments(scenario), shared=self.shared)
            seconds = time.monotonic() - started
            assert run.returncode == 0, run.stderr
            said = [line for line in run.stdout.splitlines() if line.startswith(RECOVERED)]
            assert len(said) == 1 and f"removed {len(left)} leftover(s)" in said[0], run.stdout
            assert leftovers(out) == []
            self.new[key] = (units(out), seconds)
            assert_old_or_new(crashed, self.old, self.new[key][0], f"{scenario}: killed at swapped")
        return self.new[key]


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    return World(tmp_path_factory.mktemp("publishing"))


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_build_killed_at_any_instant_leaves_each_site_complete_old_or_new(world, scenario):
    new, seconds = world.new_units(scenario)
    rebuilt = {"one school": [f"{SCHOOL}/"], "national with schools inside": ["national site"]}.get(
        scenario, [f"{slug}/" for slug in SCHOOLS])
    for name in rebuilt:  # every page differs (bar the 404 page), so that any mixture of old and new shows
        same = [path for path, data in new[name].items() if path.endswith(".html") and data == world.old[name][path]]
        assert set(same) <= {"404.html"}, f"{name}: these pages are the same in the old and the new site: {same}"
    delays = [round(random.uniform(0.2, 1.0) * seconds, 2) for _ in range(KILLS_FROM_OUTSIDE[scenario])]
    trials = [(f"killed at {point}", {"crash": point}, []) for point in CRASH_POINTS[scenario]]
    trials += [(f"killed from outside after {delay} s", {"kill_after": delay}, []) for delay in delays]
    if scenario == "one school":  # and while it makes what goes beside the site (nothing is published yet)
        trials.append(("killed once the zip is written", {"crash": "zip-written"}, ["--zip"]))
    with ThreadPoolExecutor(max_workers=2) as pool:  # two at a time: each build uses one core
        for future in [pool.submit(crash_trial, world, scenario, new, number, *trial)
                       for number, trial in enumerate(trials)]:
            future.result()


def crash_trial(world: World, scenario: str, new: Units, number: int, when: str, kill: dict,
                extra: list[str]) -> None:
    out = world.fresh_out(f"{scenario} {number} {when}")  # two random delays may be the same: number them
    run = build(out, *world.arguments(scenario), *extra, shared=world.shared, **kill)
    assert "Traceback" not in run.stderr, f"{when}: {run.stderr}"
    if "crash" in kill:
        assert run.returncode == -signal.SIGKILL, f"{when}: the point was never reached"
    assert_old_or_new(units(out), world.old, new, when)
    left = leftovers(out)
    said = recover(out)
    assert (said is not None) == bool(left), f"{when}: {left} {said}"
    assert leftovers(out) == [], when
    assert_old_or_new(units(out), world.old, new, f"{when}, then recovered")
    shutil.rmtree(out.parent)


def test_without_the_exchange_a_site_moved_aside_is_put_back(world):
    """Where renameat2 is missing, a crash between the two renames leaves only the complete old copy."""
    out = world.fresh_out("no exchange")
    run = build(out, *world.arguments("one school"), shared=world.shared, crash="moved-aside",
                environment={NO_EXCHANGE_VARIABLE: "1"})
    assert run.returncode == -signal.SIGKILL
    assert not (out / SCHOOL).exists()
    assert f".{SCHOOL}.old-" in " ".join(leftovers(out))
    run = build(out, "--school", SCHOOL, shared=world.shared, crash="locked")  # the next run, up to its recovery
    said = [line for line in run.stdout.splitlines() if line.startswith(RECOVERED)]
    assert len(said) == 1 and f"put back {out / SCHOOL}" in said[0], run.stdout
    assert units(out) == world.old
    assert leftovers(out) == []


# ---- failures that must publish nothing ----

def build_command():
    spec = importlib.util.spec_from_file_location("build_command", PROJECT / "scripts" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def assert_untouched(world: World, out: Path, run_output: str) -> None:
    assert "Traceback" not in run_output
    assert units(out) == world.old
    assert leftovers(out) == []


def test_a_full_disk_is_one_line_and_publishes_nothing(world, monkeypatch, capsys):
    from mkdocs import utils

    out = world.fresh_out("full disk")
    write_file, written = utils.write_file, []

    def fill_up(content: bytes, path: str) -> None:
        written.append(path)
        if len(written) > 30:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        write_file(content, path)

    monkeypatch.setattr(utils, "write_file", fill_up)
    code = build_command().main(["--school", SCHOOL, "--content", str(world.content), "--out", str(out)])
    printed = capsys.readouterr()
    assert code == 1
    errors = [line.strip() for line in printed.err.splitlines() if "disk is full" in line]
    assert errors == [f"error: {out}: the disk is full — free some space (or build into another --out) and "
                      "build again; nothing was published"], printed.err
    assert f"{SCHOOL}: FAILED" in printed.out
    assert_untouched(world, out, printed.out + printed.err)


def test_a_file_too_large_for_the_disk_is_one_line_and_publishes_nothing(world):
    """A real error from the kernel: the file size limit makes a write of the build fail part-way."""
    import resource

    out = world.fresh_out("file size limit")
    command = [sys.executable, "scripts/build.py", "--school", SCHOOL, "--content", str(world.content),
               "--out", str(out)]
    limit = 200_000  # the search index and the theme's largest files are larger; the pages are not

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    run = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, preexec_fn=limited)
    assert run.returncode == 1
    errors = [line.strip() for line in run.stderr.splitlines() if line.strip().startswith("error:")]
    assert len(errors) == 1 and "a file is larger than this disk or your limits allow" in errors[0], run.stderr
    assert_untouched(world, out, run.stdout + run.stderr)


def test_a_really_full_disk_is_one_line_and_publishes_nothing(world, tmp_path):
    """On a small RAM disk, where the system allows mounting one (it needs root)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mount = shutil.which("mount")
    mounted = mount and subprocess.run([mount, "-t", "tmpfs", "-o", "size=10m", "tmpfs", str(disk)],
                                       capture_output=True)
    if not mounted or mounted.returncode != 0:
        pytest.skip("cannot mount a RAM disk here")
    try:
        out = disk / "site"
        shutil.copytree(world.old_out / SCHOOL, out / SCHOOL)  # about 6 MB: a second copy does not fit
        before = units(out)
        run = build(out, *world.arguments("one school"), shared=world.shared)
        assert run.returncode == 1
        errors = [line.strip() for line in run.stderr.splitlines() if line.strip().startswith("error:")]
        assert len(errors) == 1 and "the disk is full" in errors[0], run.stderr
        assert errors[0].startswith(f"error: {out}")  # the file it could not write, or the folder
        assert "Traceback" not in run.stdout + run.stderr
        assert units(out) == before
        assert leftovers(out) == []
        assert shutil.disk_usage(disk).free > 3_000_000  # the half-built site is gone
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_a_failing_pdf_step_is_said_once_and_publishes_nothing(world, monkeypatch, capsys):
    out = world.fresh_out("pdf fails")
    monkeypatch.setattr(handbook_pdf, "CHROMIUM", "/nowhere/chromium")
    code = build_command().main(["--school", SCHOOL, "--content", str(world.content), "--pdf", "--out", str(out)])
    printed = capsys.readouterr()
    assert code == 1
    message = "error: --pdf needs Chromium at /nowhere/chromium: apt-get install chromium"
    assert (printed.out + printed.err).count(message) == 1, printed.out + printed.err
    assert not (out / f"{SCHOOL}.pdf").exists()
    assert_untouched(world, out, printed.out + printed.err)


def test_a_failing_zip_step_publishes_nothing(world, monkeypatch, capsys):
    out = world.fresh_out("zip fails")

    def full(*arguments: object, **keywords: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    code = build_command().main(["--school", SCHOOL, "--content", str(world.content), "--zip", "--out", str(out)])
    printed = capsys.readouterr()
    assert code == 1
    assert printed.err.count("the disk is full") == 1, printed.err
    assert_untouched(world, out, printed.out + printed.err)


# ---- two builds into one OUT ----

def test_a_second_build_into_the_same_out_waits_for_the_first(world):
    out = world.fresh_out("two builds")
    with publishing_lock(out, 0):  # the first build, as far as the second can tell
        refused = build(out, "--school", SCHOOL, "--wait", "0", shared=world.shared)
        assert refused.returncode == 3
        assert f"error: another build into {out} (process {os.getpid()}) is still running" in refused.stderr
        assert "waiting" not in refused.stdout
        gave_up = build(out, "--school", SCHOOL, "--wait", "0.5", shared=world.shared)
        assert gave_up.returncode == 3, gave_up.stderr
        assert f"waiting for another build into {out} to finish (process {os.getpid()}) …" in gave_up.stdout
        assert "give it longer with --wait SECONDS" in gave_up.stderr
        waiting = subprocess.Popen([sys.executable, "scripts/build.py", "--school", SCHOOL, "--out", str(out)],
                                   cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   env={**os.environ, FOLDER_VARIABLE: str(world.shared)})
        said, _, _ = select.select([waiting.stdout], [], [], 60)
        assert said, "the second build did not say that it waits"
        assert waiting.stdout.readline().startswith(f"waiting for another build into {out} to finish")
        time.sleep(0.5)
        assert waiting.poll() is None, "the second build did not wait"
        assert units(out) == world.old
    stdout, stderr = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, stderr
    assert f"[1/1] {SCHOOL}: built" in stdout
    assert not any(name.endswith(".lock") for name in os.listdir(out))  # beside OUT, not inside it

