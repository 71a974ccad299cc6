"""Shared fixtures: the sample sites are built once per test run, into a temporary folder."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from engines.mkdocs.build import build_site  # noqa: E402
from pipeline import DEFAULT_CONTENT, SCHOOLS_DIR, check_programme  # noqa: E402

# Where the test sites pretend to be published; each is served from its own sub-path.
SITE_URL = "https://ect.example.org/"
SAMPLE_SCHOOLS = sorted(path.parent.name for path in SCHOOLS_DIR.glob("*/school.yml"))


@pytest.fixture(scope="session")
def programme():
    loaded, problems = check_programme(DEFAULT_CONTENT)
    assert loaded is not None, "\n".join(map(str, problems))
    return loaded


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    """The national site and every sample school's site, built as a user would build them."""
    out = tmp_path_factory.mktemp("sites")
    sites = {"national": out / "national"}
    result = build_site(sites["national"], site_url=f"{SITE_URL}national/")
    assert result.ok, result.messages
    for slug in SAMPLE_SCHOOLS:
        sites[slug] = out / slug
        result = build_site(sites[slug], slug, site_url=f"{SITE_URL}{slug}/")
        assert result.ok, result.messages
    return sites


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A private copy of content/ that a test may break."""
    copy = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT, copy)
    return copy
