"""Accessibility beyond axe, in Chromium: focus you can see on every kind of control, the edges of
checkboxes and tabs, names that say which section a box is for, the tab indicator under the selected
label however the labels wrap, the sidebar's title over no item, and a wide table that says so."""

from __future__ import annotations

import re

import pytest

from pipeline.brand import contrast
from tests.browser.conftest import site_url

E2 = "self-studies/checking-prior-knowledge-and-understanding/"
E5 = "self-studies/developing-your-practice-in-assessment-and-feedback/"

# What shows a control's focus, and against what (computed in the page): the control itself, or for
# the hidden inputs the theme draws something in place of (a phase tab's radio button, a task's box)
# that stand-in. The background is the first opaque one behind the outline.
FOCUS_STYLE = """(element) => {
  element.focus();
  let shown = element, pseudo = null;
  if (element.matches('.tabbed-set > input')) {
    shown = element.closest('.tabbed-set').querySelector(`label[for="${element.id}"]`);
  }
  if (element.matches('.task-list-control input')) { shown = element.nextElementSibling; pseudo = '::before'; }
  const style = getComputedStyle(shown, pseudo);
  let behind = shown.parentElement, background = null;
  while (behind && !background) {
    const colour = getComputedStyle(behind).backgroundColor;
    if (!/rgba\\(.*, 0\\)$|transparent/.test(colour)) background = colour;
    behind = behind.parentElement;
  }
  return {focused: document.activeElement === element, visible: element.matches(':focus-visible'),
          style: style.outlineStyle, width: parseFloat(style.outlineWidth), colour: style.outlineColor,
          background: background || 'rgb(255, 255, 255)'};
}"""

# Every kind of control, where it is (site, page, width) and how to find it.
CONTROLS = {
    "link in text": ("oakfield-primary", E2, 1280, "article p a[href]"),
    "heading's permalink": ("oakfield-primary", E2, 1280, "article a.headerlink"),
    "navigation link": ("oakfield-primary", E2, 1280, ".md-nav--primary a.md-nav__link[href]"),
    "navigation section toggle": ("oakfield-primary", E2, 1280, '.md-nav--primary label.md-nav__link[tabindex="0"]'),
    "table of contents link": ("oakfield-primary", E2, 1280, ".md-sidebar--secondary a.md-nav__link"),
    "header logo link": ("oakfield-primary", E2, 1280, "a.md-header__button.md-logo"),
    "search box": ("oakfield-primary", E2, 1280, "input.md-search__input"),
    "menu button (phone)": ("oakfield-primary", E2, 360, 'label.md-header__button[for="__drawer"]'),
    "search button (phone)": ("oakfield-primary", E2, 360, 'label.md-header__button[for="__search"]'),
    "skip link": ("oakfield-primary", E2, 1280, "a.md-skip"),
    "button": ("oakfield-primary", E2, 1280, "button.md-button"),
    "section done box": ("oakfield-primary", E2, 1280, "input[data-progress]"),
    "phase tab": ("national", E2, 1280, ".tabbed-set > input"),
    "reflection box": ("oakfield-primary", E2, 1280, "textarea[data-note]"),
    "form field": ("oakfield-primary", "mentor/forms/expert-observation/", 1280, "form.ect-form textarea"),
    "checklist box": ("oakfield-primary", "handbook/setting-up/", 1280, ".task-list-control input"),
    "planner date": ("oakfield-primary", "mentor/year-2/cycle-1/", 1280, "input.ect-date"),
    "option feedback": ("oakfield-primary", E5, 1280, "article details > summary"),
    "scrolling table": ("national", "", 360, ".md-typeset__scrollwrap[tabindex]"),
    "footer link": ("oakfield-primary", E2, 1280, ".ect-footer a[href]"),
    "back to top": ("oakfield-primary", E2, 1280, ".md-top"),
}


def rgb(css: str) -> str:
    """'rgb(11, 12, 12)' or 'rgba(…, 1)' as '#0b0c0c'."""
    red, green, blue = (int(float(v)) for v in re.findall(r"[\d.]+", css)[:3])
    return f"#{red:02x}{green:02x}{blue:02x}"


@pytest.fixture
def sized(browser):
    """A page of the given width: phones are narrow and touch."""
    contexts = []

    def make(width: int):
        phone = width < 600
        context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=phone, has_touch=phone)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page
    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize("control", CONTROLS)
def test_every_kind_of_control_shows_its_focus(server, sized, control):
    slug, path, width, selector = CONTROLS[control]
    page = sized(width)
    page.goto(site_url(server, slug, path))
    page.keyboard.press("Tab")  # the keyboard in use: focus is shown as it is to a keyboard user
    element = page.locator(selector).first
    element.wait_for(state="attached")
    found = element.evaluate(FOCUS_STYLE)
    assert found["focused"] and found["visible"], found
    assert found["style"] not in ("none", "hidden") and found["width"] >= 2, found
    ratio = contrast(rgb(found["colour"]), rgb(found["background"]))
    assert ratio >= 3, f"{control}: outline {found['colour']} on {found['background']} is {ratio:.2f}:1"


def test_checkbox_edges_have_3_to_1_contrast(server, page):
    """1.4.11: a box you can tick shows its edge, unticked, against the page."""
    page.goto(site_url(server, "oakfield-primary", E2))
    done = page.locator("input[data-progress]").first.evaluate(
        "e => { const s = getComputedStyle(e); return [s.borderTopColor, parseFloat(s.borderTopWidth), "
        "getComputedStyle(document.body).backgroundColor]; }")
    assert done[1] >= 1 and contrast(rgb(done[0]), rgb(done[2])) >= 3, done
    page.goto(site_url(server, "oakfield-primary", "handbook/setting-up/"))
    task = page.locator(".task-list-indicator").first.evaluate(
        "e => { const s = getComputedStyle(e, '::before'); return [s.borderTopColor, parseFloat(s.borderTopWidth), "
        "s.backgroundColor]; }")
    assert task[1] >= 1 and contrast(rgb(task[0]), rgb(task[2])) >= 3, task
    assert contrast(rgb(task[0]), "#ffffff") >= 3, task


def test_each_section_box_says_which_section_it_is_for(server, page, programme):
    page.goto(site_url(server, "oakfield-primary", E2))
    study = programme.self_studies["checking-prior-knowledge-and-understanding"]
    for section in study.sections:
        name = f"Mark this section as done: {section.title}"
        assert page.get_by_role("checkbox", name=name, exact=True).count() == 1, name


def test_the_selected_tab_is_marked_under_its_own_label_on_any_row(server, sized):
    """Six phases at 360 px wrap onto two rows: the indicator follows the selected label, and has 3:1 on white."""
    page = sized(360)
    page.goto(site_url(server, "national", E2))
    tabs = page.locator(".tabbed-set").first
    labels = tabs.locator(":scope > .tabbed-labels > label")
    assert labels.count() == 6
    tops = [labels.nth(i).bounding_box()["y"] for i in range(6)]
    assert max(tops) > min(tops), "the labels should wrap at 360 px"
    last = labels.nth(5)
    last.click()
    marks = labels.evaluate_all("""labels => labels.map(label => {
        const shadow = getComputedStyle(label).boxShadow;
        return shadow === 'none' ? null : shadow; })""")
    assert [bool(m) for m in marks] == [False] * 5 + [True], marks
    assert "inset" in marks[5] and re.search(r"-[3-9]px", marks[5]), marks[5]
    assert contrast(rgb(marks[5]), "#ffffff") >= 3
    # the theme's own bar, placed for a single row, is not drawn
    bar = tabs.locator(":scope > .tabbed-labels").evaluate("e => getComputedStyle(e, '::before').display")
    assert bar == "none"


def test_the_sidebar_title_never_covers_the_items_under_it(server, sized):
    page = sized(1280)
    page.goto(site_url(server, "oakfield-primary", E5))
    page.evaluate("document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap').scrollTop = 200")
    overlap = page.evaluate("""() => {
        const title = document.querySelector('.md-sidebar--primary .md-nav--primary > .md-nav__title');
        const box = title.getBoundingClientRect();
        return [...document.querySelectorAll('.md-sidebar--primary .md-nav__list .md-nav__link')]
          .filter(link => { const r = link.getBoundingClientRect();
                            return r.height && r.bottom > box.top && r.top < box.bottom; })
          .map(link => link.innerText.trim());
    }""")
    assert overlap == []


def test_a_table_wider_than_a_phone_says_so(server, sized):
    page = sized(360)
    page.goto(site_url(server, "oakfield-primary", ""))
    wrap = page.locator("article .md-typeset__scrollwrap").first
    assert wrap.evaluate("e => e.scrollWidth > e.clientWidth")
    hint = page.locator("article .ect-scroll-hint").first
    assert hint.is_visible() and "scroll it sideways" in hint.inner_text()
    assert wrap.get_attribute("role") == "region" and wrap.get_attribute("tabindex") == "0"
    wide = sized(1280)
    wide.goto(site_url(server, "oakfield-primary", ""))
    assert wide.locator("article .ect-scroll-hint").count() == 0


def test_the_header_and_links_wear_the_schools_colour(server, page):
    page.goto(site_url(server, "oakfield-primary", E2))
    header = page.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor")
    link = page.locator("article p a[href]").first.evaluate("e => getComputedStyle(e).color")
    assert rgb(header) == rgb(link) == "#00703c"
    page.goto(site_url(server, "brookside-school", E2))  # no colour of its own: the default
    assert rgb(page.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor")) == "#1d70b8"
