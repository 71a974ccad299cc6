"""Search: a Pagefind index of a built site, loaded by the reader's browser only in the parts a query needs.

Engine-neutral: it reads the HTML an engine wrote (MkDocs + Material or Zensical) and writes `pagefind/`
inside the site. docs/assets/ect-search.js runs it behind the theme's own search box.

- What is indexed: each page's article (`article.md-content__inner`, where both engines put the page's
  content), less the interface text in it: progress controls, privacy notes, the study's timing table,
  buttons, tab labels (`INTERFACE`). The 404 page says nothing and is never found.
- The index is split into small chunks (`CHUNK_SIZE`): a word typed loads only its chunk, and a result
  shown loads only its page's fragment. Nothing is loaded until the reader starts to search.
- Spelling: a word list per pair of first letters (`words/ab.json`: word → count), made from what was
  indexed, lets the browser correct a word the site does not have to the nearest one it has.
- Offline (`offline=True`, the bundle opened from file://): a browser refuses modules and fetch() there,
  so every data file is written instead as a classic script holding its bytes (`offline/KEY.js`), and a
  classic copy of pagefind.js reads them (`offline/pagefind.classic.js`). That copy is made by two string
  replacements in Pagefind's own file; a new Pagefind that changes either fails the build here.

Pagefind runs as its own program (the `pagefind-bin` package, pinned in requirements.txt). It needs
`'wasm-unsafe-eval'` in the Content-Security-Policy's script-src (engines/mkdocs/csp.py).
"""

from __future__ import annotations

import base64
import errno
import gzip
import html
import json
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

FOLDER = "pagefind"
VERSION = "1.5.2"  # the Pagefind whose pagefind.js the offline copy is made from (see _classic_script)
ROOT = "article.md-content__inner"
# Interface text, never indexed: what a reader operates, not what the programme says. Each comes from
# pipeline/render (parts.py, pages.py, mentor_pages.py) or the theme.
INTERFACE = (
    ".headerlink",            # the ¶ beside each heading
    ".section-time",          # "About 12 minutes" and "Mark this section as done"
    ".ect-study-progress",    # "Your progress", "Mark the whole study as done"
    ".ect-privacy",           # "kept only in this browser" notes
    ".ect-timings",           # a study's table of minutes per section
    ".ect-tabs-note",         # "Choose the scenario for your phase or setting: …"
    ".ect-note-label",        # "Your reflection"
    ".ect-notes-actions",     # download and print buttons
    ".ect-form-actions",
    "[data-study-progress]",  # "Not started" on module pages
    ".tabbed-labels",         # the phase tabs' labels (each tab's text names its phase itself)
    "button",
    "label.ect-done",
    ".md-source-file",
    ".ect-this-half-term",    # "Find today among the half terms below", replaced by the script with today's
    "h1:not([id])",           # the theme's 404 page ("Not found"): every page of ours has ids on its headings
)
# Smaller index chunks than Pagefind's default: a word typed loads less (scripts/bench.py measures it; 3000
# gave the least for typical queries at 800 pages). Pagefind reads this from the environment only (an
# "unstable" setting), which is one reason the version is pinned.
CHUNK_SIZE = "3000"
# What the browser uses of Pagefind's bundle; the rest (its own interfaces, worker) is removed.
KEPT = re.compile(r"^(pagefind\.js|pagefind-entry\.json|pagefind\.en_[0-9a-f]+\.pf_meta|wasm\.en\.pagefind"
                  r"|index|fragment)$")
WORD = re.compile(r"[a-z]{4,}")
_FRAGMENT_SIGNATURE = b"pagefind_dcd"
EXCLUDED = '<meta name="ect-search" content="exclude">'  # overrides/main.html


class SearchIndexError(Exception):
    """Pagefind failed, or its bundle is not what this module expects: the message says what to do."""


def executable() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError("Pagefind is not installed: pip install -r requirements.txt") from None
    return Path(get_executable())


def index_site(site: Path, *, offline: bool = False) -> None:
    """Write `site`/pagefind/: the search index of the built site in `site`."""
    site = Path(site)
    bundle = site / FOLDER
    shutil.rmtree(bundle, ignore_errors=True)
    command = [str(executable()), "--site", str(site), "--output-subdir", FOLDER, "--root-selector", ROOT,
               "--force-language", "en", "--quiet"]
    for selector in INTERFACE:
        command += ["--exclude-selectors", selector]
    environment = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": CHUNK_SIZE}
    # Pages whose front matter says `search: exclude: true` carry EXCLUDED (overrides/main.html): Pagefind reads
    # only *.html, so they are renamed while it runs. The site is not published yet, so a crash here shows nowhere.
    hidden = [page for page in site.rglob("*.html") if EXCLUDED in page.read_text(encoding="utf-8", errors="ignore")]
    for page in hidden:
        page.rename(page.with_suffix(".html.unindexed"))
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    except OSError as error:
        raise SearchIndexError(f"Pagefind could not run ({error}): pip install -r requirements.txt") from None
    finally:
        for page in hidden:
            page.with_suffix(".html.unindexed").rename(page)
    if done.returncode != 0 or not (bundle / "pagefind-entry.json").is_file():
        _stop_if_the_disk_is_full(bundle)
        report = (done.stdout + done.stderr).strip() or f"exit status {done.returncode}"
        raise SearchIndexError(f"Pagefind could not index {site}: {report}")
    for path in bundle.iterdir():
        if not KEPT.match(path.name):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    try:
        write_word_lists(bundle)
    except (ValueError, EOFError, KeyError) as error:  # a fragment Pagefind could not finish writing
        _stop_if_the_disk_is_full(bundle)
        raise SearchIndexError(f"Pagefind's index of {site} cannot be read ({error}): build again") from None
    if offline:
        write_offline_copies(bundle)


def _stop_if_the_disk_is_full(bundle: Path) -> None:
    """Pagefind cannot say why it wrote nothing or half a file: a nearly full disk is the usual reason."""
    if shutil.disk_usage(bundle if bundle.exists() else bundle.parent).free < 1_000_000:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(bundle))


def fragments(bundle: Path) -> dict[str, dict]:
    """Every indexed page as Pagefind keeps it, by URL: its text, title and anchors (ids with positions)."""
    pages = {}
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data.removeprefix(_FRAGMENT_SIGNATURE))
        pages[fragment["url"]] = fragment
    return pages


def write_word_lists(bundle: Path) -> None:
    """words/XY.json: every indexed word of four letters or more starting with XY, with how often it occurs."""
    counts: Counter[str] = Counter()
    for fragment in fragments(bundle).values():
        counts.update(WORD.findall(html.unescape(fragment["content"]).lower()))
    by_start: dict[str, dict[str, int]] = {}
    for word in sorted(counts):
        by_start.setdefault(word[:2], {})[word] = counts[word]
    folder = bundle / "words"
    folder.mkdir()
    for start, words in by_start.items():
        (folder / f"{start}.json").write_text(json.dumps(words, separators=(",", ":")), encoding="utf-8")


def write_offline_copies(bundle: Path) -> None:
    """offline/, in place of the rest: each data file as a script holding its bytes, and a classic pagefind.js."""
    offline = bundle / "offline"
    offline.mkdir()
    for path in sorted(bundle.rglob("*")):
        if path.is_dir() or offline in path.parents or path.suffix == ".js":
            continue
        key = path.relative_to(bundle).as_posix()
        target = offline / f"{key}.js"
        target.parent.mkdir(parents=True, exist_ok=True)
        payload = base64.b64encode(path.read_bytes()).decode("ascii")
        target.write_text(f"window.__ectFiles[{json.dumps(key)}]={json.dumps(payload)};\n", encoding="utf-8")
    (offline / "pagefind.classic.js").write_text(_classic_script((bundle / "pagefind.js").read_text("utf-8")),
                                                 encoding="utf-8")
    # Opened from the file system, the browser reads only these: the rest would be a third of the zip, unused.
    for path in bundle.iterdir():
        if path != offline:
            shutil.rmtree(path) if path.is_dir() else path.unlink()


_EXPORT = re.compile(r"export\s*\{(?P<names>[\w\s,]+)\}\s*;?\s*$")


def _classic_script(module: str) -> str:
    """Pagefind's pagefind.js (an ES module) as a classic script: window.ECTPagefind, fetch() through ours."""
    if module.count("import.meta.url") < 1 or not _EXPORT.search(module):
        raise SearchIndexError(f"Pagefind's pagefind.js is not the {VERSION} this build converts for the offline "
                               "bundle (engines/search.py): pin pagefind-bin to it, or update _classic_script")
    names = _EXPORT.search(module)["names"]
    body = _EXPORT.sub("", module).replace("import.meta.url", "__ectScriptUrl")
    return ("(function(){var __ectScriptUrl=document.currentScript.src;"
            "var fetch=function(input){return window.ECTOfflineFetch(input);};\n"
            f"{body}\nwindow.ECTPagefind={{{names}}};\n}})();\n")
