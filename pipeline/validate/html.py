"""The raw HTML a writer may put in content: a short allow-list, checked at `file:line`.

Writers are reviewed in pull requests, but a reviewer should not have to spot a `<script>`, an
`onclick` or a `javascript:` link by eye. Anything outside this list is an error in check.py,
naming the tag or attribute. The list is documented in content/README.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from pipeline.render.markdown import markup_only

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "details", "div", "dl", "dt", "em", "figcaption", "figure",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "mark", "ol", "p", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
})
ALLOWED_ATTRIBUTES = frozenset({
    "alt", "class", "colspan", "height", "href", "id", "lang", "markdown", "open", "rowspan", "src", "start",
    "title", "width",
})
URL_ATTRIBUTES = frozenset({"href", "src"})
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
HELP = "see 'Raw HTML' in content/README.md for the tags and attributes allowed"


@dataclass(frozen=True)
class HtmlProblem:
    line: int
    message: str
    hint: str


def unsafe_url(value: str) -> bool:
    """True for a link that runs script or carries a document of its own (javascript:, data:, vbscript:…)."""
    squeezed = re.sub(r"[\x00-\x20]", "", value).lower()  # browsers ignore these inside a scheme
    scheme = re.match(r"([a-z][a-z0-9+.-]*):", squeezed)
    return bool(scheme) and scheme.group(1) not in SAFE_SCHEMES


def _link_problem(url: str, line: int, where: str) -> HtmlProblem | None:
    if not unsafe_url(url):
        return None
    shown = url[:40].encode("unicode_escape").decode("ascii")
    return HtmlProblem(line, f"the link '{shown}' {where}uses a scheme pages may not use",
                       "link with https:, mailto:, tel: or a relative path")


def _attribute_problem(name: str, value: str | None, line: int, where: str) -> HtmlProblem | None:
    if name.startswith("on"):
        return HtmlProblem(line, f"the attribute '{name}' {where} runs script, which pages may not do",
                           "remove it; " + HELP)
    if name not in ALLOWED_ATTRIBUTES and not name.startswith(".") and not name.startswith("#"):
        return HtmlProblem(line, f"the attribute '{name}' {where} is not allowed", "remove it; " + HELP)
    if name in URL_ATTRIBUTES and value is not None:
        return _link_problem(value, line, where + " ")
    return None


class _Tags(HTMLParser):
    def __init__(self, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.problems: list[HtmlProblem] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.first_line + self.getpos()[0] - 1
        if tag not in ALLOWED_TAGS:
            self.problems.append(HtmlProblem(line, f"the HTML tag <{tag}> is not allowed in content",
                                             "use Markdown or a macro instead; " + HELP))
            return
        for name, value in attrs:
            problem = _attribute_problem(name, value, line, f"on <{tag}>")
            if problem:
                self.problems.append(problem)


# Python-Markdown's attribute lists: { .class #id key=value } after a block or inline element
_ATTR_LIST = re.compile(r"\{:?[ ]*([^}\n ][^}\n]*)[ ]*\}")
# Markdown links and images, inline [text](url) and by reference [id]: url
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|^[ ]{0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_ATTR_PAIR = re.compile(r"""([^\s=]+)=("[^"]*"|'[^']*'|[^\s}]*)""")


def html_problems(text: str, first_line: int) -> list[HtmlProblem]:
    """Raw HTML and attribute lists outside the allow-list, in Markdown text starting at `first_line`.
    Code (fenced blocks and `spans`) and {{ templates }} are skipped: they are not markup."""
    text = markup_only(text)
    problems: list[HtmlProblem] = []
    if "<" in text:
        parser = _Tags(first_line)
        parser.feed(text)
        parser.close()
        problems += parser.problems
    for match in _MARKDOWN_LINK.finditer(text):
        problem = _link_problem(match.group(1) or match.group(2), first_line + text.count("\n", 0, match.start()), "")
        if problem:
            problems.append(problem)
    for match in _ATTR_LIST.finditer(text):
        pairs = _ATTR_PAIR.findall(match.group(1))
        line = first_line + text.count("\n", 0, match.start())
        for name, value in pairs:
            problem = _attribute_problem(name.lower(), value.strip("\"'"), line, "in an attribute list { }")
            if problem:
                problems.append(problem)
    return sorted(problems, key=lambda problem: problem.line)


_HREF = re.compile(r"""<a\s[^>]*?\bhref\s*=\s*["']([^"']*)["']""", re.IGNORECASE)


def link_addresses(text: str, first_line: int) -> list[tuple[int, str]]:
    """Every link's address in Markdown text (inline, by reference, or <a href>), with its line.
    Code and {{ templates }} are skipped, as for the checks above."""
    if "](" not in text and "]:" not in text and "href" not in text:
        return []  # most text has no link: skip the work
    text = markup_only(text)
    found = [(match.start(), match.group(1) or match.group(2)) for match in _MARKDOWN_LINK.finditer(text)]
    found += [(match.start(), match.group(1)) for match in _HREF.finditer(text)]
    return [(first_line + text.count("\n", 0, start), address) for start, address in sorted(found)]
