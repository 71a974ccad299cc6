"""The national site's "Set up your school" page, used as an induction tutor would use it: a new school
from nothing, and a sample school's own file opened and changed. What the page produces must pass
check.py and build, and the page must check with check.py's own rules and messages."""

from __future__ import annotations

import functools
import http.server
import random
import shutil
import subprocess
import sys
import threading
import urllib.parse
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from engines.mkdocs.build import build_site
from pipeline import DEFAULT_CONTENT, SCHOOLS_DIR, check_programme
from pipeline.sequence import module_order_problems
from tests.browser.conftest import _QuietHandler
from tests.conftest import PROJECT
from tests.helpers import article
from tests.helpers import page as built_page

REPOSITORY = "https://github.com/example-trust/ect-sites"
FEEDBACK = "providing-high-quality-feedback"
E5 = "developing-your-practice-in-assessment-and-feedback"
TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    """The sample content, with the repository the set-up page proposes to."""
    copy = tmp_path_factory.mktemp("setup-content") / "content"
    shutil.copytree(DEFAULT_CONTENT, copy)
    programme = copy / "programme.yml"
    programme.write_text(programme.read_text() + f"source_repository: {REPOSITORY}\n")
    return copy


@pytest.fixture(scope="module")
def setup_url(content, tmp_path_factory):
    out = tmp_path_factory.mktemp("setup-site") / "site"
    result = build_site(out, None, content)
    assert result.ok, result.messages
    handler = functools.partial(_QuietHandler, directory=str(out))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/set-up/"
    httpd.shutdown()


@pytest.fixture
def tutor(page, setup_url):
    """The set-up page, opened; then the network goes: the page needs nothing more. Every request, and
    anything the page's policy refused, is recorded."""
    requests: list[str] = []
    refused: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda error: refused.append(f"script error: {error}"))
    page.goto(setup_url)
    page.locator("#ect-setup-status").wait_for()
    page.context.set_offline(True)
    loaded = len(requests)
    yield page
    assert refused == []
    assert [url for url in requests[loaded:] if not url.startswith("blob:")] == []  # nothing sent after loading


def slot(page, page_id: str, slot_id: str):
    return page.locator(f'textarea[data-pointer="#/examples/{page_id}/{slot_id}"]')


def open_page(page, title: str) -> None:
    page.locator("summary", has_text=title).click()


def open_file(page, path: Path) -> None:
    """Open a school.yml as a tutor would, and wait until the form has read it (files are read in the background)."""
    page.get_by_label("Open school.yml").set_input_files(path)
    page.get_by_role("status").filter(has_text="Opened school.yml").wait_for()


def download(page, folder: Path) -> Path:
    with page.expect_download() as waiting:
        page.get_by_role("button", name="Download school.yml").click()
    assert waiting.value.suggested_filename == "school.yml"
    folder.mkdir(parents=True, exist_ok=True)
    waiting.value.save_as(folder / "school.yml")
    return folder / "school.yml"


def test_a_tutor_sets_up_a_new_school_and_it_builds(tutor, content, tmp_path, programme):
    page = tutor
    page.get_by_label("Your school's name").fill('St Anne\'s: "Upper" School')
    assert page.get_by_label("Your school's folder").input_value() == "st-annes-upper-school"
    page.get_by_label("EYFS").check()
    page.get_by_label("Primary", exact=True).check()

    # an order that breaks a rule: the message is check.py's own
    page.get_by_label("Autumn 1").select_option(label="Module 3: Planning and Delivery")
    order = [page.get_by_label(term).input_value() for term in programme_half_terms()]
    assert order == ["C", "B", "A", "D", "E", "F"]  # C moved up, A took its place
    expected = [f"{message} — {hint}" for _, message, hint in module_order_problems(order, programme)]
    assert expected == ["'Behaviour and Relationships' (A) must come first — move A to the start; "
                        "'Planning and Delivery' (C) is first now"]
    assert page.locator("#ect-setup-order-problems li").all_inner_texts() == expected
    assert page.get_by_label("Autumn 1").get_attribute("aria-invalid") == "true"
    assert "1 problem to fix" in page.locator("#ect-setup-status").inner_text()
    # the fix
    page.get_by_label("Autumn 1").select_option("A")
    page.get_by_label("Spring 1").select_option("E")
    assert page.locator("#ect-setup-order-problems li").count() == 0

    page.get_by_role("button", name="Add to contacts").click()
    page.get_by_label("Role").fill("Induction tutor")
    page.get_by_label("Name", exact=True).fill("Mrs K. Adeyemi")
    # the planning the school file has: when the ECT starts, the day of mentor meetings
    page.get_by_label("School year", exact=True).fill("2027-28")
    page.get_by_label("Meeting day (optional)").select_option("Thursday")

    # two examples, one with who wrote it and when; a tag typed in stays text
    open_page(page, "Providing high-quality feedback")
    slot(page, FEEDBACK, "feedback-examples").fill(
        "In Year 3, Mr Hale marks with <img src=x onerror=\"window.hacked=1\"> one question: what to fix next.\n\n"
        "Pupils fix it in the first ten minutes. (Ingredients: specific, actionable.)")
    open_page(page, "Developing your practice in relation to assessment and feedback")
    box = page.locator("section.ect-setup__slot", has=slot(page, E5, "checking-understanding-examples"))
    slot(page, E5, "checking-understanding-examples").fill("Mini whiteboards up at once, then a decision.")
    box.get_by_label("Author (optional)").fill("Mrs K. Adeyemi, induction tutor")
    box.get_by_label("Date (optional)").fill("2026-10-05")
    assert page.evaluate("window.hacked") is None
    assert page.locator("#ect-setup img").count() == 0
    assert page.locator("#ect-setup-status").inner_text() == "No problems: your school.yml is ready."

    school_file = download(page, tmp_path / "schools" / "st-annes-upper-school")
    text = school_file.read_text()
    link = page.locator("#ect-setup-propose").get_attribute("href")
    address, query = link.split("?", 1)
    assert address == f"{REPOSITORY}/new/main"
    assert urllib.parse.parse_qs(query) == {"filename": ["schools/st-annes-upper-school/school.yml"], "value": [text]}

    check = subprocess.run([sys.executable, "scripts/check.py", "--content", str(content), "--school",
                            str(school_file)], cwd=PROJECT, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + text
    result = build_site(tmp_path / "out", str(school_file), content)
    assert result.ok, result.messages
    site = tmp_path / "out"
    assert built_page(site, "").select_one(".md-header__topic").get_text(strip=True) == 'St Anne\'s: "Upper" School'
    feedback = article(built_page(site, f"self-studies/{FEEDBACK}/")).get_text(" ", strip=True)
    assert "Pupils fix it in the first ten minutes." in feedback
    assert not article(built_page(site, f"self-studies/{FEEDBACK}/")).select("img[onerror]")
    e5 = article(built_page(site, f"self-studies/{E5}/")).get_text(" ", strip=True)
    assert "Mini whiteboards up at once, then a decision." in e5 and "Mrs K. Adeyemi, induction tutor" in e5
    schedule = article(built_page(site, "schedule/")).get_text(" ", strip=True)
    assert "2027-28" in schedule and "Thursday" in schedule
    nav = [a.get_text(strip=True) for a in built_page(site, "").select(".md-nav__link")]
    assert any("Autumn 2 · Module 2:" in t for t in nav) and any("Spring 1 · Module 5:" in t for t in nav)


def programme_half_terms() -> list[str]:
    return ["Autumn 1", "Autumn 2", "Spring 1", "Spring 2", "Summer 1", "Summer 2"]


def test_a_school_opens_its_file_changes_its_order_and_gets_the_right_file(tutor, content, tmp_path):
    page = tutor
    original = SCHOOLS_DIR / "oakfield-primary" / "school.yml"
    open_file(page, original)
    assert page.get_by_label("Your school's name").input_value() == "Oakfield Primary School"
    assert page.get_by_label("EYFS").is_checked() and not page.get_by_label("Secondary").is_checked()
    assert [page.get_by_label(t).input_value() for t in programme_half_terms()] == ["A", "C", "B", "E", "D", "F"]
    # its term dates are shown, and can be changed, like every other field the file has
    assert page.get_by_label("Timetable hours").input_value() == "23.5"
    assert "Kept in examples/feedback-in-year-3.md" in page.locator(".ect-setup__slot", has=slot(
        page, FEEDBACK, "feedback-examples")).inner_text()

    assert "Folder: is missing" in page.locator("#ect-setup-problems").inner_text()  # the file does not say
    page.get_by_label("Your school's folder").fill("oakfield-primary")
    page.get_by_label("Spring 1").select_option("D")  # D and B change places
    folder = tmp_path / "oakfield-primary"
    shutil.copytree(original.parent, folder)
    changed = download(page, folder)
    # written as the file writes it (numbers), everything else exactly as it was, comments too
    assert changed.read_text() == original.read_text().replace("module_order: [1, 3, 2, 5, 4, 6]",
                                                               "module_order: [1, 3, 4, 5, 2, 6]")
    edit = page.locator("#ect-setup-propose").get_attribute("href")
    assert edit == f"{REPOSITORY}/edit/main/schools/oakfield-primary/school.yml"
    check = subprocess.run([sys.executable, "scripts/check.py", "--content", str(content), "--school",
                            str(changed)], cwd=PROJECT, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


def test_the_page_checks_an_order_with_check_pys_rules_and_messages(tutor):
    programme, _ = check_programme(DEFAULT_CONTENT)
    words = ["A", "B", "C", "D", "E", "F", "a", "e", "Behaviour and Relationships", "adaptive practice", "G", "",
             1, 3, 6, 7, "4", "module 2", "Module 5: Assessment for Learning"]
    chance = random.Random(17)
    orders = [[chance.choice(words) for _ in range(chance.choice([5, 6, 6, 6, 7]))] for _ in range(3000)]
    orders += [list("ABCDEF"), list("BACDEF"), list("AABCDE"), []]
    in_the_browser = tutor.evaluate("orders => orders.map(o => window.ectSetupRules.orderProblems(o))", orders)
    in_python = [[list(problem) for problem in module_order_problems(order, programme)] for order in orders]
    assert in_the_browser == in_python


def test_the_page_passes_axe_with_problems_shown_and_a_file_open(tutor):
    page = tutor
    axe = Axe()

    def violations() -> list[str]:
        # what a reader sees once the header has finished fading its title in (not a frame half-way)
        page.evaluate("Promise.all(document.getAnimations().map(animation => animation.finished))")
        found = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}}).response["violations"]
        return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in found]

    assert violations() == []
    page.get_by_label("Autumn 1").select_option("F")
    page.get_by_role("button", name="Add to checklist").click()
    assert violations() == []
    open_file(page, SCHOOLS_DIR / "oakfield-primary" / "school.yml")
    open_page(page, "Providing high-quality feedback")
    assert violations() == []
