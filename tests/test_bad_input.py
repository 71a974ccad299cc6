"""A corpus of bad input: what writers, school staff and attackers might feed the commands.

Each case is one source file broken in one way. For a source the commands must refuse, both
`check.py` and `build.py` exit 1 with a message that names the file and line, print no
traceback, and leave the previously published site byte for byte as it was. For school text
that may be published (Markdown written by school staff), the site builds and no payload
survives as live markup in any built file: pages, search index, sitemap.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from engines.mkdocs.build import build_site
from tests.conftest import PROJECT
from tests.helpers import snapshot

STUDY = "self-studies/providing-high-quality-feedback.md"
SCENARIOS = "scenarios/feedback-in-six-settings.yml"
INGREDIENTS = "ingredients/feedback-that-moves-learning-on.yml"
SLUG = "oakfield-primary"


def _script(name: str) -> Callable[[list[str]], int]:
    spec = importlib.util.spec_from_file_location(f"{name}_command", PROJECT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main


check_command, build_command = _script("check"), _script("build")


def run(command: Callable[[list[str]], int], *arguments: str) -> tuple[int, str]:
    """Run a command in this process; its exit code and everything it printed."""
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        code = command(list(arguments))
    return code, output.getvalue()


# ---- editing a source ------------------------------------------------------------------------

def replace(relative: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {relative}: the corpus needs updating"
        path.write_text(text.replace(old, new, count), encoding="utf-8")
    return edit


def append(relative: str, text: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        with (root / relative).open("a", encoding="utf-8") as file:
            file.write(text)
    return edit


def write_bytes(relative: str, make: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(make(path.read_bytes() if path.is_file() else b""))
    return edit


def alias_bomb() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Refused:
    """A source the commands must refuse: where the message points, and what it says."""

    name: str
    where: str  # "content" or "school"
    edit: Callable[[Path], None]
    points_at: str  # the file:line the message must name (relative to the edited folder)
    says: str  # a piece of the message


CONTENT_CASES = [
    # -- encodings and file shapes
    Refused("latin-1 byte in a self-study", "content",
            write_bytes(STUDY, lambda b: b.replace(b"feedback", b"feedb\xe4ck", 1)), STUDY + ":", "not UTF-8"),
    Refused("latin-1 byte in YAML", "content",
            write_bytes(SCENARIOS, lambda b: b.replace(b"title:", b"title: caf\xe9 ", 1)),
            SCENARIOS + ":1", "not UTF-8"),
    Refused("UTF-16 file", "content", write_bytes(
        "glossary.yml", lambda b: b.decode("utf-8").encode("utf-16")), "glossary.yml:1", "not UTF-8"),
    Refused("binary garbage", "content", write_bytes(INGREDIENTS, lambda b: bytes(range(256)) * 4),
            INGREDIENTS + ":", "not UTF-8"),
    Refused("NUL characters in YAML", "content",
            write_bytes(INGREDIENTS, lambda b: b.replace(b"title:", b"ti\0tle:", 1)),
            INGREDIENTS + ":", "not valid YAML"),
    Refused("a file far too large", "content", write_bytes(STUDY, lambda b: b + b"word " * 500_000),
            STUDY + ":1", "more than the"),
    Refused("an empty YAML file", "content", write_bytes(INGREDIENTS, lambda b: b""), INGREDIENTS + ":1", "empty"),
    Refused("a folder where a file should be", "content",
            lambda root: (root / "self-studies" / "not-a-file.md").mkdir(), "self-studies/not-a-file.md",
            "folder, not a file"),
    Refused("a file name that is not an id", "content",
            write_bytes("ingredients/Bad Name.yml", lambda b: b"title: x\n"),
            "ingredients/Bad Name.yml", "not a valid id"),
    # -- YAML that would exhaust the machine
    Refused("YAML alias bomb", "content", append("glossary.yml", alias_bomb()), "glossary.yml:", "aliases"),
    Refused("YAML alias in front matter", "content", replace(STUDY, "year: 1", "year: &y 1\nmodule_again: *y"),
            STUDY + ":", "aliases"),
    Refused("YAML brackets nested 5,000 deep", "content",
            append(INGREDIENTS, "deep: " + "[" * 5000 + "]" * 5000 + "\n"), INGREDIENTS + ":", "nested"),
    Refused("YAML blocks nested 100 deep", "content", append(
        INGREDIENTS, "deep:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(100)) + "  " * 101 + "end\n"),
        INGREDIENTS + ":", "nested"),
    # -- YAML mistakes
    Refused("tab indentation", "content", replace(SCENARIOS, "\n  - phase:", "\n\t- phase:"), SCENARIOS + ":", "YAML"),
    Refused("a key written twice", "content", replace(INGREDIENTS, "title:", "title: One\ntitle:"),
            INGREDIENTS + ":", "appears twice"),
    Refused("an unclosed quote", "content", replace(INGREDIENTS, "title:", 'title: "never closed\nother:'),
            INGREDIENTS + ":", "YAML"),
    Refused("an unknown key", "content", replace(INGREDIENTS, "title:", "colour: red\ntitle:"),
            INGREDIENTS + ":", "not a known key"),
    Refused("a number that is words", "content", replace(STUDY, "minutes: 45", "minutes: forty-five"),
            STUDY + ":", "whole number"),
    Refused("a reference to nothing", "content",
            replace(STUDY, "scenario_set: feedback-in-six-settings", "scenario_set: no-such-set"),
            STUDY + ":", "no scenario set 'no-such-set'"),
    Refused("front matter missing", "content", write_bytes(STUDY, lambda b: b.split(b"\n---\n", 1)[1]),
            STUDY + ":1", "front matter is missing"),
    Refused("front matter that is a list", "content", replace(STUDY, "---\n", "---\n- one\n- two\n---\n"),
            STUDY + ":", "block of keys"),
    # -- writers' raw HTML
    Refused("<script> in a body", "content", append(STUDY, "\n<script>alert('xss')</script>\n"), STUDY + ":",
            "<script> is not allowed"),
    Refused("event handler in a body", "content", append(STUDY, '\n<img src="x.png" alt="x" onerror="alert(1)">\n'),
            STUDY + ":", "'onerror'"),
    Refused("javascript: Markdown link in a body", "content", append(STUDY, "\n[Click](javascript:alert(1))\n"),
            STUDY + ":", "javascript:"),
    Refused("obfuscated javascript: href in a body", "content",
            append(STUDY, '\n<a href="jav&#x09;ascript:alert(1)">x</a>\n'), STUDY + ":", "scheme"),
    Refused("attribute list with onclick in a body", "content",
            append(STUDY, "\nA paragraph.\n{: onclick=\"alert(1)\" }\n"),
            STUDY + ":", "'onclick'"),
    Refused("<iframe> in YAML text", "content",
            replace(SCENARIOS, "situation: |", "situation: |\n      <iframe src=\"https://evil.example\"></iframe>"),
            SCENARIOS + ":", "<iframe> is not allowed"),
    Refused("data: link in YAML text", "content",
            replace(SCENARIOS, "situation: |", "situation: |\n      [see](data:text/html,<script>alert(1)</script>)"),
            SCENARIOS + ":", "data:"),
    Refused("<svg onload> in an ingredient", "content", replace(INGREDIENTS, "description: ",
            "description: <svg onload=alert(1)></svg> ", 1), INGREDIENTS + ":", "<svg> is not allowed"),
    Refused("attribute list in YAML text", "content",
            replace(SCENARIOS, "situation: |", "situation: |\n      Text {: onmouseover=\"alert(1)\" }"),
            SCENARIOS + ":", "'onmouseover'"),
    # -- templates
    Refused("a huge value from a summary", "content", replace(STUDY, "summary: ", "summary: >-\n  {{ 'a'*10**9 }}\n  "),
            STUDY + ":", "only a plain macro call"),
    Refused("Python internals from a YAML field", "content", replace(
        SCENARIOS, "situation: |", "situation: |\n      {{ cycler.__init__.__globals__.os.popen('touch MARKER') }}"),
        SCENARIOS + ":", "only a plain macro call"),
    Refused("a macro in a YAML field", "content", replace(SCENARIOS, "situation: |",
            "situation: |\n      {{ example_slot(\"x\") }}"), SCENARIOS + ":", "not a known macro"),
    Refused("include in a body", "content", append(STUDY, "\n{% include '/etc/passwd' %}\n"), STUDY + ":",
            "not allowed in content"),
    Refused("3,000 nested parentheses", "content", append(STUDY, "\n{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}\n"),
            STUDY + ":", "nested too deeply"),
    Refused("a macro's globals", "content", append(STUDY, "\n{{ section.__globals__ }}\n"), STUDY + ":",
            "only a plain macro call"),
    Refused("an unknown macro", "content", append(STUDY, '\n{{ shell("ls") }}\n'), STUDY + ":", "not a known macro"),
    Refused("an unclosed {{", "content", append(STUDY, "\n{{ section(\"x\")\n"), STUDY + ":", "never closed"),
    Refused("a method on a value", "content", append(STUDY, "\n{{ school_name.ljust(1000000000) }}\n"), STUDY + ":",
            "only a plain macro call"),
    Refused("a power tower", "content", append(STUDY, "\n{{ 10**10**10 }}\n"), STUDY + ":", "only a plain macro call"),
]


def school_edit(change: Callable[[str], str]) -> Callable[[Path], None]:
    def edit(school: Path) -> None:
        path = school / "school.yml"
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return edit


SCHOOL_CASES = [
    Refused("latin-1 byte in school.yml", "school",
            write_bytes("school.yml", lambda b: b.replace(b"Oakfield", b"Oakf\xefeld", 1)), "school.yml:", "not UTF-8"),
    Refused("alias bomb in school.yml", "school", append("school.yml", alias_bomb()), "school.yml:", "aliases"),
    Refused("latin-1 byte in an example file", "school",
            write_bytes("examples/feedback-in-year-3.md", lambda b: b + b"\ncaf\xe9\n"),
            "examples/feedback-in-year-3.md:", "not UTF-8"),
    Refused("an example file outside the school's folder", "school",
            school_edit(lambda t: t.replace("examples/feedback-in-year-3.md", "../../content/README.md")),
            "school.yml:", "does not exist in the school's folder"),
    Refused("an example file that is missing", "school",
            school_edit(lambda t: t.replace("examples/feedback-in-year-3.md", "examples/nothing.md")),
            "school.yml:", "does not exist"),
    Refused("an example file far too large", "school",
            write_bytes("examples/feedback-in-year-3.md", lambda b: b + b"word " * 500_000),
            "examples/feedback-in-year-3.md:1", "more than the"),
    Refused("an unknown phase", "school", school_edit(lambda t: t.replace("[eyfs, primary]", "[eyfs, nursery]")),
            "school.yml:", "'nursery' is not a phase"),
    Refused("module B first", "school", school_edit(lambda t: t.replace("[1, 3, 2, 5, 4, 6]", "[2, 1, 3, 5, 4, 6]")),
            "school.yml:", "must come first"),
    Refused("a module twice", "school", school_edit(lambda t: t.replace("[1, 3, 2, 5, 4, 6]", "[1, 3, 3, 5, 4, 6]")),
            "school.yml:", "appears twice"),
    Refused("an unknown page", "school", school_edit(
        lambda t: t.replace("providing-high-quality-feedback:", "no-such-page:", 1)), "school.yml:", "no page"),
    Refused("an unknown slot", "school", school_edit(
        lambda t: t.replace("    feedback-examples:\n", "    no-such-slot:\n", 1)),
        "school.yml:", "no example slot"),
    Refused("an image without alt text", "school", append("examples/feedback-in-year-3.md", "\n![](photo.png)\n"),
            "school.yml:", "no alt text"),
    Refused("an empty school.yml", "school", write_bytes("school.yml", lambda b: b""), "school.yml:1", "empty"),
    Refused("school.yml that is a list", "school", write_bytes("school.yml", lambda b: b"- a\n- b\n"),
            "school.yml:", "block of keys"),
    Refused("the name missing", "school", school_edit(lambda t: t.replace("name: Oakfield Primary School\n", "")),
            "school.yml:", "name: is missing"),
    Refused("YAML error in school.yml", "school", school_edit(lambda t: t.replace("phases: [eyfs, primary]",
                                                                                   "phases: [eyfs, primary")),
            "school.yml:", "YAML"),
]


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """A school's site as published before any bad input arrives, and its bytes."""
    out = tmp_path_factory.mktemp("published")
    result = build_site(out / SLUG, SLUG)
    assert result.ok, result.messages
    return out, snapshot(out / SLUG)


def assert_refused(code: int, output: str, points_at: str, says: str) -> None:
    assert code == 1, output
    assert "Traceback" not in output and "Error:" not in output.replace("BuildError", ""), output
    assert re.search(re.escape(points_at) + (r"\d+" if points_at.endswith(":") else ""), output), \
        f"no message names {points_at}:\n{output}"
    assert says in output, output


@pytest.mark.parametrize("case", CONTENT_CASES + SCHOOL_CASES, ids=lambda case: case.name)
def test_bad_input_is_refused_at_its_line_and_the_site_is_kept(case, tmp_path, published, monkeypatch):
    out, before = published
    content = tmp_path / "content"
    shutil.copytree(PROJECT / "content", content)
    school = tmp_path / "schools" / SLUG
    shutil.copytree(PROJECT / "schools" / SLUG, school)
    case.edit(content if case.where == "content" else school)
    monkeypatch.chdir(tmp_path)  # messages name files relative to where the command runs
    folder = "content/" if case.where == "content" else f"schools/{SLUG}/"
    points_at = folder + case.points_at

    code, output = run(check_command, "--content", str(content), "--school", str(school / "school.yml"))
    assert_refused(code, output, points_at, case.says)

    code, output = run(build_command, "--content", str(content), "--school", str(school / "school.yml"),
                       "--out", str(out))
    assert_refused(code, output, points_at, case.says)
    assert snapshot(out / SLUG) == before, "the published site changed"
    assert not (tmp_path / "MARKER").exists()


def test_a_reserved_or_unusable_folder_name_is_refused(tmp_path, published, monkeypatch):
    out, before = published
    monkeypatch.chdir(tmp_path)
    for name in ("accessibility", "search", "year-1", "Bad School!"):
        school = tmp_path / name
        shutil.copytree(PROJECT / "schools" / SLUG, school)
        code, output = run(check_command, "--school", str(school / "school.yml"))
        assert code == 1 and f"the folder name '{name}'" in output, output
        code, output = run(build_command, "--school", str(school / "school.yml"), "--out", str(out))
        assert code == 1 and f"the folder name '{name}'" in output, output
        assert not (out / name).exists()
    assert snapshot(out / SLUG) == before


# ---- accepted: a byte-order mark, Windows line endings, an upper-case .MD ------------------------

def test_byte_order_marks_and_windows_line_endings_are_accepted(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(PROJECT / "content", content)
    school = tmp_path / SLUG
    shutil.copytree(PROJECT / "schools" / SLUG, school)
    for path in (content / STUDY, content / SCENARIOS, school / "school.yml"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    (school / "examples" / "feedback-in-year-3.md").rename(school / "examples" / "FEEDBACK.MD")
    yml = school / "school.yml"
    yml.write_bytes(yml.read_bytes().replace(b"examples/feedback-in-year-3.md", b"examples/FEEDBACK.MD"))
    monkeypatch.chdir(tmp_path)
    code, output = run(check_command, "--content", str(content), "--school", str(yml))
    assert code == 0, output
    code, output = run(build_command, "--content", str(content), "--school", str(yml), "--out", str(tmp_path / "out"))
    assert code == 0, output
    study = BeautifulSoup((tmp_path / "out" / SLUG / "self-studies" / "providing-high-quality-feedback" /
                           "index.html").read_text(encoding="utf-8"), "html.parser")
    example = study.select_one(".school-text")
    assert example is not None and "fix-it time" in example.get_text()
    assert example.find("strong") is not None, "the .MD example is rendered as Markdown, not shown as text"
    assert "\ufeff" not in study.get_text()


# ---- school text is published, but never as live markup ---------------------------------------

PAYLOADS = {
    "script": "<script>alert('P01')</script>",
    "img-onerror": "<img src=x onerror=alert('P02')>",
    "svg-onload": "<svg onload=alert('P03')><circle r=1 /></svg>",
    "javascript-link": "[click me](javascript:alert('P04'))",
    "data-link": "[open](data:text/html;base64,PHNjcmlwdD5hbGVydCgnUDA1Jyk8L3NjcmlwdD4=) P05",
    "iframe": "<iframe src=\"https://evil.example/P06\"></iframe>",
    "iframe-srcdoc": "<iframe srcdoc=\"<script>alert('P07')</script>\"></iframe>",
    "attr-list": "A paragraph P08.\n{: onclick=\"alert('P08')\" }",
    "obfuscated-href": "<a href=\"jav&#x09;ascript:alert('P09')\">P09</a>",
    "object": "<object data=\"https://evil.example/P10.swf\"></object><embed src=\"https://evil.example/P10\">",
    "form": "<form action=\"https://evil.example/P11\"><button>P11</button></form>",
    "style": "<style>body{background:url('https://evil.example/P12')}</style>",
    "meta-refresh": "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/P13\">",
    "base": "<base href=\"https://evil.example/P14/\">",
    "link-stylesheet": "<link rel=\"stylesheet\" href=\"https://evil.example/P15.css\">",
    "mixed-case": "<ScRiPt>alert('P16')</sCrIpT><IMG SRC=x OnErRoR=alert('P16')>",
    "img-javascript": "<img src=\"javascript:alert('P17')\" alt=\"P17\">",
    "inline-style": "<p style=\"background:url(https://evil.example/P18)\">P18</p>",
}
LIVE_TAGS = {"script", "iframe", "object", "embed", "svg", "form", "style", "meta", "base", "link", "frame"}


def _payload_school(folder: Path) -> Path:
    """A school whose every school-written field carries payloads."""
    school = folder / "payload-school"
    (school / "examples").mkdir(parents=True)
    text = "\n\n".join(PAYLOADS.values())
    (school / "examples" / "payloads.md").write_text(text + "\n", encoding="utf-8")
    document = {
        "name": "Payload <script>alert('P00')</script> School {: onclick=alert('P00') }",
        "phases": ["primary"],
        "contacts": [{"role": p, "name": p, "email": f"p@example.org{p}"} for p in PAYLOADS.values()],
        "checklist": list(PAYLOADS.values()),
        "examples": {"providing-high-quality-feedback": {
            "feedback-examples": "examples/payloads.md", "whole-class-feedback-examples": text}},
    }
    (school / "school.yml").write_text(json.dumps(document, indent=2), encoding="utf-8")  # JSON is YAML
    return school / "school.yml"


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("payloads")
    result = build_site(folder / "out" / "payload-school", str(_payload_school(folder)))
    assert result.ok, result.messages
    return folder / "out" / "payload-school"


def live_markup(html: str) -> list[str]:
    """Every piece of an HTML document or fragment that a browser would act on: elements that run,
    embed or restyle, event handlers and inline styles, and links that are not plain web or mail links."""
    found = []
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        if tag.name in LIVE_TAGS:
            found.append(str(tag))
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
            link = name in ("href", "src", "action", "data", "formaction")
            if name.startswith("on") or name in ("style", "srcdoc") or (
                    link and (re.match(r"[a-z][a-z0-9+.-]*:", squeezed) and not squeezed.startswith(
                        ("http:", "https:", "mailto:", "tel:")) or "evil.example" in squeezed)):
                found.append(f'<{tag.name} {name}="{value}">')
    return found


@pytest.fixture(scope="module")
def payload_documents(payload_site) -> dict[str, tuple[str, list[str]]]:
    """Every HTML page and every HTML fragment in the search index: its text, and its live markup."""
    documents = {str(p.relative_to(payload_site)): p.read_text(encoding="utf-8") for p in payload_site.rglob("*.html")}
    index = json.loads((payload_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for number, entry in enumerate(index["docs"]):
        documents[f"search entry {number} ({entry['location']})"] = entry["title"] + entry["text"]
    return {name: (text, live_markup(text)) for name, text in documents.items()}


@pytest.mark.parametrize("marker", ["P00", *(f"P{n:02d}" for n in range(1, len(PAYLOADS) + 1))])
def test_school_text_never_becomes_live_markup(payload_documents, marker):
    shown = [name for name, (text, _) in payload_documents.items() if marker in text]
    # Some payloads are removed whole, content and all; the rest must still be seen, or this test
    # could not notice them being live.
    assert shown or marker in ("P07", "P10", "P12", "P13", "P14", "P15"), f"{marker} is nowhere"
    live = {name: [piece for piece in pieces if marker in piece]
            for name, (_, pieces) in payload_documents.items()}
    assert not any(live.values()), {name: pieces for name, pieces in live.items() if pieces}


def test_the_payload_school_still_shows_its_examples_as_text(payload_site):
    study = BeautifulSoup((payload_site / "self-studies" / "providing-high-quality-feedback" / "index.html")
                          .read_text(encoding="utf-8"), "html.parser")
    heading = next((h for h in study.select("h3") if h.get_text().startswith("Examples from")), None)
    assert heading is not None and "<script>" in heading.get_text(), "the school's name is shown as typed"
    assert len(study.select(".school-text")) == 2
    assert study.select_one(".school-text a[href]") is None, "no link with an unsafe address survives"
