"""Screenshots of every page type of one school's site, at 360 px and 1280 px wide, for reviewers.

    python scripts/screenshots.py --school oakfield-primary            # → screenshots/oakfield-primary/
    python scripts/screenshots.py --school brookside-school --out /tmp/shots --print

It builds the school into a temporary folder (or uses a built site with --site), serves it on
127.0.0.1 from a sub-path as a host would, and saves one full-page PNG per page type and width
(with --print, also each page as printed, as a PDF). Nothing here is committed: screenshots/ is ignored.
Needs Playwright and Debian's Chromium, like the browser tests.

Exit codes: 0 screenshots taken; 1 Chromium is missing or the school's site could not be built; 2 wrong arguments.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engines.handbook_pdf import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from engines.mkdocs.build import build_site  # noqa: E402

WIDTHS = (360, 1280)


def page_types(site: Path) -> dict[str, str]:
    """One page of each type: name → URL path, the first that exists of each kind."""
    def first(pattern: str) -> str | None:
        found = sorted(path.parent.relative_to(site).as_posix() for path in site.glob(pattern))
        return found[0] + "/" if found else None

    def elective() -> str | None:
        for path in sorted(site.glob("self-studies/*/index.html")):
            text = path.read_text(encoding="utf-8")
            if "Elective" in text and "year-2" not in path.parent.name:
                return path.parent.relative_to(site).as_posix() + "/"
        return None

    candidates = {
        "home": "",
        "year": first("year-1/index.html"),
        "module": first("year-1/*/index.html"),
        "core-study": first("self-studies/*-core/index.html"),
        "elective-study": elective(),
        "year-2-study": first("self-studies/*-year-2/index.html"),
        "mentor-support": first("mentor-support/*/index.html"),
        "mentor-home": first("mentor/index.html"),
        "mentor-session": first("mentor/sessions/*/index.html"),
        "development-cycle": first("mentor/year-2/cycle-*/index.html"),
        "form": first("mentor/forms/*/index.html"),
        "meeting-template": first("mentor-materials/meeting-template/index.html"),
        "study-meeting-template": first("mentor-materials/meeting-templates/*/index.html"),
        "schedule": first("schedule/index.html"),
        "progress": first("progress/index.html"),
        "handbook-chapter": first("handbook/welcome/index.html"),
        "handbook-checklist": first("handbook/setting-up/index.html"),
        "handbook-appendices": first("handbook/appendices/index.html"),
        "framework": first("framework/index.html"),
        "glossary": first("glossary/index.html"),
        "accessibility": first("accessibility/index.html"),
    }
    return {name: path for name, path in candidates.items() if path is not None}


@contextmanager
def serve(root: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def take(site: Path, slug: str, out: Path, printed: bool) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written: list[Path] = []
    out.mkdir(parents=True, exist_ok=True)
    with serve(site.parent) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 800})
            for name, path in page_types(site).items():
                page.goto(f"{base}/{site.name}/{path}", wait_until="load")
                target = out / f"{name}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                written.append(target)
                if printed and width == WIDTHS[-1]:
                    page.emulate_media(media="print")
                    target = out / f"{name}-print.pdf"
                    page.pdf(path=str(target), format="A4", print_background=True)
                    page.emulate_media(media="screen")
                    written.append(target)
            page.close()
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0], epilog=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--school", required=True, metavar="SLUG", help="a folder name under schools/")
    parser.add_argument("--out", type=Path, metavar="DIR", help="where the images go (default: screenshots/SLUG)")
    parser.add_argument("--site", type=Path, metavar="DIR", help="a site already built (default: build it now)")
    parser.add_argument("--print", action="store_true", help="also save each page as printed (PDF)")
    arguments = parser.parse_args(argv)
    out = arguments.out or Path("screenshots") / arguments.school
    if not Path(CHROMIUM).exists():
        print(f"error: screenshots need Chromium at {CHROMIUM}: apt-get install chromium", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        site = arguments.site
        if site is None:
            site = Path(folder) / arguments.school
            result = build_site(site, arguments.school)
            if not result.ok:
                print("\n".join(result.messages), file=sys.stderr)
                return 1
        written = take(site.resolve(), arguments.school, out, arguments.print)
    print(f"{len(written)} files in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
