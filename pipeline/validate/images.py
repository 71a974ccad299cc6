"""Rules for images and figures: every image a page shows has its file beside the content, alt text that says
what it shows, and a file that can be published (the right format, not too large, an SVG that runs nothing).

They run on every file that could be read, so that a missing image is reported with the rest, at the line
of the page that shows it, and never first as a failed build naming a generated page.
"""

from __future__ import annotations

import posixpath

from pipeline import images
from pipeline.load.images import SUFFIXES
from pipeline.load.programme import field_name
from pipeline.load.yaml_lines import text_values
from pipeline.validate.rules import Checking, source_rule

# Alt text that names the kind of thing instead of saying what it shows.
VAGUE_ALT = frozenset({"image", "picture", "photo", "photograph", "diagram", "figure", "graphic", "chart", "icon",
                       "screenshot", "img", "pic", "logo"})
ALT_HINT = "say what the picture shows and why it matters, e.g. ![The study's two sections, in order](…)"


def _alt_problem(reference: images.ImageReference) -> str | None:
    alt = " ".join((reference.alt or "").split())
    if not alt:
        return "the image has no alt text"
    name = posixpath.splitext(posixpath.basename(reference.src))[0]
    if alt.lower().rstrip(".") in VAGUE_ALT or alt.lower() in (name.lower(), posixpath.basename(reference.src)):
        return f"the alt text '{alt}' does not say what the image shows"
    return None


def _file_problem(c: Checking, page: str, reference: images.ImageReference) -> tuple[str, str] | None:
    """What is wrong with the file an image refers to, and what to do; None if nothing."""
    src = reference.src
    if not images.is_local(src):
        return (f"the image '{src[:60]}' is not kept with the content",
                "save the image in content/images/ and refer to it by a relative path: pages load nothing from "
                "other sites")
    path = images.resolve(page, src)
    if path is None:
        return f"the image '{src}' is outside the content folder", "keep images in content/, e.g. content/images/"
    suffix = posixpath.splitext(path)[1].lower()
    if suffix not in SUFFIXES:
        return (f"'{suffix or src}' is not an image format pages show",
                "save it as " + ", ".join(SUFFIXES).replace(".", "") + " (SVG for diagrams)")
    if path not in c.loaded.images:
        same_name = sorted(p for p in c.loaded.images if posixpath.basename(p) == posixpath.basename(path))
        found = f"; there is {same_name[0]}: write its path relative to this file" if same_name else ""
        return (f"there is no image file '{src}' (content/{path})",
                "check the name and the path, which is relative to this file" + found)
    problem = images.file_problem(path, c.loaded.images[path])
    if problem:
        return problem, "replace the file: resize or compress a photo, save a diagram as SVG without scripts or links"
    if not images.FILE_NAME.fullmatch(posixpath.basename(path)):
        return (f"the file name '{posixpath.basename(path)}' is not a plain name",
                "rename it: lower-case words joined by hyphens, e.g. feedback-sections.svg")
    return None


@source_rule
def images_have_their_file_and_alt_text(c: Checking) -> None:
    for relative, (_, body) in sorted(c.loaded.bodies.items()):
        for reference in images.image_references(body.text, body.first_line):
            alt = _alt_problem(reference)
            if alt:
                c.report_line(relative, reference.line, "body", alt, ALT_HINT)
            problem = _file_problem(c, relative, reference)
            if problem:
                c.report_line(relative, reference.line, "body", *problem)


@source_rule
def images_are_shown_only_in_page_bodies(c: Checking) -> None:
    """YAML text is shown on pages at other places in the site, where a relative path would lead elsewhere."""
    for relative, data in sorted(c.loaded.raw.items()):
        for location, line, text in text_values(data):
            for reference in images.image_references(text, line):
                c.report_line(relative, reference.line, field_name(location),
                              "an image in YAML text cannot be published", "show it in a page's Markdown body: "
                              "a self-study, a mentor page or a handbook chapter")


@source_rule
def every_image_is_shown_by_a_page(c: Checking) -> None:
    """A warning: an image no page shows is not published."""
    if c.loaded.failed:  # the page that shows it may be one that failed to load
        return
    shown = {images.resolve(relative, reference.src)
             for relative, (_, body) in c.loaded.bodies.items()
             for reference in images.image_references(body.text, body.first_line)}
    for path in sorted(set(c.loaded.images) - shown):
        c.report_line(path, 0, "", "no page shows this image", "show it in a page, or remove it", severity="warning")
