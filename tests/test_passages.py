"""Tagged passages (pipeline/passages.py): what each edition keeps, removes and labels, and where lines go."""

from __future__ import annotations

import markdown
from bs4 import BeautifulSoup

from pipeline.passages import Edition, parse, render, strip_allowed

NAMES = {"eyfs": "EYFS", "primary": "Primary", "secondary": "Secondary", "send": "Specialist – SEND setting"}
NATIONAL = Edition(tuple(NAMES), NAMES, national=True)
PRIMARY = Edition(("primary",), NAMES, national=False)
EYFS_AND_PRIMARY = Edition(("eyfs", "primary"), NAMES, national=False)

TEXT = """Untagged paragraph. [[secondary: A sentence about Year 9.]] Back to every phase.

::: primary
A passage about Year 4.

- a list item
- [[eyfs: an item about Reception]]
:::

A list for every phase:

- first
- [[secondary: second, about Year 10]]
- third

!!! note "A note"

    ::: eyfs send
    Inside a note, about Nursery.
    :::

    After the passage.

::: national
Only on the national edition.
:::

Pupils move on to [[all: Year 7]] at eleven.
"""


def html(text: str) -> BeautifulSoup:
    converted = markdown.markdown(text, extensions=["admonition", "attr_list", "md_in_html"])
    return BeautifulSoup(converted, "html.parser")


def words(text: str) -> str:
    return " ".join(html(text).get_text(" ").split())


def test_a_school_keeps_only_its_phases_with_no_trace_of_the_rest():
    shown = render(TEXT, PRIMARY)
    text = words(shown.text)
    assert "A passage about Year 4." in text and "a list item" in text
    for gone in ("Year 9", "Reception", "Year 10", "Nursery", "Only on the national edition", "[[", ":::"):
        assert gone not in shown.text, gone
    assert "Untagged paragraph. Back to every phase." in text  # no double space where the sentence was
    # the list keeps its shape: no empty item, and still a tight list
    soup = html(shown.text)
    assert [li.get_text() for li in soup.select("ul")[0].select("li")] == ["a list item"]
    assert [li.get_text() for li in soup.select("ul")[1].select("li")] == ["first", "third"]
    assert not soup.select("ul li p")
    # a single-phase site labels nothing
    assert "ect-passage-tag" not in shown.text and "!!! passage" not in shown.text
    assert {tuple(p.tags) for p in shown.removed} == {("secondary",), ("eyfs",), ("eyfs", "send"), ("national",)}


def test_the_national_edition_shows_every_passage_labelled_with_its_phases():
    shown = render(TEXT, NATIONAL)
    soup = html(shown.text)
    titles = [t.get_text() for t in soup.select(".admonition.passage > .admonition-title")]
    assert titles == ["Primary", "EYFS and Specialist – SEND setting", "National edition only"]
    tags = [t.get_text() for t in soup.select(".ect-passage-tag")]
    assert tags == ["Secondary:", "EYFS:", "Secondary:"]
    # the passage inside the note stays inside it
    note = soup.select_one(".admonition.note")
    assert "Inside a note, about Nursery." in note.get_text() and "After the passage." in note.get_text()
    assert not shown.removed
    assert "Pupils move on to Year 7 at eleven." in words(shown.text)  # a deliberate mention: no label
    assert shown.mentions == ["Year 7"]


def test_a_school_with_several_phases_labels_what_only_some_of_them_have():
    shown = render(TEXT, EYFS_AND_PRIMARY)
    soup = html(shown.text)
    assert [t.get_text() for t in soup.select(".admonition.passage > .admonition-title")] == ["Primary", "EYFS"]
    assert "Year 9" not in shown.text and "Only on the national edition" not in shown.text


def test_every_line_keeps_the_line_it_came_from():
    shown = render(TEXT, PRIMARY)
    source = TEXT.split("\n")
    for line, origin in zip(shown.text.split("\n"), shown.lines, strict=True):
        if line.strip():
            assert line.strip()[:12] in source[origin] or "Back to every phase" in line, (line, source[origin])


def test_passages_for_mentors_leave_the_page_and_are_moved():
    text = "Before.\n\n::: mentors\nAsk your ECT about [[primary: Year 4]] marking.\n:::\n\nAfter.\n"
    shown = render(text, NATIONAL)
    assert "Ask your ECT" not in shown.text and len(shown.moved) == 1 and not shown.removed


def test_mistakes_are_found_with_their_lines():
    text = "Intro.\n::: primary\nNever closed.\n\nA [[secondary: sentence\n\nwith a blank line]].\n"
    problems = parse(text, first_line=10).problems
    assert [(p.line, p.message) for p in problems] == [
        (11, "the passage '::: primary' is never closed"),
        (14, "the passage '[[secondary: …' is never closed"),
    ]


def test_code_is_left_alone():
    text = "```\n::: primary\n[[eyfs: not a passage]]\n```\n"
    assert render(text, PRIMARY).text == text
    assert not parse(text).problems


def test_a_schools_deliberate_mention_loses_its_brackets():
    assert strip_allowed("Our pupils go on to [[all: Year 7]] in September.") == (
        "Our pupils go on to Year 7 in September.", ["Year 7"])
