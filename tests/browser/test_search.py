"""Search in Chromium, over the index each build writes (engines/search.py, docs/assets/ect-search.js).

What readers find for their own words (ECTs, mentors, induction tutors, writers; misspelt; framework codes;
glossary terms), where a result lands (the right phase tab, opened, the words in view and highlighted, the
choice remembered), what the browser fetches and when, and that index text is only ever shown as text.
"""

from __future__ import annotations

import functools
import gzip
import json
from dataclasses import dataclass
from urllib.parse import unquote, urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import site_url
from tests.browser.test_reading import selected_tab
from tests.helpers import page as parsed_page

E5 = "self-studies/developing-your-practice-in-assessment-and-feedback/"
E3 = "self-studies/providing-high-quality-feedback/"
YEAR_2_STUDY = "self-studies/assessment-for-learning-year-2/"


@dataclass(frozen=True)
class Query:
    text: str
    expected: tuple[str, ...]  # any of these in the top three: "path/" a page, "path/#id" a section or entry
    shown: str | None = None   # what the box searched for instead (a correction), if anything


def q(text: str, *expected: str, shown: str | None = None) -> Query:
    return Query(text, expected, shown)


# Written before looking at the results, from what each reader would want; where the programme says the
# same thing in two places (a study and its mentor page), either is right.
QUERIES = [
    # ECTs' words
    q("retrieval practice", "self-studies/memory-and-learning-core/#3-making-learning-last-retrieval-and-spacing"),
    q("questioning", "self-studies/planning-and-delivery-core/#2-questioning-and-classroom-talk",
      "mentor/sessions/module-e-week-2/"),
    q("working memory", "self-studies/memory-and-learning-core/#1-working-memory-and-cognitive-load"),
    q("cognitive load", "self-studies/memory-and-learning-core/#1-working-memory-and-cognitive-load"),
    q("misconceptions", "self-studies/subject-and-curriculum-core/#2-misconceptions-and-mental-models"),
    q("whole-class feedback", f"{E3}#2-whole-class-feedback",
      "mentor-support/providing-high-quality-feedback/#2-whole-class-feedback", "mentor/sessions/module-e-week-4/"),
    q("exit ticket", f"{YEAR_2_STUDY}#2c-planning-formative-assessment"),
    q("routines", "self-studies/behaviour-and-relationships-core/"),
    q("prior knowledge", "self-studies/checking-prior-knowledge-and-understanding/"),
    q("Penhaligon", E3),
    # mentors'
    q("meeting template", "mentor-materials/meeting-template/"),
    q("six-step model", "handbook/mentor-support/#the-six-step-observation-and-feedback-model"),
    q("action steps", "mentor/year-2/refining-and-replacing-action-steps/"),
    q("drop-in", "handbook/mentor-support/#drop-ins"),
    q("feedback model", "mentor/year-2/feedback-model/"),
    q("deliberate practice", "mentor/year-2/feedback-model/",
      "mentor/year-2/cycle-1/#develop-3-insights-from-the-expert"),  # Develop 3 is deliberate practice
    q("expert observation", "mentor/forms/expert-observation/"),
    # induction tutors'
    q("appropriate body", "handbook/roles-and-responsibilities/#the-appropriate-body"),
    q("induction tutor", "handbook/roles-and-responsibilities/#you-the-induction-tutor"),
    q("flexible module sequence", "handbook/flexible-module-sequence/"),
    q("module order", "handbook/flexible-module-sequence/"),
    q("part-time", "handbook/things-to-consider/#part-time-ects"),
    q("funding", "handbook/entitlements/#funding"),
    q("timetable", "handbook/time-commitments/#timetable-limits"),
    q("mentor training", "handbook/mentor-training/"),
    # writers' (the programme's own terms)
    q("framework statements", "framework/"),
    q("glossary", "glossary/"),
    q("intrinsic motivation", "mentor/year-2/cycle-1/#theme-1-developing-pupils-intrinsic-motivation"),
    q("webinars", "handbook/year-1-structure/#expert-webinars", "year-1/#expert-webinars"),
    # misspelt
    q("retreival practise", "self-studies/memory-and-learning-core/#3-making-learning-last-retrieval-and-spacing",
      shown="retrieval practise"),
    q("behavour", "self-studies/behaviour-and-relationships-core/", shown="behaviour"),
    q("misconseptions", "self-studies/subject-and-curriculum-core/#2-misconceptions-and-mental-models",
      shown="misconceptions"),
    q("apropriate body", "handbook/roles-and-responsibilities/#the-appropriate-body", shown="appropriate body"),
    q("mentr training", "handbook/mentor-training/", shown="mentor training"),
    # framework codes: that statement, exactly
    q("8.1", "framework/#statement-8-1"),
    q("6a", "framework/#statement-6-a", shown="6.a"),
    q("7.b", "framework/#statement-7-b"),
    # glossary terms: the entry itself
    q("ECTE", "glossary/#term-ecte"),
    q("ITTECF", "glossary/#term-ittecf"),
    q("lead provider", "glossary/#term-lead-provider", "handbook/other-key-roles/#the-lead-provider"),
    q("hinge question", "mentor/sessions/module-e-week-2/", "glossary/#term-hinge-question"),
]
TYPED = ["retrieval practice", "questioning", "exit ticket", "retreival practise", "8.1", "ECTE", "appropriate body",
         "Penhaligon"]


def where(server: str, slug: str, href: str) -> str:
    """A result's link as 'path/#id' within its site."""
    url = urlparse(href)
    path = unquote(url.path).removeprefix(f"/{slug}/")
    return path + (f"#{url.fragment}" if url.fragment else "")


@functools.cache
def sections(site, path: str) -> dict[str, str]:
    """Every id on a page, with the id of the h2 section it is in (an h2's own id for itself)."""
    article = parsed_page(site, path).select_one("article")
    found, current = {}, ""
    for element in article.find_all(id=True):
        if element.name in ("h1", "h2"):
            current = element["id"]
        found[element["id"]] = current
    return found


def matches(site, target: str, expected: str) -> bool:
    """A result's target is what was expected: the page, the section, or a place inside the section."""
    path, _, anchor = target.partition("#")
    want_path, _, want_anchor = expected.partition("#")
    if path != want_path:
        return False
    return not want_anchor or anchor == want_anchor or sections(site, path).get(anchor) == want_anchor


def results(page, text: str) -> dict:
    """What the search box shows for a query, as data (ect-search.js's ECTSearch: the same code)."""
    return page.evaluate("text => ECTSearch(text)", text)


def top_three(server: str, slug: str, found: dict) -> list[str]:
    return [where(server, slug, section["href"]) for shown in found["pages"][:3] for section in shown["sections"]]


@pytest.fixture(scope="module")
def national(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url(server, "national", E5))
    yield page
    context.close()


@pytest.mark.parametrize("query", QUERIES, ids=[query.text for query in QUERIES])
def test_readers_find_what_they_look_for_in_the_top_three(national, server, built, query):
    found = results(national, query.text)
    targets = top_three(server, "national", found)
    assert any(matches(built["national"], target, expected) for target in targets for expected in query.expected), \
        f"{query.text!r}: {query.expected} not in the top three: {targets}"
    if query.shown:
        assert found["shown"] == query.shown


def test_a_code_finds_that_statement_only(national, server):
    found = results(national, "8.1")  # the index also has "81–112", a page range in a reference
    assert found["count"] == 1 and [p["url"] for p in found["pages"]] == ["/framework/"]
    assert results(national, "6I")["count"] == 0  # no statement 6.i: nothing, not every word starting "6"


def type_query(page, text: str) -> list[str]:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    page.keyboard.type(text, delay=15)
    page.wait_for_function("text => document.querySelector('.md-search-result__list').dataset.query === text", arg=text)
    return page.evaluate("() => [...document.querySelectorAll('.md-search-result__link')].map(a => a.href)")


def test_the_same_queries_typed_into_the_box_show_the_same_results(national, server, built):
    by_text = {query.text: query for query in QUERIES}
    for text in TYPED:
        shown = [where(server, "national", href) for href in type_query(national, text)]
        expected = top_three(server, "national", results(national, text))
        assert shown[:len(expected)] == expected, text
        assert any(matches(built["national"], target, want) for target in expected for want in by_text[text].expected)
    meta = national.locator(".md-search-result__meta").inner_text()
    assert "matching page" in meta


def test_a_misspelling_is_corrected_and_says_so(national):
    type_query(national, "retreival practise")
    assert national.locator(".md-search-result__meta").inner_text().endswith("for \u201cretrieval practise\u201d")


def test_the_index_is_fetched_only_when_the_reader_starts_to_search(server, page):
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(urlparse(request.url).path))
    page.goto(site_url(server, "national", E3))
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 2000)
    page.locator(".tabbed-set").first.locator("label", has_text="Primary").click()
    page.wait_for_timeout(300)
    assert not [path for path in fetched if "/pagefind/" in path]
    with page.expect_request("**/pagefind/wasm.en.pagefind"):
        page.keyboard.press("/")  # the theme's shortcut: the box gets focus, and only now the index starts to load
    page.wait_for_load_state("networkidle")
    started = [path.split("/pagefind/")[1] for path in fetched if "/pagefind/" in path]
    assert "pagefind.js" in started and "wasm.en.pagefind" in started
    assert not [name for name in started if name.startswith(("fragment/", "index/"))], "nothing searched yet"
    page.keyboard.type("Trevaskis", delay=15)
    page.locator(".md-search-result__link").first.wait_for()
    searched = [path.split("/pagefind/")[1] for path in fetched if "/pagefind/" in path]
    assert [name for name in searched if name.startswith("index/")] and \
        len([name for name in searched if name.startswith("fragment/")]) <= 5


def open_result(page, server: str, slug: str, start: str, text: str, phase: str) -> str:
    """Search from `start` and open the first result labelled `phase`; where it lands."""
    page.goto(site_url(server, slug, start))
    type_query(page, text)
    result = page.locator(".md-search-result__link", has=page.locator(".ect-search-phase", has_text=phase)).first
    result.click()
    page.wait_for_load_state("load")
    return where(server, slug, page.url)


def assert_landed(page, phase: str, word: str) -> None:
    """The target's tab is the phase's, chosen and remembered; the word is highlighted, in view."""
    page.wait_for_function("() => !!document.querySelector('mark.ect-found')")
    state = page.evaluate("""() => {
        const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
        const set = target.closest('.tabbed-set');
        const checked = set.querySelector(':scope > input:checked');
        const after = [...document.querySelectorAll('mark.ect-found')].find(m =>
            target.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING || target.contains(m));
        const box = after.getBoundingClientRect();
        const key = Object.keys(localStorage).find(k => k.endsWith('__tabs'));
        return {tab: set.querySelector(`label[for="${checked.id}"]`).innerText.trim(), word: after.textContent,
                shown: after.offsetParent !== null && box.top >= 0 && box.bottom <= innerHeight,
                remembered: JSON.parse(localStorage.getItem(key) || '[]')[0]};
    }""")
    assert state == {"tab": phase, "word": word, "shown": True, "remembered": phase}, state


def test_a_result_in_another_phases_tab_opens_that_tab_on_the_national_site(server, page):
    landed = open_result(page, server, "national", E5, "Trevaskis", "Secondary")  # EYFS is selected at first
    # the study or its mentor support (which shows each situation in full): both have the scenario in tabs
    assert landed.startswith((E3, "mentor-support/providing-high-quality-feedback/")), landed
    assert "#secondary-scenario" in landed
    assert_landed(page, "Secondary", "Trevaskis")
    page.goto(site_url(server, "national", E5))  # remembered, as a reader's own choice is
    assert selected_tab(page) == "Secondary"


def test_a_phase_example_without_a_heading_opens_its_tab(server, page):
    landed = open_result(page, server, "national", "", "exit ticket", "Post-16")
    assert landed.startswith(YEAR_2_STUDY) and landed.endswith("#planning-formative-assessment-across-phases-post-16")
    assert_landed(page, "Post-16", "exit")


def test_a_result_in_another_phases_tab_opens_that_tab_on_a_school_site(server, page, programme):
    post_16 = next(s for s in programme.scenario_sets["assessment-and-feedback-in-six-settings"].scenarios
                   if s.phase == "post-16").teacher.split()[-1]
    landed = open_result(page, server, "northgate-academy", E5, post_16, "Post-16")  # Secondary comes first
    assert "#post-16-scenario" in landed
    assert_landed(page, "Post-16", post_16)


def test_a_link_from_anywhere_into_a_tab_opens_it(server, page):
    # a link on another page (the glossary, the framework index, a bookmark): the target's tab opens
    page.goto(site_url(server, "national", "glossary/"))
    page.goto(site_url(server, "national", f"{E3}#post-16-scenario"))
    assert selected_tab(page) == "Post-16"
    expect(page.locator("#post-16-scenario")).to_be_in_viewport()
    # a link within the page
    page.evaluate("location.hash = '#specialist-alternative-provision-scenario'")
    page.wait_for_function("() => document.querySelector('#specialist-alternative-provision-scenario').offsetParent")
    assert selected_tab(page) == "Specialist – Alternative provision"
    # a glossary entry is a place of its own
    page.goto(site_url(server, "national", "glossary/#term-hinge-question"))
    expect(page.locator("#term-hinge-question")).to_be_in_viewport()


def test_results_are_labelled_with_the_phase_they_belong_to(national, server):
    found = results(national, "Penhaligon")  # a teacher in the EYFS scenarios only
    assert found["pages"] and all(s["phase"] == "EYFS" for p in found["pages"] for s in p["sections"])
    found = results(national, "appropriate body")  # not phase-specific
    assert all(s["phase"] is None for p in found["pages"] for s in p["sections"])
    type_query(national, "Penhaligon")
    labels = national.locator(".md-search-result__link .ect-search-phase").all_inner_texts()
    assert labels and set(labels) == {"EYFS"}


def test_the_readers_own_phase_comes_first(server, page):
    page.goto(site_url(server, "national", E3))
    page.locator(".tabbed-set").first.locator("label", has_text="Post-16").click()
    found = results(page, "scenario teaches")
    phases = [s["phase"] for s in found["pages"][0]["sections"] if s["phase"]]
    assert phases and phases[0] == "Post-16", phases


def test_more_results_are_shown_when_asked(national):
    type_query(national, "feedback")
    pages = national.locator(".md-search-result__item:has(.md-search-result__link)")
    first = pages.count()
    national.locator(".ect-search-more").click()
    national.wait_for_function("n => document.querySelectorAll('.md-search-result__item a h1').length > n", arg=first)
    assert pages.count() > first and national.evaluate("document.activeElement.closest('.md-search-result__item')")


def test_the_keyboard_moves_through_results_and_escape_closes(national):
    type_query(national, "feedback model")
    national.keyboard.press("ArrowDown")
    assert national.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    national.keyboard.press("ArrowUp")
    assert national.evaluate("document.activeElement.classList.contains('md-search__input')")
    national.keyboard.press("Escape")
    assert not national.locator("#__search").is_checked()


def test_index_text_is_shown_as_text_never_as_markup(server, page):
    """Search keeps a page's text as typed (a school's text too); the box writes it as text, never as HTML."""
    def fragment(route):
        response = route.fetch()
        data = json.loads(gzip.decompress(response.body()).removeprefix(b"pagefind_dcd"))
        trap = "<img src=x onerror=window.__ran=1> Trevaskis <b>bold</b>"
        # in the text, around the word found, each a word of its own: a hit is a word's position
        words = data["content"].split(" ")
        for n, word in enumerate(words[1:-1], 1):
            if word.startswith("Trevaskis"):
                words[n - 1], words[n + 1] = "<img/src/onerror=window.__ran=1>", "<b>bold</b>"
        data["content"] = " ".join(words)
        data["meta"]["title"] = trap
        for anchor in data["anchors"]:
            anchor["text"] = trap
        body = gzip.compress(b"pagefind_dcd" + json.dumps(data).encode("utf-8"))
        route.fulfill(response=response, body=body)

    page.route("**/pagefind/fragment/*", fragment)
    page.goto(site_url(server, "national", ""))
    type_query(page, "Trevaskis")
    shown = page.locator(".md-search-result__list").inner_text()
    assert "<img src=x onerror=window.__ran=1>" in shown and "<b>bold</b>" in shown
    assert "<img/src/onerror=window.__ran=1> Trevaskis <b>bold</b>" in shown  # an excerpt
    assert page.evaluate("window.__ran") is None
    assert page.locator(".md-search-result__list img, .md-search-result__list b").count() == 0
