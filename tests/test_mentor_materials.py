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
    session = programme.mentor_sessions["module-e-week-3"]
    body = article(page(built["national"], "mentor/sessions/module-e-week-3/"))
    assert heading(body.h1) == f"Week 3: {session.title}"
    # each session element with its own icon, and each activity tagged with one element
    elements = {e.id: e for e in programme.session_elements}
    listed = body.select(".session-elements li")
    assert [text_of(li) for li in listed] == [elements[e].name for e in session.elements]
    assert all(li.select_one(".element-icon svg") for li in listed)
    tags = [text_of(p) for p in body.select("p.session-element")]
    assert tags == [elements[a.element].name for a in session.theory_to_practice.activities]
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
    numbered = [heading(h) for h in body.select("h3") if heading(h)[0].isdigit()]
    assert numbered == [
        f"{n}. {a.title}" for n, a in enumerate(session.theory_to_practice.activities, 1)]


def test_none_this_week_and_the_last_session_of_a_module(built, programme):
    # a week with no research summary shows no heading for one (nothing would be under it)
    week_2 = article(page(built["national"], "mentor/sessions/module-e-week-2/"))
    assert programme.mentor_sessions["module-e-week-2"].research_summary.strip().lower() == "none"
    assert "Research and practice summary" not in [heading(h) for h in week_2.select("h2")]
    assert "research summary" not in text_of(week_2).lower()
    week_1 = article(page(built["national"], "mentor/sessions/module-e-week-1/"))
    assert "Research and practice summary" in [heading(h) for h in week_1.select("h2")]
    week_6 = article(page(built["national"], "mentor/sessions/module-e-week-6/"))
    assert week_6.select_one(".admonition.success") and "last session of module E" in text_of(week_6)


def test_a_development_cycle_page_has_themes_interactions_decision_and_planner(built, programme):
    cycle = programme.development_cycles["cycle-1"]
    body = article(page(built["national"], "mentor/year-2/cycle-1/"))
    h3s = [heading(h) for h in body.select("h3")]
    for number, theme in enumerate(cycle.themes, 1):
        assert f"Theme {number}: {theme.title}" in h3s
    names = ["Refocus 1", "Refocus 2", "Develop 3", "Integrate 4", "Develop 5", "Integrate 6"]
    assert [h.split(":")[0] for h in h3s if h.split(":")[0] in names] == names
    checklists = body.select(".ect-checklist")
    assert len(checklists) == 6 and all(c.select("input[type=checkbox]") for c in checklists)
    decision = body.select_one(".admonition.question")
    assert decision and "Yes, met" in text_of(decision) and "No, not yet" in text_of(decision)
    planner = body.select("table")[-1]
    assert [text_of(th) for th in planner.select("th")] == ["Interaction", "Focus", "Date"]
    assert len(planner.select("tbody tr")) == 6
    example_steps = body.select("table")[0]
    assert len(example_steps.select("tbody tr")) == 3


def test_feedback_model_and_worked_examples(built, programme):
    body = article(page(built["national"], "mentor/year-2/feedback-model/"))
    stages = [text_of(r.select("td")[0]) for r in body.select("tbody tr")]
    assert stages == [s.stage for s in programme.feedback_model]
    body = article(page(built["national"], "mentor/year-2/refining-and-replacing-action-steps/"))
    assert [heading(h).split(":")[0] for h in body.select("h2")] == ["Refining a step", "Replacing a step"]


def test_the_mentor_landing_page_follows_the_schools_order(built, programme):
    body = article(page(built["brookside-school"], "mentor/"))
    sections = [heading(h).split("·")[1].strip()[0] for h in body.select("h3")]
    assert sections == ["A", "F", "C", "B", "D", "E"]
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
    mutate(content_copy, SESSION, "element: scripting", "element: role-play")
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
