"""No word of a removed phase anywhere a school publishes: its pages, search index, sitemap, report,
calendar feeds, handbook PDF and offline bundle, for every sample school and for a school of each single phase.

Two scans of the text a reader gets (parsed HTML and its attributes, the search entries, the PDF's
text, the files in the zip), never of templates:

- the phases' marker terms (content/phases.yml) that none of the school's phases may use. What may
  name a removed phase, and is skipped: the rows of "What's different here" and of the report that
  list the phases removed, and the deliberate mentions ([[all: …]]) the school's site keeps. A
  specialist setting uses the other phases' words (a special school's Year 9 class is its own), so
  for a school with only those settings this scan has nothing to look for; hence the second scan:
- the words of every passage tagged only for phases the school does not have.

The same scans over the national site find them, so this test can fail.
"""

from __future__ import annotations

import gzip
import html
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
from pydantic import BaseModel
from pypdf import PdfReader

from pipeline import SCHOOLS_DIR, check_school, passages
from pipeline.contextualise import contextualise
from pipeline.markers import markers_of_phases
from pipeline.model import Body
from tests.conftest import PROJECT, SAMPLE_SCHOOLS

SITE_URL = "https://ect.example.org/"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, programme) -> dict:
    """Every sample school and one school per phase, built with --pdf and --zip in one run; the
    national site with its PDF and zip in another."""
    root = tmp_path_factory.mktemp("leaks")
    schools = root / "schools"
    for slug in SAMPLE_SCHOOLS:
        shutil.copytree(SCHOOLS_DIR / slug, schools / slug)
    for number, phase in enumerate(programme.phases, 1):
        (schools / f"single-phase-{number}").mkdir(parents=True)
        (schools / f"single-phase-{number}" / "school.yml").write_text(
            f"name: Single-phase School {number}\nphases: [{phase.id}]\n", encoding="utf-8")
    out = root / "out"
    for arguments in (["--pdf", "--zip"], ["--all", "--schools-dir", str(schools), "--pdf", "--zip", "--jobs", "2"]):
        run = subprocess.run([sys.executable, "scripts/build.py", *arguments, "--out", str(out),
                              "--site-url", SITE_URL], cwd=PROJECT, capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr
    views = {}
    for folder in sorted(schools.iterdir()):
        school, problems = check_school(folder / "school.yml", programme)
        assert school is not None, problems
        views[folder.name] = contextualise(programme, school)
    # read once for the three tests: parsing every page, PDF and zip is most of their time
    texts = {name: outputs_of(out, name) for name in views}
    texts["national"] = outputs_of(out, "national", frozenset(views))
    return {"out": out, "views": views, "national": contextualise(programme, None), "texts": texts}


def html_text(markup: str) -> str:
    """What a reader (or a screen reader) gets from a page: its text and its attributes' values,
    without the rows of "What's different here" that list the phases removed. (lxml itself: the
    scans read some 1,500 pages, and BeautifulSoup's tree would be most of this test's time.)"""
    root = lxml.html.document_fromstring(markup)
    for row in root.xpath("//article//table//tr"):
        cells = row.xpath("./td")
        if len(cells) > 1 and cells[1].text_content().strip() == "removed":
            row.drop_tree()
    values = [value for element in root.iter() for value in element.attrib.values()]
    # as a reader gets the text: code and comments are not read
    lxml.etree.strip_elements(root, "script", "style", "template", lxml.etree.Comment, with_tail=False)
    # spaced between elements (so words in two blocks never run together), and as written (so that
    # "**Nursery**, a" reads "Nursery, a")
    return " ".join(root.itertext()) + "\n" + "".join(root.itertext()) + "\n" + "\n".join(values)


def search_text(data: bytes) -> str:
    """A page as the search index keeps it (pagefind/fragment/*.pf_fragment, gzip): its text, title, anchors."""
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    fragment = json.loads(data.decode("utf-8").removeprefix("pagefind_dcd"))
    parts = [fragment["content"], *map(str, fragment["meta"].values()),
             *(anchor.get("text", "") for anchor in fragment["anchors"])]
    return html.unescape(" ".join(parts))


def site_texts(files: dict[str, bytes]) -> dict[str, str]:
    """Every file a reader can get from a site, by kind: html, search, sitemap, calendar (the schedule's feeds)."""
    texts = {"html": [], "search": [], "sitemap": [], "calendar": []}
    for name, data in sorted(files.items()):
        text = data.decode("utf-8", errors="replace")
        if name.endswith(".html"):
            texts["html"].append(html_text(text))
        elif name.endswith(".pf_fragment"):
            texts["search"].append(search_text(data))
        elif name.endswith("sitemap.xml"):
            texts["sitemap"].append(text)
        elif name.endswith(".ics"):
            texts["calendar"].append(text.replace("\r\n ", "").replace("\\,", ",").replace("\\n", " "))
    return {kind: "\n".join(parts) for kind, parts in texts.items()}


def folder_files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def zip_files(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


def report_text(path: Path) -> str:
    """The report, without the rows of its phases table that say which phases were removed."""
    return "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if "| removed |" not in line)


def outputs_of(out: Path, name: str, schools: frozenset[str] = frozenset()) -> dict[str, str]:
    """Everything one site publishes, as text by kind. The national site is OUT itself: the schools'
    sites inside it are left out."""
    folder = out if name == "national" else out / name
    files = {key: data for key, data in folder_files(folder).items() if key.split("/")[0] not in schools}
    texts = site_texts(files)
    texts["pdf"] = pdf_text(out / f"{name}.pdf")
    texts["zip"] = "\n".join(site_texts(zip_files(out / f"{name}.zip")).values())
    if name != "national":
        texts["report"] = report_text(out / f"{name}.report.md")
    return {kind: " ".join(text.split()) for kind, text in texts.items()}


def _texts(value, handbook: bool = False):
    """Every text of the programme, and whether it is in the handbook (the PDF prints only that)."""
    if isinstance(value, str):
        yield value, handbook
    elif isinstance(value, Body):
        yield value.text, handbook
    elif isinstance(value, BaseModel):
        for name, item in value:
            yield from _texts(item, handbook or name == "handbook")
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item, handbook)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item, handbook)


def _plain(markdown: str) -> str:
    """The first line of words, as a reader sees them (no headings, tags, emphasis or link addresses)."""
    text = re.sub(r"^\s*#.*$", "", markdown, flags=re.MULTILINE)
    text = re.sub(r"\[\[all:\s*([^\]]*)\]\]", r"\1", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>|^\s*(?:[-*]|\d+\.)\s+|\*", "", text, flags=re.MULTILINE)
    line = next((line for line in text.split("\n") if line.strip()), "")
    return " ".join(line.split())


def removed_words(programme, kept: set[str]) -> list[tuple[str, bool]]:
    """The first words of every passage tagged only for phases not in `kept`, and whether it is in the
    handbook."""
    found = []
    for text, handbook in _texts(programme):
        if not passages.has_passages(text):
            continue
        for passage in passages.parse(text).all_passages():
            if passage.phases and not set(passage.phases) & kept:
                words = _plain(text[passage.inner_start:passage.inner_end])[:60]
                if len(words) >= 30:
                    found.append((words, handbook))
    return found


def leaks(text: str, programme, kept: set[str], mentions: tuple[str, ...]) -> list[str]:
    """Every marker in `text` of a phase no kept phase may use, outside the site's deliberate mentions."""
    markers = markers_of_phases(programme.phases)  # one for the run: it remembers the national site's
    found = []
    for marker in markers.find(text):
        words = " ".join(text[marker.start:marker.end].split())
        if not marker.home & kept and not any(words in mention for mention in mentions):
            found.append(f"{words} ({marker.phase})")
    return found


def test_no_word_of_a_removed_phase_in_anything_a_school_publishes(outputs, programme):
    views = outputs["views"]
    assert len(views) == len(SAMPLE_SCHOOLS) + len(programme.phases)
    for name, view in views.items():
        kept = {p.id for p in view.phases}
        texts = outputs["texts"][name]
        assert set(texts) == {"html", "search", "sitemap", "calendar", "pdf", "zip", "report"}
        assert all(texts.values()), [kind for kind, text in texts.items() if not text]
        for kind, text in texts.items():
            found = leaks(text, programme, kept, view.mentions)
            assert not found, f"{name} ({', '.join(sorted(kept))}): {kind}: {sorted(set(found))[:10]}"


def test_no_passage_for_a_removed_phase_in_anything_a_school_publishes(outputs, programme):
    for name, view in outputs["views"].items():
        texts = outputs["texts"][name]
        words = removed_words(programme, {p.id for p in view.phases})
        assert words
        for kind, text in texts.items():
            found = [passage for passage, _ in words if passage in text]
            assert not found, f"{name}: {kind}: {found[:5]}"


def test_the_same_scans_find_them_on_the_national_site(outputs, programme):
    """The national site keeps every phase: scanned for what each school removes, it is full of them."""
    texts = outputs["texts"]["national"]
    national = outputs["national"]
    for name, view in outputs["views"].items():
        kept = {p.id for p in view.phases}
        # a phase whose markers none of the school's phases may use (none, for a special school with an
        # alternative provision centre: both use every age group's words)
        foreign = [p.id for p in programme.phases if p.markers and not ({p.id} | {
            other.id for other in programme.phases if p.id in other.uses_markers_of}) & kept]
        for kind in ("html", "search", "pdf", "zip"):
            found = leaks(texts[kind], programme, kept, national.mentions)
            assert bool(found) is bool(foreign), f"{kind}: markers for {name} to remove: {found[:5]}"
        words = removed_words(programme, kept)
        for kind in ("html", "search", "zip"):
            missing = [passage for passage, _ in words if passage not in texts[kind]]
            assert not missing, f"{kind}: {missing[:5]}"
        in_handbook = [passage for passage, handbook in words if handbook]
        assert in_handbook and all(passage in texts["pdf"] for passage in in_handbook)
    # and the parts a school's report skips do name the phases it removed
    report = (outputs["out"] / "single-phase-2.report.md").read_text(encoding="utf-8")
    assert leaks(report, programme, {"primary"}, ())
