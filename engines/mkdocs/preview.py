"""The preview (`mkdocs serve`) sees every edit, even one that keeps a file's size and time.

MkDocs' preview polls the files it watches and rebuilds when one changes its size or its
modification time. An edit can keep both (a same-length change within the same second, as
editors, scripts and checkouts make), and the preview would keep the old page. So the content
and the school's folder are also watched by the operating system's own file events, and any
event there nudges the preview: a small file MkDocs watches is rewritten, so that it rebuilds.
The rebuild itself reads the content by its hash (pipeline.fingerprint), never by size and time.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import watchdog.events
import watchdog.observers
from mkdocs.livereload import LiveReloadServer


def watch_by_events(server: LiveReloadServer, paths: list[Path]) -> None:
    """Rebuild the preview on every file event under `paths`."""
    nudge_dir = Path(tempfile.mkdtemp(prefix="ect-preview-"))
    atexit.register(shutil.rmtree, nudge_dir, ignore_errors=True)
    nudge = nudge_dir / "changed"
    nudge.write_text("0")
    server.watch(str(nudge_dir))
    count = 0

    class Nudge(watchdog.events.FileSystemEventHandler):
        def on_any_event(self, event: watchdog.events.FileSystemEvent) -> None:
            nonlocal count
            if event.is_directory or event.event_type in ("opened", "closed_no_write"):
                return  # reading a file is not a change (the build reads them all)
            count += 1
            nudge.write_text(str(count) * (1 + count % 2))  # a new size every time: the poll sees it

    observer = watchdog.observers.Observer()
    for path in paths:
        if path.is_dir():
            observer.schedule(Nudge(), str(path), recursive=True)
    observer.daemon = True
    observer.start()
