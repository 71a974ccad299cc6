"""Benchmark: our builds against plain MkDocs + Material, on a synthetic programme of a chosen size.

    python scripts/bench.py                 # ≈300 pages, 20 schools, 3 repetitions → BENCHMARKS.md
    python scripts/bench.py --pages 200 --schools 5 --repeat 1   # quicker

Machines are shared and noisy, so every figure is a median of repetitions and every goal is a
ratio against a baseline measured in the same run. Not part of the test suite.

Exit codes: 0 measured (BENCHMARKS.md written); 2 wrong arguments; anything else: a build failed, said why.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engines.mkdocs import shared_work  # noqa: E402
from engines.mkdocs.build import build_site  # noqa: E402
from pipeline import DEFAULT_CONTENT, PROJECT_DIR, forget  # noqa: E402

PHASES = ["eyfs", "primary", "secondary", "post-16", "send", "alternative-provision"]
SURNAMES = ["Okafor", "Brennan", "Whitfield", "Nakamura", "Lindqvist", "Adeyemi"]  # one per phase, unalike
WORDS = ("pupils teacher feedback lesson evidence practice question answer model explain plan check "
         "memory learning class task work next step reflect mentor subject curriculum").split()
NOTES = """How each figure is taken:

- a. `mkdocs build` of one school and of a plain MkDocs + Material project holding the same
  rendered Markdown and navigation, each in a fresh process, taken in turns.
- b. One school's build in this process after forgetting everything earlier builds kept. The
  "per added page" figure divides the time beyond a one-study programme by the pages beyond it,
  so both sizes compare the same kind of page; the average also moves with the mix, as the
  ≈95 pages every programme has are lighter than the synthetic 5,000-word studies.
- c. `build.py --all` (both cores, work shared between schools) against `build.py --school`,
  both fresh processes. The 20 schools have 6 different sets of phases and 5 module orders.
- d. From saving a study to `mkdocs serve` serving the changed page: the median of at least 5 edits.
- e. The page's HTML and everything it links to, gzip; and the search index.
"""
# Budget for one self-study page on first visit (gzip): a phone on a school network.
PAGE_BUDGET_BYTES = 250_000


def prose(seed: int, words: int) -> str:
    text = [WORDS[(seed * 7 + i * 13) % len(WORDS)] for i in range(words)]
    sentences = [" ".join(text[i:i + 15]).capitalize() + "." for i in range(0, len(text), 15)]
    return "\n\n".join(" ".join(sentences[i:i + 5]) for i in range(0, len(sentences), 5))


def synthetic_content(target: Path, studies: int) -> None:
    """A realistic programme: the real catalogue and framework, plus `studies` studies with mentor pages."""
    shutil.copytree(DEFAULT_CONTENT, target)
    for folder in ("self-studies", "mentor-support", "scenarios", "actions", "ingredients", "phase-examples", "images"):
        shutil.rmtree(target / folder, ignore_errors=True)
        (target / folder).mkdir()
    for n in range(studies):
        sid = f"synthetic-study-{n:03d}"
        (target / "ingredients" / f"{sid}.yml").write_text(yaml.safe_dump({"title": f"Ingredients {n}", "ingredients": [
            {"id": f"item-{i}", "name": f"Ingredient {i}", "description": prose(n + i, 20)} for i in range(4)]}))
        (target / "scenarios" / f"{sid}.yml").write_text(yaml.safe_dump({
            "title": f"Scenarios {n}", "options_intro": "Here are some options.", "scenarios": [
            {"phase": phase, "teacher": f"Ms {SURNAMES[p]}{n}", "role": "class teacher",
             "situation": prose(n + p, 120), "prompt": "As you read, think about what would help.",
             "reflection": "How could this teacher improve?", "options": [
                 {"kind": k, "text": prose(n + p + j, 25)} for j, k in enumerate(("journal", "collaborate", "refine"))]}
            for p, phase in enumerate(PHASES)]}))
        (target / "actions" / f"{sid}.yml").write_text(yaml.safe_dump({"title": "Actions", "actions": [
            {"id": f"action-{i}", "text": prose(n + i, 25), "ingredients": [f"{sid}/item-{i}", f"{sid}/item-{i + 1}"]}
            for i in range(3)]}))
        sections = [{"id": "introduction", "title": "Introduction", "minutes": 5}] + [
            {"id": f"part-{i}", "title": f"{i}. Part {i}", "minutes": 10} for i in range(1, 5)]
        front = {"kind": "core", "year": 1 + n % 2, "module": "ABCDEF"[n % 6], "title": f"Synthetic study {n}",
                 "minutes": 45, "summary": "A synthetic study.", "scenario_set": sid, "action_set": sid,
                 "statements": ["6.1", "6.a"], "look_fors": ["What does the teacher do?"], "sections": sections,
                 "example_slots": [{"id": f"slot-{i}", "guidance": prose(n + i, 20)} for i in range(1, 5)]}
        body = ['{{ section("introduction") }}', prose(n, 300), '{{ scenarios("start") }}']
        for i in range(1, 5):
            body += [f'{{{{ section("part-{i}") }}}}', "### The evidence", prose(n + i, 700),
                     f'{{{{ ingredients("{sid}") }}}}', f'{{{{ example_slot("slot-{i}") }}}}']
        body += ['{{ scenarios("end") }}', '{{ suggested_actions() }}', '{{ statements() }}']
        (target / "self-studies" / f"{sid}.md").write_text(
            "---\n" + yaml.safe_dump(front) + "---\n\n" + "\n\n".join(body) + "\n")
        mentor = {"aligned_study": sid, "minutes": 15,
                  "sections": [{"id": "overview", "title": "Overview", "minutes": 15}]}
        (target / "mentor-support" / f"{sid}.md").write_text(
            "---\n" + yaml.safe_dump(mentor) + "---\n\n" + '{{ section("overview") }}\n\n' + prose(n, 600)
            + f'\n\n{{{{ ingredients("{sid}") }}}}\n\n{{{{ scenarios("end") }}}}\n\n{{{{ suggested_actions() }}}}\n')
    # the handbook and mentor materials stay as they are: real pages of a real site


def synthetic_schools(target: Path, count: int) -> list[Path]:
    orders = [["A", *perm] for perm in (list("BCDEF"), list("FEDCB"), list("CEBFD"), list("DBFCE"), list("EFBDC"))]
    files = []
    for n in range(count):
        folder = target / f"school-{n:02d}"
        folder.mkdir(parents=True)
        phases = [PHASES[(n + i) % len(PHASES)] for i in range(1 + n % 3)]
        examples = {"synthetic-study-000": {"slot-1": f"School {n}'s own example."}}
        (folder / "school.yml").write_text(yaml.safe_dump({"name": f"School {n}", "phases": phases,
                                                            "module_order": orders[n % len(orders)],
                                                            "examples": examples}))
        files.append(folder / "school.yml")
    return files


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def plain_mkdocs_baseline(rendered: Path, work: Path) -> Path:
    """A plain MkDocs + Material project over the same rendered Markdown and nav: no hooks, no macros."""
    project = work / "plain"
    shutil.rmtree(project, ignore_errors=True)
    nav = (rendered / "nav.yml").read_text()
    shutil.copytree(rendered, project / "docs", ignore=shutil.ignore_patterns("nav.yml"))
    shutil.copytree(PROJECT_DIR / "docs" / "assets", project / "docs" / "assets", dirs_exist_ok=True)
    ours = (PROJECT_DIR / "mkdocs.yml").read_text()
    head, rest = ours.split("# ---- plugins", 1)
    markdown = "# ---- Markdown" + rest.split("# ---- Markdown", 1)[1]
    head = head.replace("  custom_dir: overrides\n", "").replace("strict: true", "strict: false")
    (project / "mkdocs.yml").write_text(head + "plugins:\n  - search\n\n" + markdown + "\n" + nav)
    return project


def mkdocs(project: Path, site: Path, content: Path | None = None, school: Path | None = None) -> None:
    """`mkdocs build` in a fresh process; for our project, of `content` for `school`."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if content:
        environment |= {"ECT_CONTENT": str(content), "ECT_SCHOOL": str(school)}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                    "-d", str(site)], check=True, env=environment, capture_output=True)


def edit_to_refresh(content: Path, school: Path | None, study: str, repeat: int) -> float:
    """Seconds from saving an edit to a study until `mkdocs serve` serves the changed page (median)."""
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {**os.environ, "ECT_CONTENT": str(content), "NO_MKDOCS_2_WARNING": "1"}
    if school:
        environment["ECT_SCHOOL"] = str(school)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload",
                               "-a", f"127.0.0.1:{port}", "-f", str(PROJECT_DIR / "mkdocs.yml")],
                              env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/self-studies/{study}/"

    def fetch() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    try:
        deadline = time.time() + 300
        while "<html" not in fetch():
            if time.time() > deadline or server.poll() is not None:
                raise RuntimeError("mkdocs serve did not start")
            time.sleep(0.2)
        source = content / "self-studies" / f"{study}.md"
        original = source.read_text(encoding="utf-8")
        times = []
        for n in range(repeat):
            marker = f"Edited for the benchmark {n}"
            started = time.perf_counter()
            source.write_text(original.rstrip() + f"\n\n{marker}\n", encoding="utf-8")
            while marker not in fetch():
                if time.perf_counter() - started > 120:
                    raise RuntimeError("the edit never appeared")
                time.sleep(0.05)
            times.append(time.perf_counter() - started)
        source.write_text(original, encoding="utf-8")
        return statistics.median(times)
    finally:
        server.terminate()
        server.wait(timeout=30)


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def first_visit_bytes(site: Path, page: Path) -> int:
    """Bytes (gzip) a browser fetches for a first visit to `page`: the HTML and what it links to."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    total = gzip_size(page)
    seen = set()
    for tag, attribute in (("link", "href"), ("script", "src"), ("img", "src")):
        for element in soup.find_all(tag):
            url = element.get(attribute)
            if not url or url.startswith(("http", "data:", "#")) or (tag == "link" and "stylesheet" not in
                                                                     element.get("rel", []) and "icon" not in
                                                                     element.get("rel", [])):
                continue
            target = (page.parent / url.split("?")[0]).resolve()
            if target.is_file() and target not in seen:
                seen.add(target)
                total += gzip_size(target)
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--pages", type=int, default=300, help="about how many pages (default 300)")
    parser.add_argument("--schools", type=int, default=20, help="schools in the trust (default 20)")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions; medians are reported (default 3)")
    parser.add_argument("--output", type=Path, default=PROJECT_DIR / "BENCHMARKS.md")
    arguments = parser.parse_args(sys.argv[1:] if argv is None else argv)

    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        fixed_pages = 95  # years, modules, handbook, mentor materials, reference pages

        def programme(pages: int) -> tuple[Path, int]:
            studies = max(1, (pages - fixed_pages) // 2)
            content = work / f"content-{pages}"
            if not content.exists():
                synthetic_content(content, studies)
            return content, fixed_pages + 2 * studies

        content, pages = programme(arguments.pages)
        schools = synthetic_schools(work / "schools", arguments.schools)
        print(f"Synthetic programme: about {pages} pages; {len(schools)} schools.", flush=True)

        # a. one school: `mkdocs build` of ours vs of plain MkDocs + Material on the same rendered
        # Markdown, each in a fresh process (so ours shares no work with an earlier build)
        rendered = work / "rendered"
        os.environ["ECT_DUMP_MARKDOWN"] = str(rendered)
        first = build_site(work / "out" / "one", str(schools[0]), content)
        del os.environ["ECT_DUMP_MARKDOWN"]
        assert first.ok, first.messages
        plain = plain_mkdocs_baseline(rendered, work)
        ours_times, baseline_times = [], []
        for _ in range(arguments.repeat):  # taken in turns, so that a slow spell of the machine hits both
            ours_times.append(median_seconds(lambda: mkdocs(PROJECT_DIR, work / "out" / "one", content, schools[0]), 1))
            baseline_times.append(median_seconds(lambda: mkdocs(plain, plain / "site"), 1))
        ours, baseline = statistics.median(ours_times), statistics.median(baseline_times)
        rows.append(("a. one school, `mkdocs build`: ours / plain MkDocs + Material",
                     f"{ours:.2f} s / {baseline:.2f} s", f"{ours / baseline:.2f}× (goal ≤ 1.10)"))
        print(rows[-1], flush=True)

        # b. cost per page at 200 and 800 pages: the build's own work, in this process, having
        # forgotten everything an earlier build left (so nothing is reused). The ≈95 pages every
        # programme has (handbook, years, reference) are lighter than the synthetic 5,000-word
        # studies, so the mix alone raises the average at 800 pages; the cost per added page,
        # over a programme with one study, compares the same kind of page at both sizes.
        seconds_at, pages_at = {}, {}
        for size in (0, 200, 800):
            sized, pages_at[size] = programme(size)
            target = work / "out" / f"size-{size}"

            def fresh_build(sized: Path = sized, target: Path = target) -> None:
                forget()
                shared_work.forget()
                build_site(target, str(schools[0]), sized)

            seconds_at[size] = median_seconds(fresh_build, arguments.repeat)
        added = {}  # ms per page beyond the one-study programme
        for size in (200, 800):
            average = seconds_at[size] / pages_at[size] * 1000
            added[size] = (seconds_at[size] - seconds_at[0]) / (pages_at[size] - pages_at[0]) * 1000
            rows.append((f"b. {pages_at[size]} pages", f"{seconds_at[size]:.2f} s",
                         f"{average:.1f} ms/page on average; {added[size]:.1f} ms per added study or mentor page"))
            print(rows[-1], flush=True)
        average_ratio = (seconds_at[800] / pages_at[800]) / (seconds_at[200] / pages_at[200])
        rows.append(("b. per-page cost, 800 vs 200", "", f"{added[800] / added[200]:.2f}× per added page "
                     f"(goal: flat, ≈ 1.0); {average_ratio:.2f}× on average"))

        # c. a trust: every school with `build.py --all`, against one school with `build.py --school`
        def build_command(*choice: str) -> Callable[[], object]:
            return lambda: subprocess.run(
                [sys.executable, str(PROJECT_DIR / "scripts" / "build.py"), *choice, "--content", str(content),
                 "--out", str(work / "trust")], check=True, capture_output=True)

        one_seconds = median_seconds(build_command("--school", str(schools[0])), arguments.repeat)
        trust_seconds = median_seconds(build_command("--all", "--schools-dir", str(work / "schools")),
                                       arguments.repeat)
        rows.append((f"c. `build.py`: trust of {len(schools)} schools / one school",
                     f"{trust_seconds:.2f} s / {one_seconds:.2f} s", f"{trust_seconds / one_seconds:.2f}× (goal ≤ 4)"))
        print(rows[-1], flush=True)

        # d. edit-to-refresh in preview, at this size and on the sample programme
        sample_content = work / "sample-content"
        shutil.copytree(DEFAULT_CONTENT, sample_content)
        edits = max(5, arguments.repeat)  # an edit is quick to time, and the machine is noisy
        seconds = edit_to_refresh(sample_content, None, "providing-high-quality-feedback", edits)
        rows.append(("d. edit-to-refresh in preview, sample programme", f"{seconds:.2f} s", "goal ≤ 2 s"))
        print(rows[-1], flush=True)
        seconds = edit_to_refresh(content, schools[0], "synthetic-study-000", edits)
        rows.append((f"d. edit-to-refresh in preview, {pages} pages", f"{seconds:.2f} s", "goal ≤ 2 s"))
        print(rows[-1], flush=True)

        # e. weight of one self-study page, and the search index
        site = work / "out" / "one"
        study = next((site / "self-studies").glob("*/index.html"))
        page_bytes = first_visit_bytes(site, study)
        index_bytes = gzip_size(site / "search" / "search_index.json")
        verdict = "within" if page_bytes <= PAGE_BUDGET_BYTES else "OVER"
        rows.append(("e. first visit to one self-study (gzip)", f"{page_bytes / 1000:.0f} kB",
                     f"{verdict} budget of {PAGE_BUDGET_BYTES / 1000:.0f} kB"))
        rows.append(("e. search index (gzip)", f"{index_bytes / 1000:.0f} kB", ""))
        print(rows[-2:], flush=True)

    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    command = (f"python scripts/bench.py --pages {arguments.pages} --schools {arguments.schools} "
               f"--repeat {arguments.repeat}")
    table = "| measure | time or size | ratio / verdict |\n| --- | --- | --- |\n" + "\n".join(
        f"| {a} | {b} | {c} |" for a, b, c in rows)
    print("\n" + table)
    arguments.output.write_text(f"# Benchmarks\n\nMachine: {machine}. Medians of {arguments.repeat} runs.\n\n"
                                f"Rerun: `{command}`\n\n{table}\n\n{NOTES}", encoding="utf-8")
    print(f"\nwrote {arguments.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
