"""Small helpers for building sites and reading them as a reader would see them."""

from __future__ import annotations

import gzip
import html
import json
import shutil
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from engines.search import fragments
from tests.conftest import PROJECT


def page(site: Path, url_path: str) -> BeautifulSoup:
    """The parsed HTML of a page, by its URL path (e.g. 'self-studies/x/')."""
    path = site / url_path / "index.html" if not url_path.endswith(".html") else site / url_path
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")  # the same tree as html.parser, built faster


def article(soup: BeautifulSoup) -> BeautifulSoup:
    return soup.select_one("article.md-content__inner")


def search_pages(site: Path) -> dict[str, dict]:
    """What search indexed of each page, by URL path ('/self-studies/x/'): its text, title and anchors."""
    return fragments(site / "pagefind")


def indexed_text(site: Path) -> str:
    """Everything search can find in a site, as one text."""
    return " ".join(page["meta"]["title"] + " " + page["content"] for page in search_pages(site).values())


def every_file_text(site: Path) -> dict[str, str]:
    """Every file under a site as readable text (HTML entities decoded, gzip opened)."""
    texts: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":  # gzip, whatever its name (the search index's files are)
            data = gzip.decompress(data)
        text = data.decode("utf-8", errors="ignore")
        if path.suffix == ".json":
            text += json.dumps(json.loads(text), ensure_ascii=False)
        if path.suffix == ".pf_fragment":  # a page as search keeps it: its text, unescaped
            fragment = json.loads(text.removeprefix("pagefind_dcd"))
            text += " ".join([fragment["content"], *map(str, fragment["meta"].values()),
                              *(anchor.get("text", "") for anchor in fragment["anchors"])])
        texts[str(path.relative_to(site))] = html.unescape(text)
    return texts


def snapshot(site: Path) -> dict[str, bytes]:
    """Every file of a built site and its bytes: two builds are the same when their snapshots are."""
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def project_copy(tmp_path: Path) -> Path:
    """A copy of the project a pull request might produce, to build in isolation."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("mkdocs.yml", "docs", "overrides", "content", "schools"):
        source = PROJECT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, copy / name)
    for package in ("macros", "pipeline", "engines"):
        (copy / package).symlink_to(PROJECT / package)
    return copy


def run_build(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/build.py", *arguments], cwd=PROJECT,
                          capture_output=True, text=True)
