"""No word of a removed phase anywhere a school publishes: its pages, search index, sitemap, report,
handbook PDF and offline bundle, for every sample school and for a school of each single phase.

The words looked for are the phases' marker terms (content/phases.yml), found in the text a reader
gets (parsed HTML and its attributes, the search entries, the PDF's text, the files in the zip), never
in templates. The same scan run over the national site finds them, so this test can fail. What may
name a removed phase, and is skipped: the rows of the "What's different here" page and of the report
that list the phases removed, and the school's deliberate mentions ([[all: …]]) that its site keeps.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from pipeline import SCHOOLS_DIR, check_school
from pipeline.contextualise import contextualise
from pipeline.markers import Markers, PhaseMarkers
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
    return {"out": out, "views": views, "national": contextualise(programme, None)}


def html_text(html: str) -> str:
    """What a reader (or a screen reader) gets from a page: its text and its attributes' values,
    without the rows of "What's different here" that list the phases removed."""
    soup = BeautifulSoup(html, "html.parser")
    for row in soup.select("article table tr"):
        cells = row.select("td")
        if len(cells) > 1 and cells[1].get_text(strip=True) == "removed":
            row.decompose()
    values = [value if isinstance(value, str) else " ".join(value)
              for tag in soup.find_all(True) for value in tag.attrs.values()]
    return soup.get_text(" ") + "\n" + "\n".join(values)


def search_text(data: str) -> str:
    data = data[data.index("{"):data.rindex("}") + 1]  # the offline bundle wraps the index in a script
    docs = json.loads(data)["docs"]
    return "\n".join(re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]) for doc in docs)


def site_texts(files: dict[str, bytes]) -> dict[str, str]:
    """Every file a reader can get from a site, by kind: html, search, sitemap."""
    texts = {"html": [], "search": [], "sitemap": []}
    for name, data in sorted(files.items()):
        text = data.decode("utf-8", errors="replace")
        if name.endswith(".html"):
            texts["html"].append(html_text(text))
        elif re.search(r"search/search_index\.js(on)?$", name):
            texts["search"].append(search_text(text))
        elif name.endswith("sitemap.xml"):
            texts["sitemap"].append(text)
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


def outputs_of(out: Path, name: str, schools: set[str] = frozenset()) -> dict[str, str]:
    """Everything one site publishes, as text by kind. The national site is OUT itself: the schools'
    sites inside it are left out."""
    folder = out if name == "national" else out / name
    files = {key: data for key, data in folder_files(folder).items() if key.split("/")[0] not in schools}
    texts = site_texts(files)
    texts["pdf"] = pdf_text(out / f"{name}.pdf")
    texts["zip"] = "\n".join(site_texts(zip_files(out / f"{name}.zip")).values())
    if name != "national":
        texts["report"] = report_text(out / f"{name}.report.md")
    return texts


def leaks(text: str, programme, kept: set[str], mentions: tuple[str, ...]) -> list[str]:
    """Every marker in `text` of a phase no kept phase may use, outside the site's deliberate mentions."""
    markers = Markers(PhaseMarkers(p.id, tuple(p.markers), tuple(p.uses_markers_of)) for p in programme.phases)
    found = []
    for marker in markers.find(text):
        words = " ".join(text[marker.start:marker.end].split())
        if not marker.home & kept and not any(words in mention for mention in mentions):
            found.append(f"{words} ({marker.phase})")
    return found


def test_no_word_of_a_removed_phase_in_anything_a_school_publishes(outputs, programme):
    out, views = outputs["out"], outputs["views"]
    assert len(views) == len(SAMPLE_SCHOOLS) + len(programme.phases)
    for name, view in views.items():
        kept = {p.id for p in view.phases}
        texts = outputs_of(out, name)
        assert set(texts) == {"html", "search", "sitemap", "pdf", "zip", "report"}
        assert all(texts.values()), [kind for kind, text in texts.items() if not text]
        for kind, text in texts.items():
            found = leaks(text, programme, kept, view.mentions)
            assert not found, f"{name} ({', '.join(sorted(kept))}): {kind}: {sorted(set(found))[:10]}"


def test_the_same_scan_finds_them_on_the_national_site(outputs, programme):
    """The national site keeps every phase: scanned for what each school removes, it is full of them."""
    texts = outputs_of(outputs["out"], "national", set(outputs["views"]))
    national = outputs["national"]
    for name, view in outputs["views"].items():
        kept = {p.id for p in view.phases}
        for kind in ("html", "search", "pdf", "zip"):
            assert leaks(texts[kind], programme, kept, national.mentions), f"{kind}: nothing for {name} to remove"
    # and the parts a school's report skips do name the phases it removed
    report = (outputs["out"] / "single-phase-2.report.md").read_text(encoding="utf-8")
    assert leaks(report, programme, {"primary"}, ())
