"""Built sites, read as their readers see them: parsed HTML and the search index."""

from __future__ import annotations

import re

import pytest

from pipeline import SCHOOLS_DIR, check_school
from pipeline.contextualise import contextualise
from tests.conftest import SAMPLE_SCHOOLS
from tests.helpers import article, every_file_text, indexed_text, page

E5 = "developing-your-practice-in-assessment-and-feedback"
E3 = "providing-high-quality-feedback"
PHASE_NAMES = ["EYFS", "Primary", "Secondary", "Post-16", "Specialist – SEND setting",
               "Specialist – Alternative provision"]


def text_of(element) -> str:
    return " ".join(element.get_text(" ").split())


def heading(element) -> str:
    """A heading's text without its permalink sign."""
    return text_of(element).removesuffix("¶").strip()


def tab_labels(soup) -> list[list[str]]:
    return [[text_of(label) for label in block.select(".tabbed-labels > label")]
            for block in soup.select(".tabbed-set")]


# ---- the ECT self-study page (DOMAIN.md §3a) ---------------------------------------------


def test_study_page_has_every_part(built, programme):
    study = programme.self_studies[E5]
    soup = page(built["national"], f"self-studies/{E5}/")
    body = article(soup)
    # header: title from the catalogue, module, elective number and total time
    assert text_of(body.h1).startswith("Developing your practice in relation to assessment and feedback")
    meta = text_of(body.select_one(".study-meta"))
    assert "Module 5: Assessment for Learning" in meta and "Elective 5" in meta and "About 45 minutes" in meta
    # minutes per section as written (untimed ones say so), and the study's stated total
    rows = [[text_of(cell) for cell in row.select("td")] for row in body.select("table")[0].select("tbody tr")]
    assert rows[:-1] == [[s.title, str(s.minutes) if s.minutes else "not timed"] for s in study.sections]
    assert rows[-1] == ["Total", "about 45"]
    headings = [heading(h) for h in body.select("h2")]
    for section in study.sections:
        assert section.title in headings
    times = [text_of(p) for p in body.select("p.section-time em")]
    assert times == [f"About {s.minutes} minutes" for s in study.sections if s.minutes]
    # active ingredients as a distinct block
    blocks = body.select(".admonition.ingredients")
    assert len(blocks) >= 2
    assert all(block.select("li") for block in blocks)
    # an example slot with the guidance (national site)
    assert body.select(".admonition.example-slot")
    # scenarios at the start and at the end, as linked tabs, one label per phase
    assert tab_labels(body) == [PHASE_NAMES, PHASE_NAMES]
    end = body.select(".tabbed-set")[1]
    assert all(f"Option {letter}:" in text_of(end) for letter in "ABC")
    # suggested actions and framework statements grouped "learn that" / "learn how to"
    actions = programme.action_sets[study.action_set].actions
    action_list = [text_of(li) for li in body.find_all("ol") for li in li.find_all("li", recursive=False)]
    assert all(action.text.strip() in action_list for action in actions)
    h4s = [heading(h) for h in body.select("h4")]
    assert "Learn that…" in h4s and "Learn how to…" in h4s
    assert any(text_of(h).startswith("Standard 6:") for h in body.select("h3"))
    for code in study.statements:
        assert f"{code} " in text_of(body)


def test_study_and_mentor_pages_link_to_each_other(built):
    study = article(page(built["national"], f"self-studies/{E5}/"))
    mentor = article(page(built["national"], f"mentor-support/{E5}/"))
    assert study.select_one(f"a.counterpart[href='../../mentor-support/{E5}/']")
    assert mentor.select_one(f"a.counterpart[href='../../self-studies/{E5}/']")


def test_mentor_page_reuses_the_studys_scenarios_ingredients_and_actions(built, programme):
    study_soup = article(page(built["national"], f"self-studies/{E5}/"))
    mentor_soup = article(page(built["national"], f"mentor-support/{E5}/"))
    # the same ingredient blocks, word for word
    ingredients = {text_of(b) for b in study_soup.select(".admonition.ingredients")}
    assert {text_of(b) for b in mentor_soup.select(".admonition.ingredients")} == ingredients
    # the ECT-reflection scenarios with their options
    assert tab_labels(mentor_soup) == [PHASE_NAMES]
    assert "Option C:" in text_of(mentor_soup.select_one(".tabbed-set"))
    # each suggested action followed by the ingredients that help it
    study = programme.self_studies[E5]
    for action in programme.action_sets[study.action_set].actions:
        item = next(li for li in mentor_soup.select("li") if text_of(li).startswith(action.text.strip()[:40]))
        helped_by = [text_of(li) for li in item.select("li")]
        assert len(helped_by) == len(action.ingredients)
    # the meeting template is linked from the appendix
    assert mentor_soup.select_one("a[href='../../mentor-materials/meeting-template/']")


def test_meeting_template_page(built, programme):
    body = article(page(built["national"], "mentor-materials/meeting-template/"))
    legends = [text_of(legend) for legend in body.select("form.ect-form fieldset > legend")]
    assert legends == [f"{n}. {row.title}" for n, row in enumerate(programme.meeting_template.rows, 1)]
    assert "4. Set precise actions" in legends and "8. Follow-up observation" in legends
    # each row has its guidance and at least one labelled space for notes
    for step in body.select("fieldset.ect-step"):
        assert step.select_one(".ect-guidance") and step.select_one(".ect-field label + textarea")


def test_a_second_study_reuses_an_ingredient_set(built):
    e5 = {text_of(b) for b in article(page(built["national"], f"self-studies/{E5}/")).select(".ingredients")}
    e3 = {text_of(b) for b in article(page(built["national"], f"self-studies/{E3}/")).select(".ingredients")}
    assert e5 & e3


# ---- contextualising, as built --------------------------------------------------------------


def school_view(programme, slug):
    school, problems = check_school(SCHOOLS_DIR / slug / "school.yml", programme)
    assert school is not None, problems
    return contextualise(programme, school)


@pytest.mark.parametrize("slug", SAMPLE_SCHOOLS)
def test_tabs_show_only_the_schools_phases(built, programme, slug):
    view = school_view(programme, slug)
    kept = [p.name for p in view.phases]
    for study in (E5, E3):
        labels = tab_labels(article(page(built[slug], f"self-studies/{study}/")))
        assert labels == [kept, kept]
    labels = tab_labels(article(page(built[slug], f"mentor-support/{E5}/")))
    assert labels == [kept]


def removed_phase_traces(programme, phase_id: str) -> list[str]:
    """Text that would betray a phase's scenarios: headings, teachers' names, option text."""
    phase = programme.phase(phase_id)
    traces = [f"{phase.name} scenario"]
    for scenario_set in programme.scenario_sets.values():
        for scenario in scenario_set.scenarios:
            if scenario.phase == phase_id:
                traces.append(scenario.teacher)
                traces.append(scenario.situation.split("\n")[0][:60])
                traces.append(scenario.reflection[:60])
                traces.append(scenario.prompt[:60])
                traces += [option.text[:60] for option in scenario.options]
                traces += [option.feedback[:60] for option in scenario.options if option.feedback]
                if scenario.revisit != "repeat":
                    traces.append(scenario.revisit[:60])
    return traces


@pytest.mark.parametrize("slug", SAMPLE_SCHOOLS)
def test_no_trace_of_a_removed_phase_anywhere_in_the_site(built, programme, slug):
    view = school_view(programme, slug)
    files = every_file_text(built[slug])
    assert "pagefind/pagefind-entry.json" in files and "sitemap.xml" in files and "404.html" in files
    assert any(name.startswith("pagefind/fragment/") for name in files)  # read as text: what search holds
    assert view.removed
    for removed in view.removed:
        for trace in removed_phase_traces(programme, removed.phase.id):
            found = [name for name, text in files.items() if trace in text]
            assert not found, f"{slug}: {trace!r} ({removed.phase.name}) found in {found}"
    # and what was kept is there, so the check above can fail
    for phase in view.phases:
        for trace in removed_phase_traces(programme, phase.id)[:2]:
            assert any(trace in text for text in files.values()), trace


def test_the_search_index_holds_kept_teachers_only(built, programme):
    text = indexed_text(built["oakfield-primary"])
    scenario_set = programme.scenario_sets[programme.self_studies[E5].scenario_set]
    teachers = {s.phase: s.teacher for s in scenario_set.scenarios}
    assert teachers["primary"] in text and teachers["eyfs"] in text
    assert teachers["secondary"] not in text and teachers["send"] not in text


def test_a_single_phase_school_has_plain_text_and_no_trace(tmp_path, programme):
    from engines.mkdocs.build import build_site

    school_dir = tmp_path / "elsewhere" / "st-marys"
    school_dir.mkdir(parents=True)
    (school_dir / "school.yml").write_text("name: St Mary's Primary\nphases: [primary]\n")
    result = build_site(tmp_path / "out" / "st-marys", str(school_dir / "school.yml"))
    assert result.ok, result.messages
    site = tmp_path / "out" / "st-marys"
    body = article(page(site, f"self-studies/{E5}/"))
    assert not body.select(".tabbed-set")
    assert [heading(h) for h in body.select("h3") if "scenario" in text_of(h)] == [
        "Primary scenario", "Primary scenario"]
    files = every_file_text(site)
    for phase_id in ("eyfs", "secondary", "post-16", "send", "alternative-provision"):
        for trace in removed_phase_traces(programme, phase_id):
            assert not [name for name, text in files.items() if trace in text], trace


def test_school_examples_fill_slots_and_empty_slots_vanish(built, programme):
    body = article(page(built["oakfield-primary"], f"self-studies/{E3}/"))
    headings = [heading(h) for h in body.select("h3")]
    assert headings.count("Examples from Oakfield Primary School") == 2
    assert "fix-it time" in text_of(body)
    assert not body.select(".admonition.example-slot")
    # Northgate fills one of the two slots: the other shows nothing at all
    body = article(page(built["northgate-academy"], f"self-studies/{E3}/"))
    headings = [heading(h) for h in body.select("h3")]
    assert headings.count("Examples from Northgate Academy") == 1
    assert "Examples" not in headings
    assert not body.select(".admonition.example-slot")


def nav_modules(site) -> list[str]:
    soup = page(site, "")
    labels = [text_of(item) for item in soup.select("nav.md-nav--primary .md-nav__item--nested > .md-nav__link")]
    return [label.split("·")[1].strip() for label in labels if "·" in label]


@pytest.mark.parametrize("slug", ["national", *SAMPLE_SCHOOLS])
def test_navigation_follows_the_module_order(built, programme, slug):
    if slug == "national":
        expected = list(programme.info.default_module_order)
    else:
        expected = [m.code for m in school_view(programme, slug).module_order]
    # year 1, then year 2, both in the school's order
    labels = [programme.module(code).label for code in expected]
    assert nav_modules(built[slug]) == labels + labels
    assert expected != ["A", "B", "C", "D", "E", "F"] or slug == "national"


def test_the_school_name_is_on_every_page(built):
    soup = page(built["brookside-school"], f"self-studies/{E3}/")
    assert "Brookside School" in text_of(soup.select_one("header"))
    home = article(page(built["brookside-school"], ""))
    assert text_of(home.select_one(".ect-edition")).startswith("Brookside School's edition")


def test_reserved_school_names_are_exactly_what_the_national_site_publishes(built, programme):
    from pipeline import DOCS_DIR
    from pipeline.render.slugs import reserved_slugs

    published = {path.name for path in built["national"].iterdir()} - {"index.html"}
    assert published == set(reserved_slugs(programme, DOCS_DIR))


def test_our_scripts_and_stylesheets_are_sent_without_their_comments(built):
    """Readers fetch them on every first visit: the built copies are the sources less comments and spacing,
    every statement kept; the theme's own files and vendored libraries are as they came."""
    from pipeline import DOCS_DIR

    site = built["national"]
    for name in ("ect.js", "ect-search.js", "ect-landing.js", "schedule.js", "ect.css", "ect-look.css"):
        source = (DOCS_DIR / "assets" / name).read_text(encoding="utf-8")
        sent = (site / "assets" / name).read_text(encoding="utf-8")
        assert len(sent) < 0.8 * len(source), name
        assert "/*" not in sent and "\n  " not in sent, name  # no comment, no indentation
        # every identifier and string of the source is still there (comments gone, so a subset of its words)
        words = set(re.findall(r"[A-Za-z_$][\w$]*", sent))
        assert words <= set(re.findall(r"[A-Za-z_$][\w$]*", source)), name
    vendored = "vendor/yaml/yaml.js"
    assert (site / "assets" / vendored).read_bytes() == (DOCS_DIR / "assets" / vendored).read_bytes()
