"""Search as Material for MkDocs runs it in the browser, computed in Python from the built index.

Material builds a lunr index from search/search_index.json with the config written there
(field boosts, separator, pipeline), gives every query term a trailing wildcard, and ranks
whole pages above their sections. We do the same with lunr.py, so a test can ask what a reader
would see first for a query. (The browser tests check the real thing in Chromium.)
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from lunr.builder import Builder
from lunr.stop_word_filter import stop_word_filter

_TAGS = re.compile(r"<[^>]+>")


class SiteSearch:
    def __init__(self, site: Path):
        index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        config = index["config"]
        self.docs = {doc["location"]: doc for doc in index["docs"]}
        builder = Builder()
        if "stopWordFilter" in config["pipeline"]:
            builder.pipeline.add(stop_word_filter)  # Material removes the trimmer and stemmer
        builder.ref("location")
        for name, options in config["fields"].items():
            builder.field(name, boost=options.get("boost", 1))
        builder.b(0)
        for doc in index["docs"]:
            builder.add({"location": doc["location"], "title": _TAGS.sub(" ", doc["title"]),
                         "text": _TAGS.sub(" ", doc["text"]), "tags": " ".join(doc.get("tags", []))},
                        {"boost": doc.get("boost", 1)})
        self.index = builder.build()
        self.separator = re.compile(config["separator"])

    def pages(self, query: str) -> list[str]:
        """Page locations in the order Material lists them for this query."""
        terms = [t for t in self.separator.split(query.lower()) if t]
        if not terms:
            return []
        results = self.index.search(" ".join(f"{t}*" for t in terms))
        ranked = []
        for result in results:
            is_page = "#" not in result["ref"]
            matched = {term for term in result["match_data"].metadata}
            share = sum(any(m.startswith(t) for m in matched) for t in terms) / len(terms)
            ranked.append((result["score"] * (1 + (int(is_page) + share) ** 2), result["ref"]))
        pages: list[str] = []
        for _, ref in sorted(ranked, key=lambda item: -item[0]):
            page = ref.split("#")[0]
            if page not in pages:
                pages.append(page)
        return pages
