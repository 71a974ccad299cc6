"""A school's own look (accent colour, logo), the page furniture, and the words made from the data:
the checks on untrusted school files, and what the built sites show (parsed HTML)."""

from __future__ import annotations

import re
import struct
import zlib

import pytest

from pipeline import brand
from pipeline.validate.school import validate_school
from tests.helpers import article, every_file_text, page
from tests.test_school import write_school

SCHOOL = "name: Test School\nphases: [primary]\n"


def text_of(node) -> str:
    """The text as read: the space the join puts before punctuation after a link taken out."""
    return re.sub(r" ([,.;:])", r"\1", " ".join(node.get_text(" ").split()))


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x00\x00\x00" * width for _ in range(min(height, 2)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


# ---- the accent colour ------------------------------------------------------------------------------


def test_contrast_is_computed_as_wcag_defines_it():
    assert brand.contrast("#ffffff", "#000000") == pytest.approx(21)
    assert brand.contrast("#1d70b8", "#ffffff") == pytest.approx(5.17, abs=0.01)
    assert brand.contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("colour", ["#ff9900", "#ffdd00", "#d4351c", "#888", "#00ffff"])
def test_the_suggested_colour_passes_and_keeps_the_hue(colour):
    suggested = brand.nearest_passing(brand.parse_colour(colour))
    assert brand.failing_pairings(suggested) == []
    assert suggested != brand.parse_colour(colour)


def test_a_colour_that_fails_only_on_the_footer_says_so():
    failing = brand.failing_pairings("#d4351c")  # 4.9:1 on white, 4.3:1 on the footer's grey
    assert [pairing.background for pairing, _ in failing] == [brand.FOOTER_GREY]


def test_a_pale_colour_is_refused_naming_each_pairing_and_a_colour_that_passes(tmp_path, programme):
    school, problems = validate_school(write_school(tmp_path, SCHOOL + "accent_colour: '#ff9900'\n"), programme)
    assert school is None
    [problem] = [str(p) for p in problems]
    assert "test-school/school.yml:3: accent_colour: #ff9900 has too little contrast" in problem
    for where in ("white text on the accent colour (the header and buttons) has 2.14:1, not 4.5:1",
                  "links and the selected phase tab in the accent colour on white has 2.14:1",
                  "links in the accent colour on the footer's grey (#f3f2f1) has 1.91:1"):
        assert where in problem
    suggestion = re.search(r"use '(#[0-9a-f]{6})'", problem).group(1)
    assert brand.failing_pairings(suggestion) == []


def test_a_colour_must_be_written_as_hex(tmp_path, programme):
    _, problems = validate_school(write_school(tmp_path, SCHOOL + "accent_colour: green\n"), programme)
    assert [p.message for p in problems] == ["'green' is not a colour written as #RRGGBB"]


def test_a_good_colour_and_logo_reach_the_school(tmp_path, programme):
    path = write_school(tmp_path, SCHOOL + "accent_colour: '#00703C'\nlogo:\n  file: crest.png\n  alt: Our crest\n")
    (path.parent / "crest.png").write_bytes(png(120, 80))
    school, problems = validate_school(path, programme)
    assert problems == []
    assert school.accent_colour == "#00703c"
    assert (school.logo.suffix, school.logo.alt, school.logo.data) == ("png", "Our crest", png(120, 80))


# ---- the logo: a school file, so untrusted ------------------------------------------------------------

SAFE_SVG = ('<?xml version="1.0"?>\n<!-- made by hand -->\n<svg xmlns="http://www.w3.org/2000/svg" '
            'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 10 10" inkscape:version="1">'
            '<style>.a { fill: url(#g) }</style><defs><linearGradient id="g"><stop offset="0" stop-color="#000"/>'
            '</linearGradient></defs><circle class="a" cx="5" cy="5" r="4"/><use href="#g"/></svg>')


def test_a_plain_svg_is_kept_and_written_again_without_comments_or_editor_data():
    checked = brand.check_logo("logo.svg", SAFE_SVG.encode())
    text = checked.data.decode()
    assert checked.suffix == "svg" and "<circle" in text and "url(#g)" in text
    assert "made by hand" not in text and "<?xml" not in text and "inkscape" not in text


@pytest.mark.parametrize("svg, says", [
    ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<script>"),
    ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "event attribute (onload)"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>', "<foreignObject>"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)'
     "</x:script></svg>", "<script>"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><circle r="1"/></a></svg>', "<a>"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
     '<use xlink:href="https://tracker.example/x.svg#a"/></svg>', "links to another file"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><image href="x.png"/></svg>', "<image>"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://x.example/a.css);</style></svg>',
     "fetches other files"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url(https://x.example/a)"/></svg>',
     "fetches another file"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="href" to="javascript:alert(1)"/></svg>', "<set>"),
    ('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', "DOCTYPE"),
    ("<html><body>not a picture</body></html>", "not an SVG image"),
    ("<svg", "cannot be read as XML"),
])
def test_an_svg_that_could_run_script_or_fetch_anything_is_refused(svg, says):
    with pytest.raises(brand.LogoProblem) as refused:
        brand.check_logo("logo.svg", svg.encode())
    assert says in refused.value.message
    assert "plain SVG" in refused.value.hint


@pytest.mark.parametrize("name, data, says", [
    ("logo.gif", b"GIF89a", "is not a PNG, JPEG or SVG file"),
    ("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "it is not a PNG image"),
    ("logo.jpg", png(10, 10), "it is not a JPEG image"),
    ("logo.png", png(20000, 20000), "20000 × 20000 pixels"),
    ("logo.png", png(10, 10) + b"\0" * 250_000, "the most is 200 KB"),
])
def test_a_logo_that_is_not_a_small_picture_is_refused(name, data, says):
    with pytest.raises(brand.LogoProblem) as refused:
        brand.check_logo(name, data)
    assert says in refused.value.message


def test_a_logo_must_be_in_the_schools_folder(tmp_path, programme):
    (tmp_path / "outside.png").write_bytes(png(10, 10))
    _, problems = validate_school(write_school(tmp_path, SCHOOL + "logo:\n  file: ../outside.png\n  alt: x\n"),
                                  programme)
    assert [p.message for p in problems] == ["the file '../outside.png' does not exist in the school's folder"]


# ---- what the built sites show ---------------------------------------------------------------------------


def test_the_schools_colour_and_logo_are_files_of_its_site(built):
    site = built["oakfield-primary"]
    assert "--ect-accent: #00703c;" in (site / "look" / "school.css").read_text()
    logo = (site / "look" / "school-logo.svg").read_text()
    assert logo.startswith("<svg") and "<script" not in logo
    assert "--ect-accent: #1d70b8;" in (built["brookside-school"] / "look" / "school.css").read_text()
    assert not list((built["brookside-school"] / "look").glob("school-logo.*"))
    home = page(site, "")
    assert home.select_one('link[rel=stylesheet][href$="look/school.css"]')
    logo_image = article(home).select_one("img.ect-logo")
    assert logo_image["alt"] == "Oakfield Primary School crest: a green oak tree in a circle"
    assert (site / logo_image["src"]).is_file()
    # in the header it is drawn by the stylesheet: the link around it is named with the school's name
    assert 'url("school-logo.svg")' in (site / "look" / "school.css").read_text()
    assert home.select_one("a.md-logo")["aria-label"] == "Oakfield Primary School"


@pytest.mark.parametrize("slug", ["national", "oakfield-primary"])
def test_no_page_has_an_inline_style_attribute(built, slug):
    """The Content-Security-Policy allows no style="" in markup: the colour comes from a stylesheet file."""
    styled = [name for name, text in every_file_text(built[slug]).items()
              if name.endswith(".html") and re.search(r"<[a-z][^>]*\sstyle=", text)]
    assert styled == []


@pytest.mark.parametrize("slug, contact", [("oakfield-primary", "Induction tutor: Mrs J. Whitcombe"),
                                           ("national", "Programme team: The ECT programme team")])
def test_every_page_has_a_footer_with_the_statement_a_contact_and_the_licence(built, programme, slug, contact):
    for path in ("", "self-studies/providing-high-quality-feedback/", "glossary/", "404.html"):
        soup = page(built[slug], path)
        footer = soup.select_one("footer.ect-footer")
        assert footer is not None and not soup.select(".md-footer-meta"), path  # no empty bar
        links = {a.get_text(strip=True): a["href"] for a in footer.select("a[href]")}
        assert links["Accessibility statement"].endswith("accessibility/")
        assert contact in text_of(footer)
        assert links[programme.info.licence.name] == programme.info.licence.url
        assert "Edition of 1 September 2026" in text_of(footer)


def test_the_home_page_names_the_site_once_and_gives_study_times_from_the_data(built, programme):
    home = page(built["oakfield-primary"], "")
    assert article(home).select_one("h1").get_text(strip=True).rstrip("¶") == "Welcome"
    nav = [a.get_text(strip=True) for a in home.select(".md-sidebar--primary .md-nav__link")][:2]
    assert nav[0] == "Home"
    text = text_of(article(home))
    first, second = programme.year(1), programme.year(2)
    assert f"a core self-study takes about {first.core_minutes} minutes" in text
    assert f"an elective about {first.elective_minutes} minutes" in text
    assert f"in year 2, each module's self-study takes about {second.core_minutes} minutes" in text
    assert "Oakfield Primary School's edition of the Early Career Teacher programme, 1 September 2026" in text


def module_order(site) -> list[str]:
    """The school's year-1 modules (their URL slugs) in its order, from its year-1 page's table."""
    rows = page(site, "year-1/").select("article table")[0].select("tbody tr")
    return [row.select_one("a")["href"].strip("/").split("/")[-1] for row in rows]


def test_the_autumn_1_rule_shows_only_on_the_autumn_1_module(built, programme):
    first = programme.year(1)
    for slug in ("national", "northgate-academy"):
        for position, module_slug in enumerate(module_order(built[slug])):
            body = article(page(built[slug], f"year-1/{module_slug}/"))
            rule = text_of(body.find("h2", id="electives").find_next("p"))
            if position == 0:
                assert rule.startswith(f"Choose {first.electives_in_autumn_1} of the five")
                assert f"only {first.electives_in_autumn_1} in Autumn 1" in rule
            else:
                assert rule == f"Choose {first.electives_to_take} of the five with your mentor.", (slug, rule)


def test_electives_not_yet_published_say_when_and_what_to_read_meanwhile(built, programme):
    weeks = programme.info.publish_weeks_before
    # Northgate takes module A first (no elective published yet): the reader goes back to the core study
    text = text_of(article(page(built["northgate-academy"], "year-1/a-behaviour-and-relationships/")))
    assert f"5 electives are not yet published. They will be here at least {weeks} weeks before Autumn 1, " \
           "when your school starts this module." in text
    core = next(s for s in programme.studies_for(1, "A") if s.kind == "core")
    assert f"go back to the core self-study, {programme.study_title(core)}, and agree with your mentor" in text
    # module E has all five: nothing to say
    assert "not yet published" not in text_of(article(page(built["northgate-academy"],
                                                           "year-1/e-assessment-for-learning/")))


def test_with_some_electives_published_the_others_point_to_them():
    """The fixture programme has one elective of module E (number 3): the four others say when, and point to it."""
    from pipeline.contextualise import contextualise
    from pipeline.load.docs import read_docs
    from pipeline.render.site import render_site
    from pipeline.render.urls import module_src
    from tests.test_render import DOCS_DIR, MINIMAL, check_programme

    loaded, _ = check_programme(MINIMAL)
    loaded = loaded.model_copy(update={"info": loaded.info.model_copy(update={"publish_weeks_before": 1})})
    site = render_site(contextualise(loaded, None), read_docs(DOCS_DIR))
    module_e = next(p for p in site.pages if p.src == module_src(loaded.module("E"))).markdown
    position = loaded.info.default_module_order.index("E")
    half_term = ("Autumn 1", "Autumn 2", "Spring 1", "Spring 2", "Summer 1", "Summer 2")[position]
    assert (f"**4 electives are not yet published.** They will be here at least 1 week before {half_term}, "
            "when your school starts this module. Until then, choose from the electives already published: "
            f"[{loaded.study_title(loaded.self_studies['test-elective'])}](../../self-studies/test-elective.md).") \
        in module_e


def test_every_module_page_says_how_to_take_the_diagnostic(built, programme):
    instructions = " ".join(programme.info.diagnostic.split()).split(":")[0]
    for module in programme.modules:
        text = text_of(article(page(built["national"], f"year-1/{module.slug}/")))
        assert instructions.replace("*", "") in text


def test_the_accessibility_statement_follows_the_gov_uk_model(built, programme):
    facts = programme.info.accessibility
    body = article(page(built["oakfield-primary"], "accessibility/"))
    headings = [h.get_text(strip=True).rstrip("¶") for h in body.select("h2, h3")]
    for heading in ("Feedback and contact information", "Reporting accessibility problems with this site",
                    "Enforcement procedure", "Compliance status", "Non-accessible content",
                    "Preparation of this accessibility statement"):
        assert heading in headings
    text = text_of(body)
    assert f"This site is {facts.status} with the Web Content Accessibility Guidelines version 2.2 AA" in text
    assert "This site was last tested on 2 December 2026" in text
    assert f"{facts.last_tested.day} {facts.last_tested:%B %Y}" in text
    assert "Equality Advisory and Support Service" in text and "Mrs J. Whitcombe" in text
    assert body.select_one('a[href="mailto:induction@oakfield.example.sch.uk"]')
    assert facts.known_issues[0].criteria[0] in text


# ---- the date of the last accessibility test ----------------------------------------------------------


def test_the_date_of_the_last_test_changes_only_its_own_line():
    import datetime

    from scripts.accessibility_tested import with_date

    text = "name: X\naccessibility:\n  status: partially compliant\n  last_tested: 2026-01-01  # by the script\n" \
           "  reply_within_days: 5\nother:\n  last_tested: 1999-01-01\n"
    assert with_date(text, datetime.date(2027, 3, 4)) == text.replace("2026-01-01", "2027-03-04")
    assert with_date("name: X\nother:\n  last_tested: 1999-01-01\n", datetime.date(2027, 3, 4)) is None


def test_no_date_is_recorded_when_the_tests_fail(content_copy):
    import subprocess
    import sys

    from tests.conftest import PROJECT

    before = (content_copy / "programme.yml").read_bytes()
    run = subprocess.run([sys.executable, "scripts/accessibility_tested.py", "--content", str(content_copy),
                          "--tests", "tests/no_such_test_file.py"], cwd=PROJECT, capture_output=True, text=True)
    assert run.returncode == 1 and "unchanged" in run.stderr
    assert (content_copy / "programme.yml").read_bytes() == before
