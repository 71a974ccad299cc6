"""The ids a page's headings will have, read from its finished Markdown, as the engine gives them.

MkDocs (and Zensical) give each heading the id Python-Markdown's toc extension makes: the heading's
text without markup, slugified (ASCII, lower case, punctuation dropped, spaces to hyphens), with
_1, _2 … added to repeats. An attribute list ({ #id }) or raw HTML (id="…") sets an id of its own.
Links to other pages' headings are checked against these (validate/links.py), so that a link to a
heading that no longer exists is a check error at its file and line, not a failed build.
"""

from __future__ import annotations

import html
import re
import unicodedata

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?^---[ \t]*$", re.MULTILINE | re.DOTALL)
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\1[ \t]*$", re.MULTILINE | re.DOTALL)
_ATX = re.compile(r"^[ \t]*(#{1,6})[ \t]+(.+?)[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^[ \t]*(=+|-+)[ \t]*$")
_TRAILING_ATTRIBUTES = re.compile(r"[ \t]*\{:?([^}]*)\}[ \t]*$")
_ATTRIBUTE_ID = re.compile(r"(?:^|\s)#([\w-]+)")
_HTML_ID = re.compile(r"""<[a-zA-Z][^>]*?\sid=["']([^"']+)["']""")
_INLINE_ATTRIBUTES = re.compile(r"\{:?[ \t]*([^}\n]*#[^}\n]*)\}")


def slugify(text: str) -> str:
    """Python-Markdown's toc slugify, with '-' as the separator."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def plain_text(heading: str) -> str:
    """A heading's text as a reader sees it: no links' addresses, emphasis marks, code marks or tags."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", "", heading)  # images add no text
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link's text, not its address
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    text = re.sub(r"(?<!\w)_(.+?)_(?!\w)", r"\1", text)
    text = re.sub(r"\\(.)", r"\1", text)  # Markdown escapes
    return html.unescape(text).strip()


def _unique(anchor: str, used: set[str]) -> str:
    if anchor in used or not anchor:
        match = re.fullmatch(r"(.*)_([0-9]+)", anchor)
        base, count = (match[1], int(match[2])) if match else (anchor, 0)
        while f"{base}_{count + 1}" in used:
            count += 1
        anchor = f"{base}_{count + 1}"
    used.add(anchor)
    return anchor


def _heading_texts(markdown: str) -> list[str]:
    """Each heading's source text, in order: ATX (## Title) and setext (Title, then === or ---)."""
    lines = _FENCE.sub(lambda match: "\n" * match.group(0).count("\n"), markdown).split("\n")
    headings: list[str] = []
    for index, line in enumerate(lines):
        if atx := _ATX.match(line):
            headings.append(re.sub(r"[ \t]+#+$", "", atx[2]))
        elif (index and _SETEXT_UNDERLINE.match(line) and lines[index - 1].strip()
              and not re.match(r"^[ \t]*([-*+]|\d+\.|\||>|#)", lines[index - 1])):
            headings.append(lines[index - 1].strip())
    return headings


def anchors(markdown: str) -> list[str]:
    """Every id a link can point at on the page made from this Markdown, in page order."""
    markdown = _FRONT_MATTER.sub(lambda match: "\n" * match.group(0).count("\n"), markdown)  # not headings
    found: list[str] = []
    used: set[str] = set()
    for text in _heading_texts(markdown):
        attributes = _TRAILING_ATTRIBUTES.search(text)
        explicit = _ATTRIBUTE_ID.search(attributes[1]) if attributes else None
        if explicit:
            used.add(explicit[1])
            found.append(explicit[1])
            continue
        found.append(_unique(slugify(plain_text(text[: attributes.start()] if attributes else text)), used))
    stripped = _FENCE.sub("", markdown)
    found += [match[1] for match in _HTML_ID.finditer(stripped)]
    found += [match[1] for attributes in _INLINE_ATTRIBUTES.finditer(stripped)
              for match in _ATTRIBUTE_ID.finditer(attributes[1])]
    return list(dict.fromkeys(found))
