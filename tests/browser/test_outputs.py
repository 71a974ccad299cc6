"""What a school takes away: the offline bundle (opened from file://) and the handbook PDF."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from urllib.parse import urlparse

import pytest
from pypdf import PdfReader

from tests.conftest import PROJECT
from tests.test_build import removed_phase_traces

E5 = "self-studies/developing-your-practice-in-assessment-and-feedback.html"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("outputs")
    run = subprocess.run([sys.executable, "scripts/build.py", "--school", "oakfield-primary", "--zip", "--pdf",
                          "--out", str(out)], cwd=PROJECT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    return out


def test_the_offline_bundle_works_from_the_file_system(outputs, tmp_path, page):
    with zipfile.ZipFile(outputs / "oakfield-primary.zip") as archive:
        archive.extractall(tmp_path)
    home = tmp_path / "oakfield-primary" / "index.html"
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(home.as_uri())
    assert "Oakfield Primary School" in page.locator("article .ect-edition").inner_text()
    # navigation: follow a link to a study
    page.goto((tmp_path / "oakfield-primary" / E5).as_uri())
    page.locator(".tabbed-set").first.locator("label", has_text="Primary").click()
    assert page.locator(".tabbed-set").first.locator(".tabbed-block").nth(1).is_visible()
    page.locator("a[href$='mentor-support/developing-your-practice-in-assessment-and-feedback.html']").first.click()
    page.wait_for_url("**/mentor-support/developing-your-practice-in-assessment-and-feedback.html")
    # search, through the self-hosted worker shim
    page.locator("input.md-search__input").click()
    page.keyboard.type("Kowalczyk", delay=20)
    first = page.locator(".md-search-result__item > a").first
    first.wait_for()
    assert "developing-your-practice-in-assessment-and-feedback" in first.get_attribute("href")
    assert [url for url in requests if urlparse(url).scheme not in ("file", "data", "blob", "about")] == []


def test_the_handbook_pdf_has_a_cover_contents_page_numbers_and_no_removed_phase(outputs, programme):
    pdf = PdfReader(outputs / "oakfield-primary.pdf")
    pages = [p.extract_text() for p in pdf.pages]
    assert len(pages) > 10
    assert "Oakfield Primary School" in pages[0]
    assert "Contents" in pages[1] and "Flexible module sequence" in pages[1]
    assert f"page 3 of {len(pages)}" in pages[2]
    text = "\n".join(pages)
    assert "Mrs J. Whitcombe" in text  # the school's contact
    for phase_id in ("secondary", "post-16", "send", "alternative-provision"):
        for trace in removed_phase_traces(programme, phase_id):
            assert trace not in text, trace
    assert not (outputs / "oakfield-primary" / "oakfield-primary.pdf").exists()  # beside the site, not in it
