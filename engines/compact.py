"""Pages without the theme's indentation: the same page to a reader, about a third smaller.

Material's templates indent every line of a page's header and navigation, and leave many lines
empty: a third of a page's bytes, repeated on every page of every school. Where white space
collapses (everywhere in those parts), a run of line breaks and indentation between two tags, or
around a tag's text, shows exactly as one line break does, so that is what it becomes. Untouched:
<pre> and <textarea> (their white space is shown), <script> and <style> (code, and the
Content-Security-Policy hashes inline scripts byte for byte), and the <article> with the page's
own content, which the second engine's comparison reads line by line (tests/engine_compare.py).
"""

from __future__ import annotations

import re

_KEPT = re.compile(r"<(pre|textarea|script|style|article)\b", re.IGNORECASE)
_INDENTED = re.compile(r"\n\s+")


def compact_html(html: str) -> str:
    parts: list[str] = []
    position = 0
    while (kept := _KEPT.search(html, position)) is not None:
        parts.append(_INDENTED.sub("\n", html[position:kept.start()]))
        end = html.find(f"</{kept[1]}", kept.end())  # elements of these kinds never nest in our pages
        end = len(html) if end < 0 else end
        parts.append(html[kept.start():end])
        position = end
    parts.append(_INDENTED.sub("\n", html[position:]))
    return "".join(parts)
