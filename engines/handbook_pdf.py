"""The induction-tutor handbook as one PDF per school: a cover, contents, every chapter, page numbers.

It is printed by Chromium from the built site's own pages and stylesheets (so it looks like the
site, with its print styles), from a temporary document outside the site: nothing is added to
the published site. Needs Playwright and Debian's Chromium (see README.md).
"""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup

from pipeline.contextualise import SchoolProgramme
from pipeline.render.pages import handbook_chapters
from pipeline.render.schedule_pages import SCHEDULE_TITLE
from pipeline.render.urls import SCHEDULE_SRC, page_url

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

PRINT_STYLE = """
@page { size: A4; margin: 18mm 16mm 20mm; }
body { margin: 0; }
.cover { height: 240mm; display: flex; flex-direction: column; justify-content: center; break-after: page; }
.cover h1 { font-size: 2.2rem; margin: 0.3em 0; color: #000; }
.contents { break-after: page; }
.chapter { break-before: page; }
.chapter h1 { color: #000; }
"""


def handbook_document(site: Path, sp: SchoolProgramme) -> str:
    """One HTML document: cover, contents and every chapter, using the site's stylesheets."""
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    styles = "\n".join(str(link) for link in home.select("link[rel=stylesheet]"))
    chapters = handbook_chapters(sp)
    # the chapters, then the school's schedule and time budget as an appendix
    sections = [(f"chapter-{c.id}", c.title, site / "handbook" / c.id / "index.html") for c in chapters]
    sections.append(("appendix-schedule", f"Appendix: {SCHEDULE_TITLE.lower()}",
                     site / page_url(SCHEDULE_SRC) / "index.html"))
    parts = [f'<section class="cover"><p>Induction tutor handbook</p><h1>{html.escape(sp.name)}</h1>'
             f"<p>{html.escape(sp.programme.info.name)}</p></section>",
             '<section class="contents"><h2>Contents</h2><ol>'
             + "".join(f'<li><a href="#{anchor}">{html.escape(title)}</a></li>' for anchor, title, _ in sections)
             + "</ol></section>"]
    for anchor, _, path in sections:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        article = page.select_one("article.md-content__inner")
        for chrome in article.select(".headerlink, .md-content__button, .ect-form-actions, script, "
                                     "[data-this-half-term]"):
            chrome.decompose()
        parts.append(f'<section class="chapter" id="{anchor}">{article.decode_contents()}</section>')
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><base href="{site.resolve().as_uri()}/">'
            f"<title>{html.escape(sp.name)}: induction tutor handbook</title>{styles}<style>{PRINT_STYLE}</style>"
            f'</head><body><div class="md-typeset">{"".join(parts)}</div></body></html>')


def write_handbook_pdf(site: Path, sp: SchoolProgramme, target: Path) -> None:
    """Print the handbook of the built site in `site` to `target`.

    It is written straight to `target`: give it a hidden name (Publication.file) and let publishing rename it.
    """
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        raise RuntimeError("--pdf needs Playwright: .venv/bin/pip install -r requirements-dev.txt") from error
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"--pdf needs Chromium at {CHROMIUM}: apt-get install chromium")
    footer = (f'<div style="font-size:8px;width:100%;text-align:center;color:#444">{html.escape(sp.name)} · '
              'induction tutor handbook · page <span class="pageNumber"></span> of <span class="totalPages"></span>'
              "</div>")
    with tempfile.TemporaryDirectory() as folder:
        document = Path(folder) / "handbook.html"
        document.write_text(handbook_document(site, sp), encoding="utf-8")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.goto(document.as_uri(), wait_until="load")
                page.emulate_media(media="print")
                page.pdf(path=str(target), format="A4", print_background=True, display_header_footer=True,
                         header_template="<span></span>", footer_template=footer,
                         margin={"top": "18mm", "bottom": "20mm", "left": "16mm", "right": "16mm"})
                browser.close()
        except PlaywrightError as error:  # one line, not Playwright's call log
            reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
            raise RuntimeError(f"--pdf: Chromium could not print the handbook ({reason}) — "
                               "check that Chromium starts on this machine, and build again") from None
