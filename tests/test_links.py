"""Links to other pages' headings: check.py knows every page's heading ids before anything is built, the
same ids the engine gives, so a link that would fail a school's build is a check error at its line."""

from __future__ import annotations

import pytest

from engines.mkdocs.build import build_site
from pipeline import DOCS_DIR, SCHOOLS_DIR, check_programme, check_school
from pipeline.contextualise import contextualise
from pipeline.load.docs import read_docs
from pipeline.render.anchors import anchors
from pipeline.render.site import render_site
from tests.conftest import SAMPLE_SCHOOLS
from tests.helpers import page
from tests.test_validation import mutate

CHAPTER = "handbook/year-1-structure.md"
LINK = "appendices.md#modules-and-their-electives"


def url_of(src: str) -> str:
    return src.removesuffix("index.md") if src.endswith("index.md") else src.removesuffix(".md") + "/"


@pytest.mark.parametrize("slug", ["national", *SAMPLE_SCHOOLS])
def test_heading_ids_read_from_markdown_are_the_ids_the_built_pages_have(built, programme, slug):
    school = None if slug == "national" else check_school(SCHOOLS_DIR / slug / "school.yml", programme)[0]
    site = render_site(contextualise(programme, school), read_docs(DOCS_DIR))
    for finished in site.pages:
        body = page(built[slug], url_of(finished.src)).select_one("article")
        headings = [h["id"] for h in body.select("h1, h2, h3, h4, h5, h6") if h.get("id")]
        every_id = {element["id"] for element in body.select("[id]")}
        found = anchors(finished.markdown)
        assert [a for a in found if a in headings] == headings, finished.src  # each heading, in order
        assert set(found) <= every_id, (finished.src, set(found) - every_id)


def problems_of(content) -> list[str]:
    _, found = check_programme(content)
    return [str(problem) for problem in found if problem.severity == "error"]


def test_a_link_to_a_heading_that_is_gone_is_a_check_error_and_would_fail_the_build(content_copy, tmp_path):
    line = mutate(content_copy, CHAPTER, LINK, "appendices.md#electives")
    errors = problems_of(content_copy)
    assert errors == [f"{content_copy}/{CHAPTER}:{line}: body: the link 'appendices.md#electives' goes to a heading "
                      "that handbook/appendices.md does not have — use one of: #appendices, "
                      "#modules-and-their-electives, #year-2-focus-areas, #key-terms"]
    result = build_site(tmp_path / "site", content_dir=content_copy)  # the build refuses with the same message
    assert not result.ok and any("appendices.md#electives" in message for message in result.messages)


def test_a_link_to_a_heading_only_some_schools_have_is_a_check_error(built, content_copy):
    study = "self-studies/providing-high-quality-feedback"
    # the heading is there on the national site, and not on the site of a school without primary pupils
    assert page(built["national"], f"{study}/").select_one("#primary-scenario")
    assert not page(built["northgate-academy"], f"{study}/").select_one("#primary-scenario")
    line = mutate(content_copy, CHAPTER, LINK, f"../{study}.md#primary-scenario")
    errors = problems_of(content_copy)
    assert len(errors) == 1 and errors[0].startswith(f"{content_copy}/{CHAPTER}:{line}: body: the link")
    assert "(only the national site and schools with Primary)" in errors[0]


def test_links_to_pages_and_headings_that_exist_pass(content_copy):
    mutate(content_copy, CHAPTER, LINK, "../mentor/year-2/cycle-1.md#planner")
    mutate(content_copy, "handbook/welcome.md", "## Why this handbook is here",
           "## Why this handbook is here\n\nSee [the glossary](../glossary/index.md), [the home page](../index.md)"
           " and [who to contact](#who-to-contact).")
    assert problems_of(content_copy) == []
