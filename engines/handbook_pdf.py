"""The induction-tutor handbook as one accessible PDF per school: printed by Chromium from the built pages.

What makes it a document a public body can hand out (the same accessibility regulations as its web pages):
- tagged (headings, lists, tables, links and images carry their structure, and the logo its alt text), with
  bookmarks made from the headings, so the outline matches the contents: the cover, the contents, then
  each chapter with its sections and the schedule as an appendix;
- the document's language (en-GB) and title set, the title shown in place of the file name;
- a cover with the school's name, logo and the edition's date, and a contents page with page numbers
  (printed twice: the first print says on which page each chapter starts);
- every link leads somewhere that exists for the reader: to its place in this PDF (another chapter, a
  section), to the school's published site (`--site-url`: the page's canonical address), to the web
  (https:, mailto:), or, with no published address, it is plain text. Never to a path on the machine
  that built it;
- lists keep their bullets, and checklists print as empty boxes to tick by hand (docs/assets/ect-look.css).

It is printed from a temporary document outside the site, using the site's own stylesheets: nothing is
added to the published site. Needs Playwright, pypdf and Debian's Chromium (requirements-dev.txt).
"""

from __future__ import annotations

import datetime
import html
import posixpath
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from pipeline import brand
from pipeline.contextualise import SchoolProgramme
from pipeline.render.furniture import edition
from pipeline.render.pages import handbook_chapters
from pipeline.render.schedule_pages import SCHEDULE_TITLE
from pipeline.render.urls import SCHEDULE_SRC, page_url

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
LANGUAGE = "en-GB"
PAGE_PLACEHOLDER = "00"  # the contents' page numbers in the first print: about as wide as the real ones

PRINT_STYLE = """
@page { size: A4; margin: 18mm 16mm 20mm; }
body { margin: 0; }
.md-typeset { font-size: 10.5pt; line-height: 1.5; color: #0b0c0c; }
.cover { height: 240mm; display: flex; flex-direction: column; justify-content: center; break-after: page; }
.cover img { max-height: 40mm; max-width: 90mm; width: auto; align-self: flex-start; margin-bottom: 12mm; }
.cover .cover__kind { font-size: 16pt; font-weight: 700; margin: 0; }
.md-typeset .cover h1 { font-size: 28pt; margin: 4mm 0 6mm; color: #0b0c0c; }
.cover .cover__programme, .cover .cover__edition { font-size: 12pt; margin: 0 0 2mm; color: #505a5f; }
.contents { break-after: page; }
.md-typeset .contents h1 { font-size: 20pt; }
.contents ol { list-style: none; margin: 0 !important; padding: 0; }
.md-typeset .contents li { margin: 0 0 2.5mm !important; }
.md-typeset .contents a { display: flex; gap: 2mm; color: #0b0c0c; text-decoration: none; }
.md-typeset .contents a .title { text-decoration: underline; }
.contents a .leader { flex: 1; border-bottom: 1px dotted #505a5f; margin-bottom: 1.2mm; }
.chapter { break-before: page; }
.md-typeset .chapter h1 { font-size: 20pt; color: #0b0c0c; }
.md-typeset a { color: #0b0c0c; }
.md-typeset table:not([class]) { font-size: 9pt; }
"""


# ---- links ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """One part of the PDF after the contents: a handbook chapter, or the schedule as an appendix."""
    anchor: str  # its id in the document: chapter-welcome, appendix-schedule
    title: str
    path: str  # where its page is in the built site: 'handbook/welcome/'


def rewrite_links(article: Tag, section: Section, sections: dict[str, str], site: Path,
                  site_url: str | None) -> None:
    """Every id made unique in the whole document (anchor--id), and every link sent where it works in a PDF.
    `sections` maps each section's site path to its anchor."""
    for element in article.select("[id]"):
        element["id"] = f"{section.anchor}--{element['id']}"
    for anchor in article.select("a[href]"):
        href = anchor["href"].strip()
        parts = urlsplit(href)
        if parts.scheme in ("http", "https", "mailto", "tel"):
            continue
        if parts.scheme or parts.netloc:  # file:, javascript: or anything else: not a link in print
            anchor.unwrap()
            continue
        if not parts.path:  # a place on this section's page
            anchor["href"] = f"#{section.anchor}--{parts.fragment}" if parts.fragment else f"#{section.anchor}"
            continue
        target = posixpath.normpath(posixpath.join(section.path, parts.path))  # 'handbook/x', 'glossary', '.'
        target = "" if target == "." else target + ("" if target.endswith(".html") else "/")
        other = sections.get(target.removesuffix("index.html"))
        if other is not None:
            anchor["href"] = f"#{other}--{parts.fragment}" if parts.fragment else f"#{other}"
        elif site_url:
            anchor["href"] = urljoin(site_url, target) + (f"#{parts.fragment}" if parts.fragment else "")
        else:  # no published address to send the reader to: the words stay, as plain text
            anchor.unwrap()
    for image in article.select("img[src]"):  # loaded from the built site
        source = urlsplit(image["src"])
        if not source.scheme:
            image["src"] = (site / posixpath.normpath(posixpath.join(section.path, source.path))).resolve().as_uri()


def published_address(page: BeautifulSoup, section: Section) -> str | None:
    """The site's published address, from a page's canonical link (set by --site-url)."""
    canonical = page.select_one('link[rel="canonical"]')
    if canonical is None or not canonical.get("href", "").startswith(("https://", "http://")):
        return None
    return urljoin(canonical["href"], "../" * section.path.count("/"))


# ---- the document -----------------------------------------------------------------------------------


def cover(sp: SchoolProgramme, site: Path) -> str:
    logo = sp.school.logo if sp.school else None
    image = ""
    if logo is not None:
        path = (site / brand.logo_src(logo.suffix)).resolve().as_uri()
        image = f'<img src="{html.escape(path)}" alt="{html.escape(logo.alt)}">'
    return (f'<section class="cover">{image}<p class="cover__kind">{html.escape(sp.name)}</p>'
            "<h1>Induction tutor handbook</h1>"
            f'<p class="cover__programme">{html.escape(sp.programme.info.name)}</p>'
            f'<p class="cover__edition">Edition of {html.escape(edition(sp))}</p></section>')


def contents(sections: list[Section], pages: dict[str, int] | None) -> str:
    """The contents: each section, linked, with the page it starts on (a placeholder in the first print)."""
    items = "".join(
        f'<li><a href="#{section.anchor}"><span class="title">{html.escape(section.title)}</span>'
        f'<span class="leader" aria-hidden="true"></span>'
        f'<span class="page"><span class="ect-visually-hidden">page </span>'
        f'{pages.get(section.anchor, PAGE_PLACEHOLDER) if pages else PAGE_PLACEHOLDER}</span></a></li>'
        for section in sections)
    return f'<nav class="contents" aria-labelledby="contents"><h1 id="contents">Contents</h1><ol>{items}</ol></nav>'


def handbook_sections(sp: SchoolProgramme) -> list[Section]:
    """The chapters, then the school's schedule and time budget as an appendix."""
    sections = [Section(f"chapter-{c.id}", c.title, f"handbook/{c.id}/") for c in handbook_chapters(sp)]
    sections.append(Section("appendix-schedule", f"Appendix: {SCHEDULE_TITLE.lower()}", page_url(SCHEDULE_SRC)))
    return sections


def handbook_document(site: Path, sp: SchoolProgramme, pages: dict[str, int] | None = None) -> str:
    """One HTML document: cover, contents, every chapter and the appendix, with the site's stylesheets."""
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    styles = "".join(f'<link rel="stylesheet" href="{(site / link["href"]).resolve().as_uri()}">'
                     for link in home.select("link[rel=stylesheet]") if not urlsplit(link["href"]).scheme)
    sections = handbook_sections(sp)
    paths = {section.path: section.anchor for section in sections}
    parts = [cover(sp, site), contents(sections, pages)]
    for section in sections:
        page = BeautifulSoup((site / section.path / "index.html").read_text(encoding="utf-8"), "html.parser")
        article = page.select_one("article.md-content__inner")
        for chrome in article.select(".headerlink, .md-content__button, .ect-form-actions, .ect-privacy, script, "
                                     "[data-this-half-term]"):  # the reader's "this half term" is for the screen
            chrome.decompose()
        heading = article.select_one("h1")
        if heading is not None:  # headed as the contents list it, so that its bookmark says the same
            heading.string = section.title
        rewrite_links(article, section, paths, site, published_address(page, section))
        parts.append(f'<section class="chapter" id="{section.anchor}">{article.decode_contents()}</section>')
    title = f"{sp.name}: induction tutor handbook"
    return (f'<!doctype html><html lang="{LANGUAGE}" dir="ltr"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title>{styles}<style>{PRINT_STYLE}</style>"
            f'</head><body><main class="md-typeset">{"".join(parts)}</main></body></html>')


# ---- printing ---------------------------------------------------------------------------------------


def chapter_pages(pdf: Path) -> dict[str, int]:
    """On which page (1, 2, …) each section starts, by its anchor, from the PDF's named destinations."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    starts = {}
    for name, destination in reader.named_destinations.items():
        name = name.lstrip("/")  # pypdf gives a name as /chapter-…
        if name.startswith(("chapter-", "appendix-")) and "--" not in name:
            starts[name] = reader.get_destination_page_number(destination) + 1
    return starts


def fixed_dates(pdf: Path, day: str) -> None:
    """The PDF's creation and change dates set to the edition's, so that the same sources give the same bytes.
    Written in place, each the same length as before (the file's offsets stay right)."""
    stamp = datetime.date.fromisoformat(day).strftime("D:%Y%m%d000000+00'00'").encode("ascii")
    data = pdf.read_bytes()
    data = re.sub(rb"D:\d{14}[+\-Z][0-9']*", lambda m: stamp if len(m.group()) == len(stamp) else m.group(), data)
    pdf.write_bytes(data)


def write_handbook_pdf(site: Path, sp: SchoolProgramme, target: Path) -> None:
    """Print the handbook of the built site in `site` to `target`.

    It is written straight to `target`: give it a hidden name (Publication.file) and let publishing rename it.
    """
    try:
        import pypdf  # noqa: F401 - read back to number the contents (chapter_pages)
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        raise RuntimeError("--pdf needs Playwright and pypdf: .venv/bin/pip install -r requirements-dev.txt") from error
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"--pdf needs Chromium at {CHROMIUM}: apt-get install chromium")
    footer = (f'<div style="font-size:8px;width:100%;text-align:center;color:#444">{html.escape(sp.name)} · '
              'induction tutor handbook · page <span class="pageNumber"></span> of <span class="totalPages"></span>'
              "</div>")
    with tempfile.TemporaryDirectory() as folder:
        document = Path(folder) / "handbook.html"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                pages = None
                for _ in range(2):  # the first print finds the pages the contents give
                    document.write_text(handbook_document(site, sp, pages), encoding="utf-8")
                    page.goto(document.as_uri(), wait_until="load")
                    page.emulate_media(media="print")
                    page.pdf(path=str(target), format="A4", print_background=True, display_header_footer=True,
                             header_template="<span></span>", footer_template=footer, tagged=True, outline=True,
                             margin={"top": "18mm", "bottom": "20mm", "left": "16mm", "right": "16mm"})
                    pages = chapter_pages(target)
                browser.close()
        except PlaywrightError as error:  # one line, not Playwright's call log
            reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
            raise RuntimeError(f"--pdf: Chromium could not print the handbook ({reason}) — "
                               "check that Chromium starts on this machine, and build again") from None
    fixed_dates(target, sp.programme.info.edition_date)
