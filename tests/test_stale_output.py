"""An edit is always seen: in a rebuild in the same process, and in the preview (`mkdocs serve`).

Editors, scripts and checkouts can change a file and keep both its size and its modification
time (a same-length change within the same second). Caches must notice it all the same.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from engines.mkdocs.build import build_site
from pipeline import check_programme
from tests.helpers import article, page, project_copy

STUDY = "self-studies/providing-high-quality-feedback.md"


def edit_keeping_size_and_time(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` (the same length) and put the file's size and times back as they were."""
    assert len(old) == len(new)
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def first_heading_word(content: Path) -> str:
    """The study's first section title, to change for one of the same length."""
    programme, problems = check_programme(content)
    assert programme is not None, problems
    return programme.self_studies["providing-high-quality-feedback"].sections[0].title


def test_a_rebuild_in_the_same_process_sees_an_edit_that_keeps_size_and_time(content_copy, tmp_path):
    word = first_heading_word(content_copy)
    marked = "X" * len(word)
    first, _ = check_programme(content_copy)
    assert build_site(tmp_path / "site", content_dir=content_copy).ok
    edit_keeping_size_and_time(content_copy / STUDY, f"title: {word}", f"title: {marked}")

    edited, _ = check_programme(content_copy)
    assert edited is not first
    assert edited.self_studies["providing-high-quality-feedback"].sections[0].title.startswith(marked)
    assert build_site(tmp_path / "site", content_dir=content_copy).ok
    headings = [h.get_text() for h in article(page(tmp_path / "site", "self-studies/providing-high-quality-feedback/"))
                .select("h2")]
    assert any(h.startswith(marked) for h in headings), headings


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _fetch(url):
            return True
        time.sleep(0.3)
    return False


def test_the_preview_sees_an_edit_that_keeps_size_and_time(tmp_path):
    project = project_copy(tmp_path)
    word = first_heading_word(project / "content")
    marked = "Z" * len(word)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/self-studies/providing-high-quality-feedback/"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"),
                               "-a", f"127.0.0.1:{port}"], cwd=project, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, env={**os.environ, "ECT_CONTENT": "content"})
    try:
        assert _wait_for(url, word, 60), "the preview did not start"
        edit_keeping_size_and_time(project / "content" / STUDY, f"title: {word}", f"title: {marked}")
        assert _wait_for(url, marked, 30), "the preview kept serving the old page"
    finally:
        server.terminate()
        server.wait(timeout=10)
