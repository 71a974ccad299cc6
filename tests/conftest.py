"""Shared fixtures: the sample sites are built once per test run, into a temporary folder."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

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


def _build_sample_sites(out: Path) -> dict[str, Path]:
    sites = {"national": out / "national"}
    result = build_site(sites["national"], site_url=f"{SITE_URL}national/")
    assert result.ok, result.messages
    for slug in SAMPLE_SCHOOLS:
        sites[slug] = out / slug
        result = build_site(sites[slug], slug, site_url=f"{SITE_URL}{slug}/")
        assert result.ok, result.messages
    return sites


def made_once(tmp_path_factory, worker_id: str, name: str, make: Callable[[Path], object]) -> Path:
    """The folder `make` fills, made once per test run: parallel workers (pytest -n) share it, the first to
    ask makes it. For outputs tests only read."""
    if worker_id == "master":  # not under xdist
        out = tmp_path_factory.mktemp(name)
        make(out)
        return out
    shared = tmp_path_factory.getbasetemp().parent  # the run's folder, the same for every worker
    out, finished = shared / name, shared / f"{name}.finished"
    with FileLock(str(shared / f"{name}.lock")):
        if not finished.exists():
            shutil.rmtree(out, ignore_errors=True)  # a worker that failed half-way left this
            make(out)
            finished.touch()
    return out


@pytest.fixture(scope="session")
def built(tmp_path_factory, worker_id) -> dict[str, Path]:
    """The national site and every sample school's site, built as a user would build them."""
    out = made_once(tmp_path_factory, worker_id, "sites", _build_sample_sites)
    return {"national": out / "national", **{slug: out / slug for slug in SAMPLE_SCHOOLS}}


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A private copy of content/ that a test may break."""
    copy = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT, copy)
    return copy


# The files that take a minute or more of a worker's time, slowest first. Two workers each take a whole
# file at a time, in the order collected (pyproject.toml: --dist loadfile --no-loadscope-reorder): started
# first, the longest files are not left to run alone at the end while the other worker waits.
SLOWEST_FILES = (
    "tests/browser/test_no_phase_leaks.py",
    "tests/browser/test_every_page_type.py",
    "tests/test_publishing.py",
    "tests/test_shared_work.py",
    "tests/test_new.py",
    "tests/browser/test_handbook_pdf.py",
    "tests/test_shared_assets_and_publish.py",
    "tests/test_second_engine.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        path = item.nodeid.split("::")[0]
        return SLOWEST_FILES.index(path) if path in SLOWEST_FILES else len(SLOWEST_FILES)
    items.sort(key=rank)  # stable: within a file, and among the rest, the order is as collected
