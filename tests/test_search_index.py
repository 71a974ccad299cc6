"""The search index each build writes (engines/search.py), read as the search box reads it.

What readers find and where they land is tests/browser/test_search.py's; here, what is in the index at all:
the programme's text, never the interface's; entries and statements as places of their own; nothing a
browser would not use; and the offline bundle's copy of Pagefind's loader.
"""

from __future__ import annotations

import base64
import json

import pytest

from engines import search
from tests.conftest import SAMPLE_SCHOOLS
from tests.helpers import article, page, search_pages

E5 = "self-studies/developing-your-practice-in-assessment-and-feedback/"
# Interface text: what a reader operates, on the pages (so this test can fail), never in what search finds.
INTERFACE = ["Mark this section as done", "Mark the whole study as done", "Your progress",
             "kept only in this browser", "Download for Word", "Print my reflections", "Your reflection",
             "Choose the scenario for your phase", "Your choice is remembered", "This study Minutes", "Not started",
             "Link to this section", "¶", "Find today among the half terms"]


@pytest.mark.parametrize("slug", ["national", *SAMPLE_SCHOOLS])
def test_interface_text_is_never_indexed(built, slug):
    shown = " ".join(article(page(built[slug], path)).get_text(" ", strip=True)
                     for path in (E5, "year-1/e-assessment-for-learning/", "mentor-materials/meeting-template/",
                                  "progress/"))
    indexed = {url: p["content"] + " " + " ".join(a.get("text", "") for a in p["anchors"])
               for url, p in search_pages(built[slug]).items() if url != "/progress/"}
    # the progress page is named "Your progress" and lists the studies: found by the name, not the controls
    progress = search_pages(built[slug])["/progress/"]["content"]
    assert progress.startswith("Your progress.") and "Not started" not in progress
    for text in INTERFACE:
        if text not in ("This study Minutes", "¶", "Link to this section"):
            assert text in shown, f"{text!r} is not on the pages any more: update this test"
        assert not [url for url, words in indexed.items() if text in words], text


def test_what_is_indexed_is_the_programme(built):
    pages = search_pages(built["national"])
    study = pages[f"/{E5}"]
    assert study["meta"]["title"] == "Developing your practice in relation to assessment and feedback"
    assert "Kowalczyk" in study["content"]  # a scenario, in its tab
    assert "About 45 minutes" in study["content"]  # the study's length, in its header, is the programme's
    assert "/404.html" not in pages, "the theme's not-found page says nothing a reader searches for"
    built_pages = {f"/{p.relative_to(built['national']).parent.as_posix()}/".replace("/./", "/")
                   for p in built["national"].rglob("index.html")}
    assert set(pages) == built_pages - {"/pagefind/"}


def test_glossary_entries_and_framework_statements_are_places_of_their_own(built, programme):
    pages = search_pages(built["national"])
    entries = {a["id"]: a["text"] for a in pages["/glossary/"]["anchors"] if a["element"] == "dt"}
    assert len(entries) == len(programme.glossary)
    assert entries["term-hinge-question"] == "Hinge question" and entries["term-ab"] == "AB: Appropriate body"
    statements = {a["id"] for a in pages["/framework/"]["anchors"] if a["id"].startswith("statement-")}
    assert {"statement-8-1", "statement-6-a"} <= statements
    glossary = article(page(built["national"], "glossary/"))
    assert glossary.select_one("dt#term-hinge-question")["data-pagefind-weight"] == "6"  # weighted as a heading


def test_a_phase_tab_opens_with_a_place_a_result_can_name(built):
    """Every block of phase tabs starts with an id: its scenario's heading, or its phase's label."""
    for slug in ("national", "northgate-academy"):
        for path in (E5, "self-studies/assessment-for-learning-year-2/"):
            for block in article(page(built[slug], path)).select(".tabbed-block"):
                first = block.find(True)
                assert first.get("id"), f"{slug}/{path}: a tab opens with {str(first)[:80]}"


def test_the_bundle_holds_only_what_the_browser_uses(built):
    bundle = built["oakfield-primary"] / "pagefind"
    names = sorted(p.name for p in bundle.iterdir())
    assert names[:3] == ["fragment", "index", "pagefind-entry.json"] and names[-3:] == [
        "pagefind.js", "wasm.en.pagefind", "words"]
    assert not list(bundle.glob("pagefind-ui*")) and not (bundle / "offline").exists()
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    assert entry["version"] == search.VERSION and list(entry["languages"]) == ["en"]


def test_word_lists_hold_the_indexed_words_for_spelling(built):
    bundle = built["oakfield-primary"] / "pagefind"
    words = json.loads((bundle / "words" / "fe.json").read_text(encoding="utf-8"))
    assert words["feedback"] > 50 and all(w.startswith("fe") and len(w) >= 4 for w in words)


def test_the_offline_copy_of_pagefinds_loader_is_a_classic_script():
    module = ("const a=import.meta.url;function init(){return fetch(a)}function search(){}"
              "export{init,search};")
    script = search._classic_script(module)
    assert "import.meta" not in script and "export" not in script
    assert "window.ECTPagefind={init,search}" in script and "window.ECTOfflineFetch(input)" in script


@pytest.mark.parametrize("changed", ["const a=1;export{init};",                    # no import.meta.url
                                     "const a=import.meta.url;export default a;"])  # no named exports
def test_a_pagefind_whose_loader_changed_fails_the_offline_build_with_what_to_do(changed):
    with pytest.raises(search.SearchIndexError, match="pin pagefind-bin"):
        search._classic_script(changed)


def test_a_failing_indexer_fails_the_build_and_says_so(tmp_path, monkeypatch):
    from engines.mkdocs.build import build_site

    monkeypatch.setattr(search, "executable", lambda: tmp_path / "no-such-pagefind")
    result = build_site(tmp_path / "out" / "national")
    assert not result.ok and not (tmp_path / "out" / "national").exists()
    assert any("Pagefind could not index" in message or "no-such-pagefind" in message for message in result.messages)


def test_the_offline_bundle_holds_the_index_as_scripts_only(tmp_path):
    """From file:// a browser reads scripts, not data files: each file's bytes in a script, nothing else."""
    for name, words in (("index.html", "retrieval practice"), ("other/index.html", "hinge questions")):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f'<html lang="en"><body><article class="md-content__inner"><h1 id="t">{words}'
                                     "</h1><p>Words to find.</p></article></body></html>", encoding="utf-8")
    search.index_site(tmp_path, offline=True)
    bundle = tmp_path / "pagefind"
    assert [p.name for p in bundle.iterdir()] == ["offline"]
    scripts = {p.relative_to(bundle / "offline").as_posix(): p.read_text() for p in (bundle / "offline").rglob("*.js")}
    assert "pagefind.classic.js" in scripts and "pagefind-entry.json.js" in scripts
    assert any(name.startswith("fragment/") for name in scripts) and "words/wo.json.js" in scripts
    key, _, payload = scripts["words/wo.json.js"].partition("]=")
    assert key == 'window.__ectFiles["words/wo.json"' and json.loads(
        base64.b64decode(json.loads(payload.rstrip(";\n")))) == {"words": 2}
