"""Mentor materials as built: weekly sessions, forms, development cycles, the mentor's landing page."""

from __future__ import annotations

from pipeline import check_programme
from tests.helpers import article, page
from tests.test_validation import mutate, only, problems

SESSION = "mentor-sessions/module-e-week-3.yml"


def text_of(element) -> str:
    return " ".join(element.get_text(" ").split())


def heading(element) -> str:
    return text_of(element).removesuffix("¶").strip()


def test_a_weekly_session_page_shows_every_part(built, programme):
    session = programme.mentor_sessions["module-e-week-4"]
    module = programme.module(session.module)
    body = article(page(built["national"], "mentor/sessions/module-e-week-4/"))
    assert heading(body.h1) == f"Week 4: {session.title}"
    assert text_of(body.select_one(".study-meta")).startswith(f"Year 1 · {module.label} ·")
    # each session element with its own icon, and each activity tagged with its one or two elements
    elements = {e.id: e for e in programme.session_elements}
    listed = body.select(".session-elements li")
    assert [text_of(li) for li in listed] == [elements[e].name for e in session.elements]
    assert all(li.select_one(".element-icon svg") for li in listed)
    activities = session.theory_to_practice.activities
    tags = [[text_of(name) for name in p.select(".element-name")] for p in body.select("p.session-element")]
    assert tags == [[elements[e].name for e in a.elements] for a in activities]
    assert any(len(tag) == 2 for tag in tags) and all(len(p.select("svg")) == len(tag)
                                                       for p, tag in zip(body.select("p.session-element"), tags))
    # learning intentions with their wording from the framework data
    for code in session.learning_intentions:
        _, statement = programme.statement(code)
        assert statement.text in text_of(body)
    # timings: each part and the total, which is the session's length
    rows = [[text_of(c) for c in row.select("td")] for row in body.select("table")[0].select("tbody tr")]
    assert rows[-1] == ["Total", str(session.minutes)]
    assert sum(int(r[1]) for r in rows[:-1]) == session.minutes
    headings = [heading(h) for h in body.select("h2")]
    assert f"Theory to practice · {session.theory_to_practice.minutes} minutes" in headings
    numbered = [h for h in body.select("h3") if heading(h)[0].isdigit()]
    assert [heading(h) for h in numbered] == [f"{n}. {a.title}" for n, a in enumerate(activities, 1)]


def paragraphs_between(start, stop_names=("h2", "h3")) -> list[str]:
    """The text of the paragraphs after a heading, up to the next heading."""
    found = []
    for element in start.find_next_siblings():
        if element.name in stop_names:
            break
        if element.name == "p" and "session-element" not in element.get("class", []):
            found.append(text_of(element))
    return found


def test_a_session_has_an_activities_introduction_and_a_lead_in_for_each_activity(built, programme):
    session = programme.mentor_sessions["module-e-week-4"]
    body = article(page(built["national"], "mentor/sessions/module-e-week-4/"))
    theory = next(h for h in body.select("h2") if heading(h).startswith("Theory to practice"))
    introduction = " ".join(session.theory_to_practice.introduction.split())
    assert paragraphs_between(theory)[0] == introduction  # before the first activity
    numbered = [h for h in body.select("h3") if heading(h)[0].isdigit()]
    for h3, activity in zip(numbered, session.theory_to_practice.activities, strict=True):
        texts = paragraphs_between(h3)
        if activity.lead_in:  # after the elements, before what the mentor could do
            assert texts[:2] == [" ".join(activity.lead_in.split()), "The mentor could:"]
        else:
            assert texts[0] == "The mentor could:"


def test_none_this_week_and_the_last_session_of_a_module(built, programme):
    # a week with no research summary shows no heading for one (nothing would be under it)
    week_2 = article(page(built["national"], "mentor/sessions/module-e-week-2/"))
    assert programme.mentor_sessions["module-e-week-2"].research_summary.strip().lower() == "none"
    assert "Research and practice summary" not in [heading(h) for h in week_2.select("h2")]
    assert "research summary" not in text_of(week_2).lower()
    week_1 = article(page(built["national"], "mentor/sessions/module-e-week-1/"))
    assert "Research and practice summary" in [heading(h) for h in week_1.select("h2")]
    week_6 = article(page(built["national"], "mentor/sessions/module-e-week-6/"))
    module = programme.module("E")
    assert week_6.select_one(".admonition.success") and f"last session of {module.label}" in text_of(week_6)


CYCLE = "mentor/year-2/cycle-1/"
NAMES = ["Refocus 1", "Refocus 2", "Develop 3", "Integrate 4", "Develop 5", "Integrate 6"]


def interaction_blocks(body) -> dict[str, list]:
    """Each interaction's elements, by its name (Refocus 1 …), from its heading to the next h2 or h3."""
    blocks: dict[str, list] = {}
    for h3 in body.select("h3"):
        name = heading(h3).split(":")[0]
        if name in NAMES:
            blocks[name] = []
            for element in h3.find_next_siblings():
                if element.name in ("h2", "h3"):
                    break
                blocks[name].append(element)
    return blocks


def test_a_development_cycle_page_has_themes_interactions_decision_and_planner(built, programme):
    cycle = programme.development_cycles["cycle-1"]
    body = article(page(built["national"], CYCLE))
    h3s = [heading(h) for h in body.select("h3")]
    for number, theme in enumerate(cycle.themes, 1):
        assert f"Theme {number}: {theme.title}" in h3s
    assert list(interaction_blocks(body)) == NAMES
    checklists = body.select(".ect-checklist")
    assert len(checklists) == 6 and all(c.select("input[type=checkbox]") for c in checklists)
    decision = body.select_one(".admonition.question")
    rows = [[text_of(td) for td in tr.select("td")] for tr in decision.select("tbody tr")]
    assert [row[0] for row in rows] == ["Met", "Not met"]
    example_steps = body.select("table")[0]
    assert len(example_steps.select("tbody tr")) == 3


def test_cycle_interactions_have_their_sub_headings_writing_spaces_practice_and_looking_ahead(built, programme):
    cycle = programme.development_cycles["cycle-1"]
    blocks = interaction_blocks(article(page(built["national"], CYCLE)))
    for interaction, name in zip(cycle.interactions, NAMES, strict=True):
        block = blocks[name]
        sub_headings = [heading(e) for e in block if e.name == "h4"]
        expected = [part.heading for part in interaction.parts]
        expected += ["Setting up: engage with an expert"] if interaction.expert_setup else []
        expected += ["Deliberate practice"] if interaction.deliberate_practice else []
        expected += ["Notes from this meeting"] if interaction.writing else []
        expected += ["Looking ahead"] if interaction.looking_ahead else []
        assert sub_headings == expected, name
        # every writing space is a labelled text box in a form the browser keeps, named by the space's id
        spaces = [w for part in interaction.parts for w in part.writing]
        spaces += list(interaction.expert_setup.writing) if interaction.expert_setup else []
        spaces += list(interaction.writing)
        forms = [e for e in block if e.name == "form"]
        boxes = [box for form in forms for box in form.select("textarea")]
        assert [box["name"] for box in boxes] == [w.id for w in spaces], name
        assert {form["data-form"] for form in forms} <= {f"cycle-1--{interaction.number}"}
        for box, space in zip(boxes, spaces):
            label = box.find_previous("label")
            assert label["for"] == box["id"] and text_of(label) == space.label
            assert int(box["rows"]) == space.lines
        if interaction.deliberate_practice:
            practice = next(e for e in block if e.name == "h4" and heading(e) == "Deliberate practice")
            steps = practice.find_next_sibling("ol")
            assert [text_of(li) for li in steps.select("li")] == [
                " ".join(s.split()) for s in interaction.deliberate_practice.steps]
    refocus_2 = blocks["Refocus 2"]
    links = [a["href"] for e in refocus_2 for a in e.select("a[href]")] if refocus_2 else []
    assert "../../forms/expert-observation/" in links and "../../forms/expert-discussion/" in links
    ahead = next(e for e in blocks["Integrate 6"] if e.name == "h4" and heading(e) == "Looking ahead")
    assert text_of(ahead.find_next_sibling("p")) == " ".join(cycle.interactions[5].looking_ahead.split())


def test_the_planner_has_the_cycles_rows_grouped_by_half_term_with_dates_to_fill_in(built, programme):
    for cycle in programme.development_cycles.values():
        body = article(page(built["national"], f"mentor/year-2/{cycle.id}/"))
        planner = body.find("h2", id="planner")
        groups: list[tuple[str, list[str]]] = []
        for element in planner.find_next_siblings():
            if element.name == "h2":
                break
            if element.name == "h3":
                groups.append((heading(element), []))
            if element.name == "table":
                for row in element.select("tbody tr"):
                    date = row.select_one("input[type=date]")
                    what = text_of(row.select("td")[0])
                    assert date["aria-label"] == f"Date: {what}" and date["data-date"].startswith(f"{cycle.id}:")
                    groups[-1][1].append(what)
        assert groups == [(g.half_term, [" ".join(r.text.split()) for r in g.rows]) for g in cycle.planner]
    counts = {len([r for g in c.planner for r in g.rows]) for c in programme.development_cycles.values()}
    assert len(counts) > 1  # as many rows as each cycle has


def test_action_step_examples_are_labelled_met_not_met_and_new_step_after_met(built, programme):
    body = article(page(built["national"], "mentor/year-2/refining-and-replacing-action-steps/"))
    outcomes = {"refine": ("Not met", "Refined step"), "replace": ("Not met", "Replacement step"),
                "new-step": ("Met", "New step after met")}
    h2s = body.select("h2")
    assert [heading(h) for h in h2s] == [f"{outcomes[e.kind][0]}: {e.before.name}"
                                         for e in programme.action_step_examples]
    for h2, example in zip(h2s, programme.action_step_examples, strict=True):
        rows = [[text_of(td) for td in tr.select("td")] for tr in h2.find_next_sibling("table").select("tbody tr")]
        outcome, after = outcomes[example.kind]
        before, then = example.before, example.after
        assert rows == [[f"Action step ({outcome.lower()})", before.name, " ".join(before.instruction.split())],
                        [after, then.name, " ".join(then.instruction.split())]]
    assert {e.kind for e in programme.action_step_examples} == set(outcomes)


def test_the_mentor_landing_page_follows_the_schools_order(built, programme):
    body = article(page(built["brookside-school"], "mentor/"))
    sections = [heading(h).split("·")[1].strip() for h in body.select("h3")]
    assert sections == [programme.module(code).label for code in "AFCBDE"]
    links = [a["href"] for a in body.select("a[href]")]
    assert any("mentor-support/developing-your-practice-in-assessment-and-feedback" in href for href in links)
    assert "sessions/module-e-week-1/" in links


def test_every_ect_study_and_its_mentor_page_link_both_ways(built, programme):
    for study_id in programme.self_studies:
        mentor = programme.mentor_page_for(study_id)
        if mentor is None:
            continue
        ect = article(page(built["national"], f"self-studies/{study_id}/"))
        back = article(page(built["national"], f"mentor-support/{mentor.id}/"))
        assert ect.select_one(f"a.counterpart[href='../../mentor-support/{mentor.id}/']"), study_id
        assert back.select_one(f"a.counterpart[href='../../self-studies/{study_id}/']"), study_id


def test_session_timings_must_add_up(content_copy):
    mutate(content_copy, SESSION, "theory_to_practice:\n  minutes: 35", "theory_to_practice:\n  minutes: 30")
    message = only(problems(content_copy), "the activities add up to")
    assert "the activities add up to 45 minutes, not 50" in message


def test_unknown_element_and_code_in_a_session(content_copy):
    mutate(content_copy, SESSION, "elements: [scripting]", "elements: [role-play]")
    text = (content_copy / SESSION).read_text()
    code = text.split("learning_intentions: [")[1].split(",")[0]
    mutate(content_copy, SESSION, f"learning_intentions: [{code}", "learning_intentions: [6.9")
    found = problems(content_copy)
    assert "'role-play' is not a session element — use one of: analyse-artefacts" in only(found, "role-play")
    only(found, "there is no statement 6.9")


def test_integrate_4_needs_its_decision(content_copy):
    path = content_copy / "development-cycles" / "cycle-2.yml"
    text = path.read_text()
    start = text.index("    decision:")
    end = text.index("  - stage:", start)
    path.write_text(text[:start] + text[end:])
    programme, found = check_programme(content_copy)
    assert programme is None
    assert any("Integrate 4 needs its decision" in str(p) for p in found)
