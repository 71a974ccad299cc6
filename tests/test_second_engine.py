"""A second engine builds the same sites: Zensical, from the pipeline's finished pages and a generated config.

Every sample site is built with both engines and compared page by page as a reader sees it
(tests/engine_compare.py): title, article text, headings, links, phase tabs (so the phases kept
and removed), abbreviations, form controls, navigation, search entries, and the article's markup.
Theme chrome around the article may differ and is not compared.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from engines.zensical.build import ZensicalBuildError, build_pages, build_site
from pipeline import DEFAULT_CONTENT, DOCS_DIR, prepare
from pipeline.load.docs import read_docs
from pipeline.render.site import FinishedPage, render_site
from tests.conftest import SAMPLE_SCHOOLS, SITE_URL
from tests.engine_compare import compare_sites

SITES = ["national", *SAMPLE_SCHOOLS]


@pytest.fixture(scope="module")
def zensical_sites(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("zensical")
    sites = {}
    for slug in SITES:
        sites[slug] = out / slug
        result = build_site(sites[slug], None if slug == "national" else slug, site_url=f"{SITE_URL}{slug}/")
        assert result.ok, result.messages
    return sites


@pytest.mark.parametrize("slug", SITES)
def test_every_page_says_the_same_with_both_engines(built, zensical_sites, slug):
    differences = compare_sites(built[slug], zensical_sites[slug])
    assert differences == [], "\n".join(map(str, differences[:20]))


def test_the_comparison_finds_a_difference_in_one_tab(built, zensical_sites, tmp_path):
    """The comparison can fail: one phase label changed on one page is reported, with its page."""
    zensical_site = zensical_sites["oakfield-primary"]
    page = zensical_site / "self-studies" / "providing-high-quality-feedback" / "index.html"
    copy = tmp_path / "zensical"
    shutil.copytree(zensical_site, copy)
    html = re.sub(r'(<label for="__tabbed_1_1">)', r"\1Not ", page.read_text(encoding="utf-8"), count=1)
    (copy / page.relative_to(zensical_site)).write_text(html, encoding="utf-8")
    found = {(d.page, d.aspect) for d in compare_sites(built["oakfield-primary"], copy)}
    assert ("self-studies/providing-high-quality-feedback/", "tabs") in found


def test_a_broken_link_fails_the_zensical_build_and_names_its_page(tmp_path):
    school_programme, _ = prepare(DEFAULT_CONTENT, None)
    site = render_site(school_programme, read_docs(DOCS_DIR))
    glossary = site.page("glossary/index.md")
    broken = FinishedPage(glossary.src, glossary.markdown + "\n[lost](nowhere.md)\n", glossary.kind)
    site = site.__class__(site.name, site.slug, tuple(broken if p.src == glossary.src else p for p in site.pages),
                          site.nav, site.abbreviations)
    (tmp_path / "out").mkdir()
    with pytest.raises(ZensicalBuildError, match=r"glossary/index.md:\d+:\d+"):
        build_pages(site, DOCS_DIR, tmp_path / "out" / "site", None)
    assert not (tmp_path / "out" / "site").exists()


@pytest.mark.parametrize("slug", SITES)
def test_zensical_publishes_the_images_the_pages_show(zensical_sites, slug):
    image = "images/providing-high-quality-feedback-sections.svg"
    assert (zensical_sites[slug] / image).read_bytes() == (DEFAULT_CONTENT / image).read_bytes()
