"""Compare two builds of the same site page by page, as a reader sees them: MkDocs + Material and Zensical.

What a page says must be the same: its title, its article's text, headings, links, tabs (and so
the phases kept and removed), abbreviations, form controls, its navigation, what search indexed of it,
and finally the article's markup itself. What the themes draw around the article (header,
footer, icons, script names) may differ and is not compared. `compare_sites` returns every
difference; a test asserts there are none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from engines.search import fragments

# Theme chrome inside the article: Zensical's skip-link target, edit/view buttons, feedback form.
CHROME = "a#__skip, .md-content__button, .md-source-file, form.md-feedback"
SPACE = re.compile(r"\s+")
# Form controls ect.js relies on: what they are and which data they keep.
CONTROL_ATTRIBUTES = ("type", "name", "checked", "disabled")


@dataclass(frozen=True)
class Difference:
    page: str    # URL path of the page, or the file
    aspect: str  # what differs: text, headings, links, tabs, …
    mkdocs: object
    zensical: object

    def __str__(self) -> str:
        mkdocs, zensical = _where_they_part(self.mkdocs, self.zensical)
        return f"{self.page}: {self.aspect}: MkDocs {mkdocs} ≠ Zensical {zensical}"


def _where_they_part(a: object, b: object, limit: int = 120) -> tuple[str, str]:
    """The two values from the first place they differ: a long page's difference is rarely at its start."""
    if isinstance(a, list) and isinstance(b, list):
        at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        shown = [repr(a[at]) if at < len(a) else "(nothing more)", repr(b[at]) if at < len(b) else "(nothing more)"]
        return tuple(f"item {at + 1}: {s[:limit]}" for s in shown)
    if isinstance(a, str) and isinstance(b, str):
        at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        start = max(0, at - 40)
        return f"…{a[start:start + limit]!r}", f"…{b[start:start + limit]!r}"
    return repr(a)[:limit], repr(b)[:limit]


def _text(node: Tag) -> str:
    return SPACE.sub(" ", node.get_text(" ")).strip()


def _target(page: str, href: str | None) -> str | None:
    """Where a link leads: 'x/./' and 'x/' are the same page to a reader."""
    return None if href is None else urljoin(f"https://site.invalid/{page}", href).removeprefix("https://site.invalid/")


def page_view(page: str, html: str) -> dict[str, object]:
    """What a reader gets from one built page (URL path `page`), engine chrome left out."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.md-content__inner")
    for chrome in article.select(CHROME):
        chrome.decompose()
    nav = soup.select_one("nav.md-nav--primary")
    return {
        "title": _text(soup.title) if soup.title else "",
        "text": _text(article),
        "headings": [(h.name, h.get("id"), _text(h)) for h in article.select("h1, h2, h3, h4, h5, h6")],
        "links": [(_target(page, a.get("href")), _text(a)) for a in article.select("a[href]")],
        "tabs": [[_text(label) for label in tabs.select(":scope > .tabbed-labels > label")]
                 for tabs in article.select(".tabbed-set")],
        "abbreviations": sorted({(_text(a), a.get("title")) for a in article.select("abbr")}),
        "controls": [(c.name, *(c.get(k) for k in CONTROL_ATTRIBUTES),
                      sorted((k, v) for k, v in c.attrs.items() if k.startswith("data-")))
                     for c in article.select("input, button, textarea, select")],
        "navigation": [(_text(a), _target(page, a.get("href"))) for a in nav.select("a.md-nav__link")] if nav else [],
        # The strictest: the article's HTML line by line (blank lines aside). The aspects above say
        # what a difference here means to a reader; this catches whatever they do not look at (icons, classes).
        "markup": [line for line in str(article).splitlines() if line.strip()],
    }


def html_pages(site: Path) -> dict[str, Path]:
    """Every page a reader can open, by URL path (directory URLs: 'x/y/')."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative.startswith("assets/"):
            continue
        pages[relative.removesuffix("index.html")] = path
    return pages


def search_entries(site: Path) -> dict[str, tuple]:
    """What search indexed of each page (engines/search.py, the same for both engines), by URL: its title,
    its text and where its anchors are. A page's words here are what the search box can find. (Zensical puts
    the target of "Skip to content" in the article, an empty <a id="__skip">: no result ever starts there.)"""
    return {url: (page["meta"].get("title"), page["content"],
                  [(a["element"], a.get("id"), a.get("text"), a["location"]) for a in page["anchors"]
                   if a.get("id") != "__skip"])
            for url, page in fragments(site / "pagefind").items()}


def compare_sites(mkdocs_site: Path, zensical_site: Path) -> list[Difference]:
    differences: list[Difference] = []
    mk_pages, zen_pages = html_pages(mkdocs_site), html_pages(zensical_site)
    for page in sorted(mk_pages.keys() - zen_pages.keys()):
        differences.append(Difference(page, "page", "present", "missing"))
    for page in sorted(zen_pages.keys() - mk_pages.keys()):
        differences.append(Difference(page, "page", "missing", "present"))
    for page in sorted(mk_pages.keys() & zen_pages.keys()):
        if page == "404.html":  # the themes' own not-found page: chrome only
            continue
        mk = page_view(page, mk_pages[page].read_text(encoding="utf-8"))
        zen = page_view(page, zen_pages[page].read_text(encoding="utf-8"))
        differences += [Difference(page, aspect, mk[aspect], zen[aspect]) for aspect in mk if mk[aspect] != zen[aspect]]

    mk_search, zen_search = search_entries(mkdocs_site), search_entries(zensical_site)
    for location in sorted(mk_search.keys() | zen_search.keys()):
        mk_entry, zen_entry = mk_search.get(location), zen_search.get(location)
        if mk_entry != zen_entry:
            differences.append(Difference(location, "search entry", mk_entry, zen_entry))
    return differences
