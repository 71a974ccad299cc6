"""The Content-Security-Policy every page carries: no script but the site's own files and the theme's few
inline scripts, named by their hashes.

The sites are static (any static host, or opened from the file system as the offline bundle), so the policy
cannot rely on an HTTP header: it travels in the page as `<meta http-equiv="Content-Security-Policy">`, first
in `<head>` (overrides/main.html), before anything it governs. A meta policy cannot carry `frame-ancestors`
(which would stop other sites framing ours), `report-to` or `sandbox`: a host that can send headers may add
`Content-Security-Policy: frame-ancestors 'none'` itself.

Inline script: Material's templates emit three small inline scripts (storage helpers, restoring the chosen
tab). Their hashes are computed here at build time by rendering the theme's own partials with the page's
values, so only what the theme itself writes is allowed. A page's content is never hashed: an inline script
that reaches a page any other way (a writer's or a school's text) does not run. `<script type=
"application/json">` (the theme's configuration) is data, not script, and needs no hash.

The preview (`mkdocs serve`) adds its live-reload script inline to every page, with values that change on each
request, so no hash can name it: there, and only there, inline script is allowed (`preview_policy`).

Engine-neutral apart from the two template functions at the end, the small part the MkDocs theme calls.
"""

from __future__ import annotations

import base64
import hashlib
import re

import jinja2

# Each directive and why. 'self' is the site's own origin; opened from file://, Chromium lets 'self' match
# the bundle's own files (tests/browser/test_csp.py proves it). From file://, search reads its index through
# script files of the bundle (engines/search.py), so it needs nothing more there.
DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'none'"),        # anything not named below is refused (fonts, frames, media, workers)
    # The site's own script files; the theme's inline scripts by hash (added). 'wasm-unsafe-eval' lets search
    # compile its WebAssembly (Pagefind's, a file of the site); it allows no eval() of JavaScript.
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self'"),          # the site's own stylesheets; no inline <style> or style="" in markup
    ("img-src", "'self' data:"),      # the site's images, and the theme's icons drawn from data: SVG in CSS
    ("connect-src", "'self'"),        # search fetches its index from the site, in parts, when the reader searches
    ("object-src", "'none'"),         # no plugins (<object>, <embed>)
    ("base-uri", "'self'"),           # a <base> element cannot send relative links elsewhere
    ("form-action", "'none'"),        # our forms never submit: answers stay in the browser
)

# The theme's partials that emit inline script on our pages (see material/templates/base.html). A theme
# feature that adds another (consent, announcements, analytics) must be added here; until then its script
# is blocked, and tests/test_csp_build.py names the page and the script.
THEME_SCRIPT_PARTIALS = ("partials/javascripts/base.html", "partials/javascripts/content.html")

_INLINE_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<text>.*?)</script>", re.DOTALL | re.IGNORECASE)
_SOURCE = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?application/(ld\+)?json""", re.IGNORECASE)


def script_hash(text: str) -> str:
    """A CSP hash source for a script's exact text, as the browser computes it (SHA-256 of its UTF-8)."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script in some HTML that a browser would run (data blocks are skipped)."""
    return [match["text"] for match in _INLINE_SCRIPT.finditer(html)
            if not _SOURCE.search(match["attributes"]) and not _DATA_TYPE.search(match["attributes"])]


def policy(script_hashes: list[str] | tuple[str, ...], *, any_inline_script: bool = False) -> str:
    """The policy's text, with these inline scripts allowed (or, for the preview only, any)."""
    parts = []
    for name, sources in DIRECTIVES:
        if name == "script-src" and any_inline_script:
            sources += " 'unsafe-inline'"  # browsers ignore it beside hashes, so it comes alone
        elif name == "script-src" and script_hashes:
            sources = " ".join([sources, *sorted(set(script_hashes))])
        parts.append(f"{name} {sources}")
    return "; ".join(parts)


# Set by engines/mkdocs/hooks.py when MkDocs serves the preview; the template then uses preview_policy.
serving_preview = False


@jinja2.pass_context
def template_policy(context: jinja2.runtime.Context) -> str:
    """The policy for the page being rendered (a Jinja global: `{{ content_security_policy() }}`).

    The theme's script partials are rendered as base.html includes them, with the page's own values (their
    scripts depend on its relative base URL), and their scripts hashed. Two tiny templates: no need to cache.
    """
    values = dict(context.get_all())
    values.setdefault("features", values["config"]["theme"].get("features") or [])  # base.html sets it so
    hashes = []
    for partial in THEME_SCRIPT_PARTIALS:
        html = context.environment.get_template(partial).render(values)
        hashes += [script_hash(text) for text in inline_scripts(html)]
    return policy(hashes)


@jinja2.pass_context
def preview_policy(context: jinja2.runtime.Context) -> str:
    """The preview's policy: as published, but with any inline script allowed, for live reload."""
    return policy([], any_inline_script=True)
