"""Build sites: the national site, one school's, or every school's.

    python scripts/build.py                         # the national site → site/
    python scripts/build.py --school oakfield-primary   # one school → site/oakfield-primary/
    python scripts/build.py --school path/to/school.yml # a school kept elsewhere
    python scripts/build.py --all                   # every school under schools/, with progress
    python scripts/build.py --all --out public --content ../other-content
    python scripts/build.py --all --site-url https://ect.example.org/   # schools at /SLUG/
    python scripts/build.py --school oakfield-primary --pdf   # and the handbook as site/oakfield-primary.pdf
    python scripts/build.py --all --shared-assets --out public  # one copy of the theme for every site in public/
    python scripts/build.py --all --changed-since origin/main   # only the schools a change alters, saying why

Each site gets one line as it is built (with --pdf or --zip, a line as each of those starts too), then a
summary; -q prints only failures, -v also each warning in full. A school's contextualisation report (what
was kept, removed, and the example slots still to fill) is written beside its site as OUT/SLUG.report.md.

Exit codes: 0 every site built; 1 a site failed (each failure is named); 2 wrong arguments;
3 another build into the same OUT was still running after --wait seconds.
A failed build (a --pdf or --zip that fails, a full disk) leaves the previous site in place, and a
build stopped at any instant leaves each site complete, old or new; the next run clears what it left.
"""

from __future__ import annotations

import argparse
import functools
import io
import os
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engines.handbook_pdf import write_handbook_pdf  # noqa: E402
from engines.manifest import prune_shared_folders, write_site_manifest  # noqa: E402
from engines.mkdocs import shared_work  # noqa: E402
from engines.mkdocs.build import BuildResult, build_site, write_offline_zip  # noqa: E402
from engines.publishing import (  # noqa: E402
    BuildBusy,
    Publication,
    crash_point,
    disk_error,
    publishing_lock,
    recover_leftovers,
)
from engines.zensical.build import build_site as zensical_build_site  # noqa: E402
from pipeline import SCHOOLS_DIR  # noqa: E402
from pipeline.changes import NATIONAL, ChangeError, plan_changes  # noqa: E402
from pipeline.load.school import find_school_file, school_slug  # noqa: E402
from pipeline.report import contextualisation_report, example_slots  # noqa: E402


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--school", action="append", default=[], metavar="SLUG|PATH",
                        help="a folder name under schools/, or the path of a school.yml (repeatable)")
    parser.add_argument("--all", action="store_true", help="build every school under schools/ (or --schools-dir)")
    parser.add_argument("--schools-dir", type=Path, default=SCHOOLS_DIR, metavar="DIR",
                        help="where --all finds schools (default: schools/)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                        help="schools built at the same time (default: one per core)")
    parser.add_argument("--content", type=Path, metavar="DIR", help="the content folder (default: content/)")
    parser.add_argument("--out", type=Path, default=Path("site"), metavar="DIR",
                        help="where sites go: the national site in DIR, each school in DIR/SLUG (default: site)")
    parser.add_argument("--pdf", action="store_true",
                        help="also print the induction-tutor handbook to OUT/SLUG.pdf (needs Chromium)")
    parser.add_argument("--zip", action="store_true",
                        help="also write OUT/SLUG.zip: the site to open from the file system, offline")
    parser.add_argument("--wait", type=float, default=600, metavar="SECONDS",
                        help="if another build is writing into OUT, wait up to this long for it, then give up "
                             "with exit code 3 (default: 600; 0: do not wait)")
    parser.add_argument("--no-shared-work", action="store_true",
                        help="build every page afresh, without the speed layer (the same bytes, slower)")
    parser.add_argument("--engine", choices=("mkdocs", "zensical"), default="mkdocs",
                        help="the engine that turns the finished pages into HTML (default: mkdocs; zensical is the "
                             "second engine the tests compare it with, without --pdf or --zip)")
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", help="print only failures")
    loudness.add_argument("-v", "--verbose", action="store_true",
                          help="also print each warning in full, and what MkDocs said")
    parser.add_argument("--shared-assets", action="store_true",
                        help="one copy of the theme's files for every site in OUT, in OUT/assets-VERSION/, instead "
                             "of one in each site (the offline bundle keeps its own)")
    parser.add_argument("--changed-since", metavar="REF",
                        help="build only the sites that differ from git commit REF (with --all, the schools; "
                             "without, the national site), saying why for each; leave it out to build every one")
    parser.add_argument("--site-url", metavar="URL",
                        help="where the national site is published (each school at URL/SLUG/); makes the 404 page "
                             "and sitemap work from a sub-path")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    started = time.perf_counter()
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    if arguments.no_shared_work:
        os.environ[shared_work.SWITCH_VARIABLE] = "off"  # read by the hooks, in this process and its workers
    schools = [find_school_file(name, SCHOOLS_DIR) for name in arguments.school]
    if arguments.all:
        schools += sorted(arguments.schools_dir.glob("*/school.yml"))
    for school_file in schools:
        if not school_file.is_file():
            print(f"error: there is no school '{school_file}' — name a folder under schools/ "
                  "or the path of a school.yml", file=sys.stderr)
            return 2

    if arguments.engine == "zensical" and (arguments.pdf or arguments.zip or arguments.shared_assets):
        print("error: --pdf, --zip and --shared-assets are made with the MkDocs build: leave out --engine zensical",
              file=sys.stderr)
        return 2
    if arguments.changed_since:
        try:
            schools = changed_sites(arguments, schools)
        except ChangeError as error:
            print(error, file=sys.stderr)
            return 2
        if schools is None:
            return 0
    base_url = arguments.site_url.rstrip("/") + "/" if arguments.site_url else None
    try:
        with publishing_lock(arguments.out, arguments.wait):
            recovered = recover_leftovers(arguments.out)
            if recovered:
                print(recovered, flush=True)
            crash_point("locked")
            results = build_all(schools, arguments, base_url)
            pruned = prune_shared_folders(arguments.out)
            if pruned:
                print(f"removed shared assets no site names any more: {', '.join(pruned)}", flush=True)
    except BuildBusy as busy:
        print(busy, file=sys.stderr)
        return 3
    except OSError as error:  # the lock file or a leftover: the sites themselves report their own
        print(disk_error(error, arguments.out.resolve()), file=sys.stderr)
        return 1

    failed = [r.name for r in results if not r.ok]
    if failed:
        print(f"{len(failed)} of {len(results)} site(s) failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    if not arguments.quiet:
        print(summary(results, arguments, time.perf_counter() - started), flush=True)
    return 0


def summary(results: list[BuildResult], arguments: argparse.Namespace, seconds: float) -> str:
    """The last line: how many sites, how long, and where the reports are."""
    sites = f"{len(results)} site{'s' if len(results) != 1 else ''}"
    line = f"Built {sites} in {seconds:.1f} s into {arguments.out}."
    if any(r.name != "national" for r in results):
        line += f" Each school's contextualisation report is beside its site: {arguments.out}/SLUG.report.md."
    return line


def changed_sites(arguments: argparse.Namespace, schools: list[Path]) -> list[Path] | None:
    """The schools to build (or [] for the national site) after --changed-since; None when nothing needs building."""
    plan = plan_changes(arguments.changed_since)
    national_only = not (arguments.all or arguments.school)
    for line in plan.lines():
        if line.startswith(NATIONAL + ":") == national_only:
            print(line, flush=True)
    if not national_only:
        schools = [school for school in schools if school_slug(school) in plan.rebuild]
        if not schools:
            print(f"no school's site differs from {arguments.changed_since}: nothing to build", flush=True)
            return None
        return schools
    if NATIONAL not in plan.rebuild:
        print(f"the national site does not differ from {arguments.changed_since}: nothing to build", flush=True)
        return None
    return []


def build_all(schools: list[Path], arguments: argparse.Namespace, base_url: str | None) -> list[BuildResult]:
    if not schools:
        buffer = io.StringIO()
        make_extras = functools.partial(extras, arguments=arguments, slug="national", school=None)
        with redirect_stdout(buffer), redirect_stderr(buffer):  # said after the status line, as for a school
            result = engine(arguments)(arguments.out, None, arguments.content, site_url=base_url, extras=make_extras,
                                       **sharing(arguments))
        return [report(result, 1, 1, arguments, buffer.getvalue())]
    results: list[BuildResult] = []
    jobs = max(1, min(arguments.jobs, len(schools)))
    if jobs == 1:
        for number, school_file in enumerate(schools, 1):
            output, result = build_school(school_file, arguments, base_url)
            results.append(report(result, number, len(schools), arguments, output))
        return results
    # Schools are independent: build them side by side, one process per core. The processes
    # share the pages that are the same in several schools through a folder of this run.
    with tempfile.TemporaryDirectory(prefix="ect-shared-work-") as shared, \
            ProcessPoolExecutor(max_workers=jobs, initializer=share_work_in, initargs=(shared,)) as pool:
        futures = {pool.submit(build_school, school_file, arguments, base_url): school_file
                   for school_file in schools}
        for number, future in enumerate(as_completed(futures), 1):
            try:
                output, result = future.result()
            except BrokenProcessPool:  # a worker was killed (out of memory, or by hand): its site is untouched
                slug = school_slug(futures[future])
                output, result = "", BuildResult(slug, (arguments.out / slug).resolve(), False, 0.0, [
                    "error: the process building this school stopped unexpectedly (out of memory, or killed) "
                    "— its published site is unchanged; build again"])
            results.append(report(result, number, len(schools), arguments, output))
    return results


def engine(arguments: argparse.Namespace) -> Callable[..., BuildResult]:
    """The build function of the chosen engine: both take the same arguments and give the same result."""
    return zensical_build_site if arguments.engine == "zensical" else build_site


def sharing(arguments: argparse.Namespace) -> dict[str, bool]:
    return {"shared_assets": True} if arguments.shared_assets else {}  # MkDocs only (checked in main)


def share_work_in(folder: str) -> None:
    os.environ[shared_work.FOLDER_VARIABLE] = folder


def build_school(school_file: Path, arguments: argparse.Namespace, base_url: str | None) -> tuple[str, BuildResult]:
    """Build one school with its report and extras, and publish them; returns what it printed and the result."""
    buffer = io.StringIO()
    slug = school_slug(school_file)
    school_url = f"{base_url}{slug}/" if base_url else None
    make_extras = functools.partial(extras, arguments=arguments, slug=slug, school=str(school_file))
    with redirect_stdout(buffer), redirect_stderr(buffer):
        result = engine(arguments)(arguments.out / slug, str(school_file), arguments.content, site_url=school_url,
                            extras=make_extras, **sharing(arguments))
    result.state = None  # not needed by the caller, and it need not cross between processes
    return buffer.getvalue(), result


def extras(result: BuildResult, publication: Publication, arguments: argparse.Namespace, slug: str,
           school: str | None) -> None:
    """The school's report, the offline bundle (--zip) and the handbook PDF (--pdf), beside the site.

    All are made from the new site before it is published: if one fails, nothing is published.
    Failures go into result.messages (printed once, with the site's status line).
    """
    if school is not None:
        write_report(result, publication.file(arguments.out / f"{slug}.report.md"))
    if arguments.zip:
        progress(arguments, f"      {slug}: writing the offline bundle …")
        base = arguments.site_url.rstrip("/") + "/" if arguments.site_url else None
        published = base and (base if school is None else f"{base}{slug}/")  # calendar events link there
        bundle = write_offline_zip(publication.file(arguments.out / f"{slug}.zip"), school, arguments.content, slug,
                                   published)
        if not bundle.ok:
            result.ok = False
            result.messages += ["error: the offline bundle (--zip) could not be built:", *bundle.messages]
            return
        result.notes.append(f"offline bundle {arguments.out / f'{slug}.zip'}")
    if arguments.pdf:
        progress(arguments, f"      {slug}: printing the handbook PDF …")
        try:
            write_handbook_pdf(publication.folder, result.state.school_programme,
                               publication.file(arguments.out / f"{slug}.pdf"))
        except RuntimeError as error:
            result.ok = False
            result.messages.append(f"error: {error}")
            return
        result.notes.append(f"handbook PDF {arguments.out / f'{slug}.pdf'}")
    write_site_manifest(publication, arguments.out, slug if school is not None else None,
                        getattr(getattr(result.state, "shared_assets", None), "name", None))
    crash_point("extras-written")


def progress(arguments: argparse.Namespace, line: str) -> None:
    """Say at once what a long step is doing, even from a process whose output is collected."""
    if not arguments.quiet:
        print(line, file=sys.__stdout__, flush=True)


def write_report(result: BuildResult, path: Path) -> None:
    """The contextualisation report, beside (not inside) the published site, and its gist for the status line."""
    school_programme = result.state.school_programme
    path.write_text(contextualisation_report(school_programme, result.state.warnings), encoding="utf-8")
    to_fill = sum(1 for *_, filled in example_slots(school_programme) if not filled)
    warnings = sum(1 for p in result.state.warnings if p.severity == "warning")
    result.notes.append(f"{to_fill} example slot{'s' if to_fill != 1 else ''} to fill, "
                        f"{warnings} warning{'s' if warnings != 1 else ''} (see its report)")
    result.warnings = [str(p) for p in result.state.warnings if p.severity == "warning"]


def report(result: BuildResult, number: int, total: int, arguments: argparse.Namespace,
           output: str = "") -> BuildResult:
    """One line for the site (and, for a failure, why), as it is built."""
    quiet = arguments.quiet and result.ok
    if not quiet:
        status = "built" if result.ok else "FAILED"
        notes = "".join(f"; {note}" for note in result.notes)
        print(f"[{number}/{total}] {result.name}: {status} in {result.seconds:.1f} s → {result.target}{notes}",
              flush=True)
    if arguments.verbose:
        for warning in result.warnings:
            print("    " + warning, flush=True)
        if output:
            print(output, end="", flush=True)
    for message in result.messages:
        if not quiet or not result.ok:
            print("    " + message.replace("\n", "\n    "), file=sys.stderr if not result.ok else sys.stdout)
    return result


if __name__ == "__main__":
    sys.exit(main())
