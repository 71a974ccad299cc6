"""The handbook PDF as an accessible document, read with a PDF library: tagged, bookmarked, in English, titled,
every link resolvable (in the PDF, or the school's published site; never the machine that built it), every
chapter's text, a cover and a contents page whose page numbers are right. Printed by Chromium (`--pdf`)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from tests.browser.conftest import PRINTED_SCHOOL, PRINTED_SITE_URL
from tests.conftest import PROJECT
from tests.helpers import article, page

SITE_URL = PRINTED_SITE_URL
SCHOOL = PRINTED_SCHOOL
APPENDIX = "Appendix: schedule and time budget"  # the school's schedule, after the chapters


@pytest.fixture(scope="module")
def chapters(programme) -> list[tuple[str, str]]:
    """The handbook's chapters in order: (id, title)."""
    return [(c.id, c.title) for c in sorted(programme.handbook.values(), key=lambda c: (c.order, c.id))]


def reader(out) -> PdfReader:
    return PdfReader(out / f"{SCHOOL}.pdf")


def links(pdf: PdfReader) -> list[tuple[int, str | None, str | None]]:
    """Every link annotation: (page number, URI or None, named destination or None)."""
    found = []
    for number, sheet in enumerate(pdf.pages, 1):
        for annotation in sheet.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            uri = action.get("/URI") if action is not None else None
            destination = annotation.get("/Dest")
            found.append((number, str(uri) if uri is not None else None,
                          str(destination) if destination is not None else None))
    return found


def structure(pdf: PdfReader) -> tuple[Counter, list[str]]:
    """The tags in the structure tree, counted, and every alternative text."""
    kinds: Counter = Counter()
    alternatives: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, IndirectObject):
            node = node.get_object()
        if isinstance(node, ArrayObject):
            for child in node:
                walk(child)
        elif isinstance(node, DictionaryObject):
            if "/S" in node:
                kinds[str(node["/S"])] += 1
            if "/Alt" in node:
                alternatives.append(str(node["/Alt"]))
            if "/K" in node:
                walk(node["/K"])
    walk(pdf.trailer["/Root"]["/StructTreeRoot"]["/K"])
    return kinds, alternatives


def words(text: str) -> str:
    return " ".join(text.split())


def test_the_pdf_is_tagged_in_english_and_titled(printed, chapters):
    pdf = reader(printed["published"])
    catalog = pdf.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en-GB"
    assert pdf.metadata.title == "Oakfield Primary School: induction tutor handbook"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])  # the title, not the file name
    kinds, alternatives = structure(pdf)
    for tag in ("/Document", "/H1", "/H2", "/P", "/L", "/LI", "/Table", "/TH", "/TD", "/Link", "/Figure"):
        assert kinds[tag], f"no {tag} in the structure tree"
    assert kinds["/H1"] >= len(chapters) + 2  # the cover, the contents, each chapter
    assert "Oakfield Primary School crest: a green oak tree in a circle" in alternatives  # the logo's alt text


def test_the_bookmarks_match_the_contents_and_the_page_numbers_are_right(printed, chapters):
    titles = [title for _, title in chapters] + [APPENDIX]
    pdf = reader(printed["published"])
    top = [item for item in pdf.outline if not isinstance(item, list)]
    assert [item.title for item in top] == ["Induction tutor handbook", "Contents", *titles]
    assert any(isinstance(item, list) and item for item in pdf.outline)  # chapters' sections nested under them
    starts = {item.title: pdf.get_destination_page_number(item) + 1 for item in top}
    contents = words(pdf.pages[1].extract_text())
    for title in titles:
        listed = re.search(re.escape(title) + r" (?:page )?(\d+)", contents)
        assert listed, f"'{title}' is not on the contents page with a page number"
        assert int(listed.group(1)) == starts[title], title
        assert words(pdf.pages[starts[title] - 1].extract_text()).startswith(title)
    assert starts["Induction tutor handbook"] == 1 and starts["Contents"] == 2


def test_the_cover_names_the_school_shows_its_logo_and_the_edition(printed):
    pdf = reader(printed["published"])
    cover = words(pdf.pages[0].extract_text())
    for text in ("Oakfield Primary School", "Induction tutor handbook", "Early Career Teacher programme",
                 "Edition of 1 September 2026"):
        assert text in cover
    assert "Oakfield Primary School crest: a green oak tree in a circle" in structure(pdf)[1]  # the logo, tagged


@pytest.mark.parametrize("published", [True, False])
def test_every_link_resolves_and_none_leads_to_the_build_machine(printed, published):
    pdf = reader(printed["published" if published else "unpublished"])
    found = links(pdf)
    destinations = {name.lstrip("/") for name in pdf.named_destinations}
    assert len([1 for _, _, dest in found if dest]) >= 15  # the contents, and links between chapters
    for number, uri, destination in found:
        if destination is not None:
            assert destination.lstrip("/") in destinations, f"page {number}: #{destination} leads nowhere"
            continue
        assert uri is not None, f"page {number}: a link with neither address nor destination"
        assert not uri.startswith("file:") and "/tmp/" not in uri, f"page {number}: {uri}"
        assert uri.startswith(("https://", "http://", "mailto:")), uri
        if not published:
            assert not uri.startswith(SITE_URL), f"page {number}: {uri} (no --site-url was given)"
    to_site = [uri for _, uri, _ in found if uri and uri.startswith(f"{SITE_URL}{SCHOOL}/")]
    assert bool(to_site) == published  # with an address, pages outside the handbook are linked there


def test_without_an_address_a_link_to_another_page_stays_as_words(printed):
    text = words(" ".join(p.extract_text() for p in reader(printed["unpublished"]).pages))
    assert "mentor–ECT meeting template" in text or "meeting template" in text


def list_items(pdf: PdfReader) -> list[list[str]]:
    """Every list item in the structure tree, as the tags of its children (a bullet or number is /Lbl)."""
    found: list[list[str]] = []

    def walk(node: object) -> None:
        node = node.get_object() if isinstance(node, IndirectObject) else node
        if isinstance(node, ArrayObject):
            for child in node:
                walk(child)
        elif isinstance(node, DictionaryObject):
            if node.get("/S") == "/LI":
                children = node.get("/K")
                children = children.get_object() if isinstance(children, IndirectObject) else children
                children = children if isinstance(children, ArrayObject) else [children]
                found.append([str(c.get_object().get("/S")) for c in children
                              if isinstance(c.get_object(), DictionaryObject)])
            if "/K" in node:
                walk(node["/K"])
    walk(pdf.trailer["/Root"]["/StructTreeRoot"]["/K"])
    return found


def test_lists_keep_their_bullets_and_tasks_print_as_boxes(printed, built, chapters):
    """Each item of a bulleted or numbered list prints its marker (tagged /Lbl); a checklist's task has its
    empty box instead (tests/browser/test_print_and_export.py checks the box)."""
    items, tasks = 0, 0
    for path in [f"handbook/{chapter_id}/" for chapter_id, _ in chapters] + ["schedule/"]:
        body = article(page(built[SCHOOL], path))
        items += len(body.select("li:not(.task-list-item)"))
        tasks += len(body.select("li.task-list-item"))
    printed_items = list_items(reader(printed["published"]))
    marked = [item for item in printed_items if item[:1] == ["/Lbl"]]
    assert items > 20 and tasks > 5
    assert len(marked) == items  # the contents' entries and the tasks have none
    assert len(printed_items) == items + tasks + len(chapters) + 1  # + the contents: the chapters, the appendix


def test_every_chapter_is_in_the_pdf_whole(printed, built, chapters):
    text = words(" ".join(p.extract_text() for p in reader(printed["published"]).pages))
    for chapter_id, title in chapters:
        body = article(page(built[SCHOOL], f"handbook/{chapter_id}/"))
        paragraphs = [words(p.get_text(" ")) for p in body.select("p") if len(p.get_text()) > 60]
        assert title in text and paragraphs, chapter_id
        for paragraph in (paragraphs[0], paragraphs[-1]):  # the chapter's beginning and its end
            assert paragraph[:50] in text, f"{chapter_id}: '{paragraph[:50]}' is missing"


def test_two_prints_of_the_same_sources_are_the_same_bytes(printed, tmp_path):
    run = subprocess.run([sys.executable, "scripts/build.py", "--school", SCHOOL, "--pdf", "--out", str(tmp_path),
                          "--site-url", SITE_URL], cwd=PROJECT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / f"{SCHOOL}.pdf").read_bytes() == (printed["published"] / f"{SCHOOL}.pdf").read_bytes()
