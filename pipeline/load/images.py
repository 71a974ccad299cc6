"""Image files kept beside the content: read once per load, by their path relative to content/."""

from __future__ import annotations

import os
from pathlib import Path

SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp")


def read_images(root: Path) -> dict[str, bytes]:
    """Every image file under the content folder, by its path relative to it (hidden files left out).
    Folders that are links are followed: a content folder may be put together from links."""
    images: dict[str, bytes] = {}
    for folder, subfolders, files in os.walk(root, followlinks=True):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            if name.startswith(".") or path.suffix.lower() not in SUFFIXES:
                continue
            try:
                images[path.relative_to(root).as_posix()] = path.read_bytes()
            except OSError:
                continue  # unreadable: a page that shows it is told the file is missing
    return dict(sorted(images.items()))
