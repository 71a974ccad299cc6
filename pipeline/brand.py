"""A school's own look: its accent colour and its logo, checked, and the files they give its site.

The accent colour is checked where the site uses it (WCAG 2.2 AA, 1.4.3: 4.5:1 for text): a colour that
fails is refused, naming the pairing that fails and the nearest colour of the same hue that passes.
The logo is a file a school puts in its folder, and school files are untrusted: only PNG, JPEG or SVG,
small, of sensible dimensions. An SVG is a document that can carry script or fetch other files, so
it is read with an allow-list of elements and attributes and written out again from what was read:
only what passed the check reaches the site (no comments, processing instructions or entities).
Engine-free: the engines copy `site_files()` into the site as they are.
"""

from __future__ import annotations

import colorsys
import re
import struct
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from pipeline import model

DEFAULT_ACCENT = "#1d70b8"  # the national site's accent: a public-service blue, 5.2:1 on white
WHITE = "#ffffff"
FOOTER_GREY = "#f3f2f1"  # the footer's background (docs/assets/ect.css)
# Each site's own files, outside assets/: the theme's files there may be one copy shared by every site on a
# host (engines/mkdocs/shared_assets.py), and these differ from school to school.
STYLESHEET_SRC = "look/school.css"  # listed in mkdocs.yml's extra_css
LOGO_STEM = "look/school-logo"
LOGO_MAX_BYTES = 200_000
LOGO_MAX_SIDE = 4000  # pixels: a small file may still unpack into a huge picture
TEXT_CONTRAST = 4.5

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


@dataclass(frozen=True)
class Pairing:
    """One place the accent colour meets another colour: text on a background."""

    where: str
    foreground: str  # a colour, or "accent"
    background: str
    minimum: float = TEXT_CONTRAST

    def colours(self, accent: str) -> tuple[str, str]:
        return (accent if self.foreground == "accent" else self.foreground,
                accent if self.background == "accent" else self.background)


# Where the site uses the accent colour (docs/assets/ect.css and the generated stylesheet).
PAIRINGS = (
    Pairing("white text on the accent colour (the header and buttons)", WHITE, "accent"),
    Pairing("links and the selected phase tab in the accent colour on white", "accent", WHITE),
    Pairing(f"links in the accent colour on the footer's grey ({FOOTER_GREY})", "accent", FOOTER_GREY),
)


# ---- colour ---------------------------------------------------------------------------------------


def parse_colour(text: str) -> str | None:
    """'#RGB' or '#RRGGBB' as '#rrggbb' (None when it is neither)."""
    text = text.strip()
    if not _HEX.match(text):
        return None
    digits = text[1:].lower()
    return "#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits)


def _rgb(colour: str) -> tuple[float, float, float]:
    value = int(colour[1:], 16)
    return ((value >> 16) & 255) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02x}" for c in rgb)


def luminance(colour: str) -> float:
    """Relative luminance, as WCAG defines it."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def failing_pairings(accent: str) -> list[tuple[Pairing, float]]:
    """The pairings this accent colour fails, each with its contrast ratio."""
    failing = []
    for pairing in PAIRINGS:
        ratio = contrast(*pairing.colours(accent))
        if ratio < pairing.minimum:
            failing.append((pairing, ratio))
    return failing


def nearest_passing(accent: str) -> str:
    """The colour of the same hue and saturation, with the lightness nearest to this one's, that passes
    every pairing."""
    hue, lightness, saturation = colorsys.rgb_to_hls(*_rgb(accent))
    steps = 1000
    candidates = sorted(range(steps + 1), key=lambda step: abs(step / steps - lightness))
    for step in candidates:
        colour = _hex(colorsys.hls_to_rgb(hue, step / steps, saturation))
        if not failing_pairings(colour):
            return colour
    return "#000000"  # black passes every pairing with white and light grey


def darker(colour: str, amount: float = 0.25) -> str:
    """The colour mixed with black: for hover, still passing wherever the colour passes on white."""
    return _hex(tuple(c * (1 - amount) for c in _rgb(colour)))  # type: ignore[arg-type]


def stylesheet(accent: str | None, logo_suffix: str | None = None) -> str:
    """The site's generated stylesheet: the accent colour, where the theme and our blocks use it, and the
    logo in the header (drawn by CSS: the link around it is named with the site's name, so the picture is
    decoration there; the home page shows it with its alt text).

    A file, not a style attribute: every page's Content-Security-Policy allows only the site's own stylesheets.
    """
    colour = accent or DEFAULT_ACCENT
    hover = darker(colour)
    logo = ""
    if logo_suffix:
        logo = (
            ".md-logo {\n"
            f"  background: #ffffff url(\"school-logo.{logo_suffix}\") center / contain no-repeat;\n"
            "  border-radius: 0.1rem;\n"
            "}\n"
            ".md-logo > svg {\n  visibility: hidden;\n}\n"
        )
    return (
        "/* Generated from school.yml's accent_colour (pipeline/brand.py): do not edit. */\n"
        ":root,\n[data-md-color-primary=custom] {\n"
        f"  --ect-accent: {colour};\n"
        f"  --ect-accent-dark: {hover};\n"
        "  --md-primary-fg-color: var(--ect-accent);\n"
        "  --md-primary-fg-color--light: var(--ect-accent);\n"
        "  --md-primary-fg-color--dark: var(--ect-accent-dark);\n"
        "  --md-primary-bg-color: #ffffff;\n"
        "  --md-primary-bg-color--light: #ffffff;\n"
        "  --md-accent-fg-color: var(--ect-accent-dark);\n"
        "  --md-accent-fg-color--transparent: transparent;\n"
        "  --md-typeset-a-color: var(--ect-accent);\n"
        "}\n" + logo
    )


# ---- the logo -------------------------------------------------------------------------------------


class LogoProblem(Exception):
    """The logo cannot be used: (what is wrong, what to do)."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass(frozen=True)
class CheckedLogo:
    suffix: str  # png, jpg or svg
    data: bytes  # what the site publishes: the file as it is, or an SVG written again from what passed


SUFFIXES = {".png": "png", ".jpg": "jpg", ".jpeg": "jpg", ".svg": "svg"}
_SAVE_AS = "save it as a PNG (or a JPEG, or a plain SVG) of at most 200 KB"


def check_logo(name: str, data: bytes) -> CheckedLogo:
    """A school's logo file, checked: raises LogoProblem saying what is wrong and what to do."""
    suffix = SUFFIXES.get("." + name.rpartition(".")[2].lower()) if "." in name else None
    if suffix is None:
        raise LogoProblem(f"'{name}' is not a PNG, JPEG or SVG file", _SAVE_AS)
    if len(data) > LOGO_MAX_BYTES:
        raise LogoProblem(f"the logo is {len(data) // 1000:,} KB; the most is {LOGO_MAX_BYTES // 1000} KB "
                          "(it is loaded with every page, often on a phone)", "make it smaller, e.g. 400 pixels wide")
    if suffix == "png":
        width, height = _png_size(data)
    elif suffix == "jpg":
        width, height = _jpeg_size(data)
    else:
        return CheckedLogo("svg", clean_svg(data))
    if width > LOGO_MAX_SIDE or height > LOGO_MAX_SIDE or not width or not height:
        raise LogoProblem(f"the logo is {width} × {height} pixels; the most is {LOGO_MAX_SIDE} on each side",
                          "make it smaller, e.g. 400 pixels wide")
    return CheckedLogo(suffix, data)


def _png_size(data: bytes) -> tuple[int, int]:
    if not data.startswith(b"\x89PNG\r\n\x1a\n") or data[12:16] != b"IHDR":
        raise LogoProblem("the file's name says PNG, but it is not a PNG image", _SAVE_AS)
    return struct.unpack(">II", data[16:24])


def _jpeg_size(data: bytes) -> tuple[int, int]:
    if not data.startswith(b"\xff\xd8\xff"):
        raise LogoProblem("the file's name says JPEG, but it is not a JPEG image", _SAVE_AS)
    position = 2
    while position + 9 < len(data):  # walk the segments to the frame header, which holds the size
        if data[position] != 0xFF:
            break
        marker = data[position + 1]
        length = struct.unpack(">H", data[position + 2:position + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[position + 5:position + 9])
            return width, height
        position += 2 + length
    raise LogoProblem("the JPEG image could not be read", _SAVE_AS)


# ---- SVG: an allow-list, then written again --------------------------------------------------------

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
# Editors' own bookkeeping (Inkscape, RDF metadata): inert, dropped from what is written.
DROPPED_NAMESPACES = {
    "http://www.inkscape.org/namespaces/inkscape", "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/", "http://ns.adobe.com/AdobeIllustrator/10.0/",
}
SVG_ELEMENTS = {
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "title",
    "desc", "defs", "linearGradient", "radialGradient", "stop", "clipPath", "mask", "use", "symbol", "pattern",
    "style", "metadata",
}
SVG_ATTRIBUTES = {
    "id", "class", "style", "d", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy",
    "width", "height", "viewBox", "preserveAspectRatio", "points", "transform", "fill", "fill-opacity",
    "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap", "stroke-linejoin",
    "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "opacity", "clip-path", "clip-rule", "mask",
    "offset", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "spreadMethod",
    "patternUnits", "patternContentUnits", "patternTransform", "clipPathUnits", "maskUnits", "maskContentUnits",
    "font-family", "font-size", "font-weight", "font-style", "text-anchor", "dominant-baseline", "letter-spacing",
    "dx", "dy", "version", "role", "aria-label", "aria-hidden", "focusable", "visibility", "display",
    "color", "vector-effect", "shape-rendering", "href", "type", "overflow", "direction",
}
_URL = re.compile(r"url\s*\(\s*(['\"]?)\s*([^)'\"]*)", re.IGNORECASE)
_CHECK_SVG = "export a plain SVG (shapes and text only), or save the logo as a PNG"


def _local(name: str) -> tuple[str, str]:
    """(namespace, local name) of an ElementTree tag or attribute name."""
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return namespace, local
    return "", name


def _safe_css(text: str) -> bool:
    """CSS that fetches nothing: no @import, and url() only to a part of the same file (#id)."""
    if "@import" in text.lower() or "expression(" in text.lower() or "javascript:" in text.lower():
        return False
    return all(match.group(2).strip().startswith("#") for match in _URL.finditer(text))


def _check_element(element: ET.Element) -> None:
    namespace, tag = _local(element.tag)
    if namespace != SVG or tag not in SVG_ELEMENTS:
        raise LogoProblem(f"the SVG has a <{tag}> element, which a logo does not need and could run script "
                          "or fetch other files", _CHECK_SVG)
    if tag == "style" and not _safe_css(element.text or ""):
        raise LogoProblem("the SVG's <style> fetches other files (@import or url())", _CHECK_SVG)
    for name, value in element.attrib.items():
        attribute_namespace, attribute = _local(name)
        if attribute_namespace in DROPPED_NAMESPACES:
            continue
        if attribute.lower().startswith("on"):
            raise LogoProblem(f"the SVG has an event attribute ({attribute}), which runs script", _CHECK_SVG)
        known = ((attribute_namespace == "" and attribute in SVG_ATTRIBUTES)
                 or (attribute_namespace == XLINK and attribute in ("href", "title"))
                 or (attribute_namespace == XML and attribute in ("space", "lang")))
        if not known:
            raise LogoProblem(f"the SVG has an attribute a logo does not need ({attribute})", _CHECK_SVG)
        if attribute == "href" and not value.strip().startswith("#"):
            raise LogoProblem(f"the SVG links to another file ({value.strip()[:60]})", _CHECK_SVG)
        if not _safe_css(value):
            raise LogoProblem(f"the SVG's {attribute} fetches another file (url())", _CHECK_SVG)


def _without_dropped(element: ET.Element) -> None:
    """Remove editors' metadata elements and attributes (inert, but not needed on a site)."""
    for child in list(element):
        if _local(child.tag)[0] in DROPPED_NAMESPACES or _local(child.tag)[1] == "metadata":
            element.remove(child)
        else:
            _without_dropped(child)
    for name in [n for n in element.attrib if _local(n)[0] in DROPPED_NAMESPACES]:
        del element.attrib[name]


def clean_svg(data: bytes) -> bytes:
    """An SVG logo checked against the allow-list and written again from what was read."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LogoProblem("the SVG is not UTF-8 text", _CHECK_SVG) from None
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        raise LogoProblem("the SVG has a DOCTYPE or ENTITY declaration", _CHECK_SVG)
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise LogoProblem(f"the SVG cannot be read as XML ({error})", _CHECK_SVG) from None
    _without_dropped(root)
    if _local(root.tag) != (SVG, "svg"):
        raise LogoProblem("the file is not an SVG image (its first element is not <svg>)", _CHECK_SVG)
    for element in root.iter():
        _check_element(element)
    ET.register_namespace("", SVG)
    ET.register_namespace("xlink", XLINK)
    return ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"


# ---- what the site publishes ----------------------------------------------------------------------


def logo_src(suffix: str) -> str:
    return f"{LOGO_STEM}.{suffix}"


def site_files(school: model.School | None) -> dict[str, bytes]:
    """The files the school's look adds to its site (the national site: none given, the default colour):
    the generated stylesheet, and the logo."""
    logo = school.logo if school else None
    files = {STYLESHEET_SRC: stylesheet(school.accent_colour if school else None,
                                        logo.suffix if logo else None).encode("utf-8")}
    if logo is not None:
        files[logo_src(logo.suffix)] = logo.data
    return files
