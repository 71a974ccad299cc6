"""The set-up page's data is generated from the pipeline at build time: the same school schema, the same
module-sequence messages, every example slot with its guidance, the same reserved folder names."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline import DOCS_DIR
from pipeline.kinds import SCHOOL_KIND
from pipeline.render.slugs import reserved_slugs
from pipeline.schemas import schema_for
from pipeline.sequence import MESSAGES
from pipeline.slots import example_slots, guidance
from tests.conftest import SAMPLE_SCHOOLS
from tests.helpers import page


def setup_data(site: Path) -> dict:
    text = (site / "set-up" / "setup-data.js").read_text(encoding="utf-8")
    return json.loads(text.split("window.ectSetupData = ", 1)[1].rstrip().removesuffix(";"))


def test_the_national_sites_set_up_page_checks_with_what_the_build_uses(built, programme):
    data = setup_data(built["national"])
    assert data["schema"] == schema_for(SCHOOL_KIND)
    assert data["sequenceMessages"] == {key: list(texts) for key, texts in MESSAGES.items()}
    assert [p["id"] for p in data["phases"]] == [p.id for p in programme.phases]
    slots = [(p["id"], p["title"], s["id"], s["section"], s["guidance"]) for p in data["pages"] for s in p["slots"]]
    assert slots == [(s.page_id, s.page_title, s.slot_id, s.section_title, guidance(programme, s))
                     for s in example_slots(programme)]
    assert set(data["reserved"]) == reserved_slugs(programme, DOCS_DIR)
    for entry in data["pages"]:  # each page's address works from the set-up page
        assert (built["national"] / "set-up" / entry["url"] / "index.html").resolve().is_file(), entry["url"]
    nav = [a.get_text(strip=True) for a in page(built["national"], "").select(".md-nav__link")]
    assert "Set up your school" in nav


def test_only_the_national_site_has_the_set_up_page(built):
    for slug in SAMPLE_SCHOOLS:
        assert not (built[slug] / "set-up").exists()
        assert "Set up your school" not in page(built[slug], "").get_text()
