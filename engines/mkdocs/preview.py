"""The preview (`mkdocs serve`) sees every edit, even one that keeps a file's size and time, and shows
the sources' problems in the browser (below).

MkDocs' preview polls the files it watches and rebuilds when one changes its size or its
modification time. An edit can keep both (a same-length change within the same second, as
editors, scripts and checkouts make), and the preview would keep the old page. So the content
and the school's folder are also watched by the operating system's own file events, and any
event there nudges the preview: a small file MkDocs watches is rewritten, so that it rebuilds.
The rebuild itself reads the content by its hash (pipeline.fingerprint), never by size and time.
"""

from __future__ import annotations

import atexit
import html
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import watchdog.events
import watchdog.observers
from mkdocs.livereload import LiveReloadServer

from engines.mkdocs import csp


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


# ---- the problem page -------------------------------------------------------------------------
#
# When the sources have errors, the preview serves a page naming each problem (file:line) in place of
# every page of the site, at once, and that page reloads itself when a rebuild succeeds. Without this,
# MkDocs' preview keeps every request waiting for a successful build, for as long as the error lasts,
# and a preview started with a broken file does not start at all.
#
# How: in the preview only, hooks.py turns a content error into a build of an empty site (which
# succeeds, so MkDocs moves on) and records the problems here; an error later in a build is recorded
# by on_build_error. While problems are recorded, the server's application (wrapped in serve_problems)
# answers every page request with the problem page and every other request at once, never waiting.
# The page carries MkDocs' own live-reload script, which asks the server for the next successful build.

_problems: tuple[list[str], int] | None = None  # each problem as check.py prints it, and how many are errors


def show_problems(problems: list[str], errors: int) -> None:
    global _problems
    _problems = (problems, errors)


def clear_problems() -> None:
    global _problems
    _problems = None


def problems_shown() -> tuple[list[str], int] | None:
    return _problems


def problem_page(problems: list[str], count: int) -> str:
    """A self-contained page (no stylesheet, no script of its own) naming each problem, as check.py does."""
    items = "\n".join(f"<li><code>{html.escape(problem)}</code></li>" for problem in problems)
    noun = "problem" if count == 1 else "problems"
    return f"""<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp.policy([], any_inline_script=True)}">
<title>The preview cannot be built: {count} {noun}</title>
</head>
<body>
<main>
<h1>The preview cannot be built: {count} {noun} in the sources</h1>
<p>Fix each one in its file, at the line named, and save. This page reloads by itself when the
sources build again. <code>python scripts/check.py</code> lists the same problems.</p>
<ul>
{items}
</ul>
</main>
</body>
</html>
"""


def _is_page(path: str) -> bool:
    last = path.rsplit("/", 1)[-1]
    return path.endswith("/") or last.endswith((".html", ".htm")) or "." not in last


def serve_problems(server: LiveReloadServer) -> None:
    """Wrap the preview server's application: while problems are recorded, answer at once with the problem page."""
    serve_request = server.serve_request

    def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
        problems = problems_shown()
        path = environ.get("PATH_INFO", "/")
        if problems is None or path.startswith("/livereload/"):
            return serve_request(environ, start_response)
        if not _is_page(path):  # the problem page needs no other file: never wait for a build
            start_response("503 Service Unavailable", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"The sources have problems: see the page."]
        # MkDocs' live-reload script, set to the last good build: it reloads when a newer one succeeds.
        body = server._inject_js_into_html(problem_page(*problems).encode("utf-8"), server._visible_epoch)
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))),
                                  ("Cache-Control", "no-store")])
        return [body]

    server.set_app(application)
