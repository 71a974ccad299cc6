"""Checklist tasks and study progress are keyed by stable ids, never by position (ect.js keeps ticks by them)."""

from __future__ import annotations

import pytest

from pipeline.validate.school import validate_school as load_school
from tests.conftest import SAMPLE_SCHOOLS
from tests.helpers import article, page
from tests.test_school import GOOD, messages, write_school
from tests.test_validation import MESSAGE, mutate, only, problems, shown


def checklists(soup) -> list[tuple[str, list[str], list[str]]]:
    """Each checklist on a page: its name, its tasks' ids and its tasks' text."""
    return [(c["data-checklist"], c["data-tasks"].split(),
             [" ".join(li.get_text(" ").split()) for li in c.select("li")])
            for c in article(soup).select(".ect-checklist")]


@pytest.mark.parametrize("slug", ["national", *SAMPLE_SCHOOLS])
def test_every_task_on_every_checklist_has_its_own_id(built, slug):
    pages = ["handbook/setting-up/", *(f"mentor/year-2/cycle-{n}/" for n in (1, 2, 3))]
    seen = 0
    for path in pages:
        for name, ids, texts in checklists(page(built[slug], path)):
            assert len(ids) == len(texts) == len(set(ids)) > 0, (path, name)
            seen += len(ids)
    assert seen > 40
    name, ids, texts = checklists(page(built[slug], "handbook/setting-up/"))[0]
    assert name == "set-up"
    # an id is the first words of the task, so a tick follows its task wherever it moves
    assert ids[texts.index("Book mentors onto mentor training")] == "book-mentors-onto-mentor-training"
    # a school's own tasks are kept apart: a task the programme adds later never takes their ticks
    own = [task_id for task_id in ids if task_id.startswith("school/")]
    assert len(own) == (0 if slug == "national" else 1)


def test_a_task_written_with_an_id_keeps_it_when_its_words_change(content_copy, tmp_path, programme):
    from pipeline import check_programme

    mutate(content_copy, "checklist.yml", "  - Book mentors onto mentor training",
           "  - id: book-mentors-onto-mentor-training\n    text: Book every mentor onto the mentor training")
    loaded, found = check_programme(content_copy)
    assert loaded is not None, found
    keys = [task.key for task in loaded.checklist]
    assert "book-mentors-onto-mentor-training" in keys
    assert loaded.checklist[keys.index("book-mentors-onto-mentor-training")].text.startswith("Book every mentor")


def test_two_tasks_with_one_id_are_an_error_at_the_second(content_copy):
    line = mutate(content_copy, "checklist.yml", "  - Tell the appropriate body who your ECTs are",
                  "  - Confirm the module order by the end of Spring 1 with the appropriate body")
    message = only(problems(content_copy), "confirm-the-module-order-by-the-end-of")
    assert message.startswith(f"{shown(content_copy)}/checklist.yml:{line}: tasks[7]: ")
    assert "tasks 4 and 8 have the same id 'confirm-the-module-order-by-the-end-of' (their first 8 words)" \
        in message
    assert MESSAGE.match(message)["hint"].startswith("give one of them an id")


def test_a_cycle_interaction_with_two_tasks_with_one_id_is_an_error(content_copy):
    line = mutate(content_copy, "development-cycles/cycle-1.yml",
                  "      - Arrange a drop-in to see the ECT's current practice in that area.",
                  "      - id: check-in-on-wellbeing\n        text: Arrange a drop-in.")
    mutate(content_copy, "development-cycles/cycle-1.yml",
           "      - Check in on wellbeing and workload at the start of the second year.",
           "      - {id: check-in-on-wellbeing, text: Check in on wellbeing and workload.}")
    message = only(problems(content_copy), "check-in-on-wellbeing")
    assert message.startswith(f"{shown(content_copy)}/development-cycles/cycle-1.yml:{line}: "
                              "interactions[0].checklist[4]: tasks 1 and 5 have the same id 'check-in-on-wellbeing',")


def test_a_task_that_yaml_reads_as_a_key_is_explained(content_copy):
    line = mutate(content_copy, "checklist.yml", "  - Book mentors onto mentor training",
                  "  - Note: book mentors onto mentor training")
    message = only(problems(content_copy), "tasks[5]")
    assert message.startswith(f"{shown(content_copy)}/checklist.yml:{line}: tasks[5]: expected text, but YAML read")


def test_a_schools_tasks_with_one_id_are_an_error_in_its_file(tmp_path, programme):
    text = GOOD + "checklist:\n  - Book the hall for the phase meeting\n  - {id: hall, text: Hire a minibus}\n" \
                  "  - {id: hall, text: Book the hall again}\n"
    found = messages(tmp_path, programme, text)
    assert len(found) == 1 and found[0].endswith("— give one of them an id of its own: write it as "
                                                 "{id: …, text: …} (see content/README.md)")
    assert "school.yml:7: checklist[2]: tasks 2 and 3 have the same id 'hall', so they would share a tick" \
        in found[0]
    # the same words as a programme task are fine: a school's ids are kept apart
    school, found = load_school(write_school(tmp_path, GOOD + "checklist:\n  - Book mentors onto mentor training\n"),
                                programme)
    assert found == [] and school.checklist[0].key == "book-mentors-onto-mentor-training"


def test_a_studys_choose_one_sections_count_as_one_part(built, programme):
    study = programme.self_studies["assessment-for-learning-year-2"]
    alternatives = [s.id for s in study.sections if s.choose_one]
    assert len(alternatives) == 3
    soup = page(built["national"], "self-studies/assessment-for-learning-year-2/")
    parts = soup.select_one("button[data-study-done]")["data-sections"].split(" ")
    assert "/".join(alternatives) in parts and len(parts) == len(study.sections) - 2
    cell = page(built["national"], "year-2/e-assessment-for-learning/").select_one(
        '[data-study-progress="assessment-for-learning-year-2"]')
    assert cell["data-sections"].split(" ") == parts
