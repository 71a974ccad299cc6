"""Text written by school staff is untrusted: Markdown is allowed, raw HTML is not.

A school's name, contacts, checklist tasks and examples are written by people the programme's
writers do not review, and every page of the site shares one origin with the ECT's private
reflections in the browser. So school text never reaches a page as it was typed:

- names and other one-line values are shown as plain text (`plain`): no Markdown, no HTML;
- examples and tasks are turned from Markdown into HTML here, with a Markdown that has no
  attribute lists, and then cleaned by nh3 (the Ammonia sanitiser) against a short allow-list:
  no script, no event handlers, no `javascript:` or `data:` links, no frames, no styles.

The cleaned HTML goes into the page as a raw HTML block, which the page's own Markdown leaves
as it is.
"""

from __future__ import annotations

import html
import re

import markdown
import nh3

# Markdown a school may use: lists, links, emphasis, tables, notes. Deliberately without attr_list
# (which would let `{: onclick=… }` add attributes) and without md_in_html.
_EXTENSIONS = ["tables", "def_list", "admonition", "sane_lists"]
ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "b", "i", "u", "s", "sub", "sup", "small", "mark", "abbr", "q", "cite",
    "code", "pre", "kbd", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "a", "img", "figure", "figcaption", "div", "span",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"align", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
}
ALLOWED_CLASSES = {  # what the admonition extension writes, so a school's "!!! note" looks right
    "div": {"admonition", "note", "tip", "info", "example", "warning", "quote"},
    "p": {"admonition-title"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

_converter = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
# Characters Markdown gives a meaning to; a backslash before each shows it as it is.
_INERT = re.compile(r"[\\`*_{}\[\]|!:~^]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def clean_html(fragment: str) -> str:
    """An HTML fragment with everything outside the allow-list removed."""
    return nh3.clean(fragment, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, allowed_classes=ALLOWED_CLASSES,
                     url_schemes=URL_SCHEMES, clean_content_tags={"script", "style"}, strip_comments=True)


def school_html(text: str) -> str:
    """A school's Markdown as cleaned HTML, ready to sit in a page as one raw HTML block."""
    _converter.reset()
    cleaned = clean_html(_converter.convert(text.strip()))
    # A blank line would end the raw block early in the page's Markdown: keep the block in one piece.
    cleaned = re.sub(r"\n\s*\n", "\n", cleaned)
    return f'<div class="school-text">\n{cleaned}\n</div>\n'


def school_inline_html(text: str) -> str:
    """A short piece of a school's Markdown (a task, a table cell) as cleaned inline HTML."""
    _converter.reset()
    cleaned = clean_html(_converter.convert(" ".join(text.split())))
    # One line with no paragraphs, so it fits in a list item or a table cell.
    one_line = " ".join(re.sub(r"</?p>", " ", cleaned).split())
    # The page's own Markdown reads this line again: characters it would act on ({: onclick } attribute
    # lists, [links](…), `|` cell breaks) are written as character references in the text between tags.
    return re.sub(r"(^|>)([^<]*)", lambda m: m.group(1) + _INERT.sub(lambda c: f"&#{ord(c.group())};", m.group(2)),
                  one_line)


def plain(text: str) -> str:
    """A school's one-line value (its name) as plain text in a page's Markdown: shown exactly as typed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()), quote=True))
