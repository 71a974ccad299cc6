"""Our own scripts and stylesheets without their comments and indentation, as every page sends them.

docs/assets/ keeps them readable, with a comment for each why; a reader's phone need not fetch those
comments on every first visit (about 7 kB of 22 kB, gzip). rjsmin and rcssmin only take out comments
and white space that means nothing, so the code is the same code. The theme's own files are minified
already, and vendored files (docs/assets/vendor/) keep their licence headers as they are.
"""

from __future__ import annotations

import functools
from pathlib import PurePosixPath

import rcssmin
import rjsmin

_MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def is_minified_asset(dest: str) -> bool:
    """Whether a site's file at `dest` (e.g. "assets/ect.js") is one of ours to minify."""
    path = PurePosixPath(dest)
    return path.parent == PurePosixPath("assets") and path.suffix in _MINIFIERS


@functools.lru_cache(maxsize=64)  # every school's build sends the same few files
def minified(dest: str, data: bytes) -> bytes:
    text = data.decode("utf-8-sig")
    return _MINIFIERS[PurePosixPath(dest).suffix](text).encode("utf-8")
