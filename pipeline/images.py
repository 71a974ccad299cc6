"""Images and figures in writers' pages: where they are referred to, where their files are, and what a file
must be to be published.

Writers keep images beside the content (content/images/, or next to the page) and refer to them from a
page's Markdown body by a path relative to that file, e.g. `![What it shows](../images/x.svg)`. A page is
published at the same place in the site as its file in content/ (self-studies/x.md, mentor-support/x.md,
handbook/x.md), so an image is published at its own path in content/ and the same relative link works in
the writer's editor, in check.py and in every built site.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from pipeline.render.markdown import markup_only

MAX_BYTES = 500_000  # a page is often read on a phone, on a school's network
FILE_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\.[a-z]+")

# ![alt](src) or ![alt](src "title"); the alt may hold [brackets] one level deep
_MARKDOWN_IMAGE = re.compile(
    r"!\[(?P<alt>(?:[^\[\]]|\[[^\]]*\])*)\]\(\s*(?P<src><[^>\n]*>|[^)\s]+)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")


@dataclass(frozen=True)
class ImageReference:
    src: str  # as written
    alt: str | None  # None: an <img> with no alt attribute at all
    line: int  # the line of the file


class _ImageTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            values = dict(attrs)
            self.found.append((self.getpos()[0], values.get("src") or "", values.get("alt")))


def image_references(text: str, first_line: int = 1) -> list[ImageReference]:
    """Every image a Markdown text shows, Markdown or <img>, in order of lines (code is not markup)."""
    text = markup_only(text)
    references = [ImageReference(m["src"].strip("<>"), m["alt"], first_line + text.count("\n", 0, m.start()))
                  for m in _MARKDOWN_IMAGE.finditer(text)]
    if "<img" in text.lower():
        parser = _ImageTags()
        parser.feed(text)
        parser.close()
        references += [ImageReference(src, alt, first_line + line - 1) for line, src, alt in parser.found]
    return sorted(references, key=lambda reference: reference.line)


def is_local(src: str) -> bool:
    """A path to a file of ours, not an address elsewhere (https:, data:, //host) or a site-absolute path."""
    return not re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:|/", src)


def resolve(page: str, src: str) -> str | None:
    """Where an image referred to from `page` (a path relative to content/, the same in the site) is, relative
    to content/; None when the path leaves content/."""
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), src.split("#")[0].split("?")[0]))
    return None if path == ".." or path.startswith("../") else path


_SIGNATURES = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
               ".gif": (b"GIF87a", b"GIF89a"), ".webp": (b"RIFF",)}
# What an SVG opened on its own could run or fetch: browsers run an SVG's scripts when it is opened as a page.
_SVG_DANGER = ((re.compile(r"<\s*script", re.I), "a <script>"),
               (re.compile(r"\son[a-z]+\s*=", re.I), "an event attribute (on…=)"),
               (re.compile(r"<\s*foreignObject", re.I), "a <foreignObject>"),
               (re.compile(r"""(?:xlink:)?href\s*=\s*["']\s*(?!#)""", re.I), "a link to another file"),
               (re.compile(r"url\(\s*['\"]?\s*(?!#)", re.I), "a url() to another file"))


def file_problem(path: str, data: bytes) -> str | None:
    """What keeps an image file from being published as it is, in words; None if nothing."""
    suffix = posixpath.splitext(path)[1].lower()
    if len(data) > MAX_BYTES:
        return f"the image is {len(data) / 1000:.0f} KB, more than the {MAX_BYTES // 1000} KB a page may load"
    if suffix == ".svg":
        text = data.decode("utf-8", errors="replace")
        if "<svg" not in text:
            return "the file is not an SVG image"
        for pattern, what in _SVG_DANGER:
            if pattern.search(text):
                return f"the SVG has {what}, which could run or load something when the file is opened"
        return None
    if not data.startswith(_SIGNATURES[suffix]) or (suffix == ".webp" and data[8:12] != b"WEBP"):
        return f"the file is not a {suffix.lstrip('.').upper()} image"
    return None
