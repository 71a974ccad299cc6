"""The national site's "Set up your school" page, and the data it checks a school's file with.

An induction tutor makes or changes the school's school.yml in the browser: phases, module order,
name and details, and an example for each slot. The page (docs/assets/setup.js) checks what they
write with the same JSON Schema and the same rule messages as check.py, read from a data file that
is generated here at build time (never copied by hand): the school schema from the model, the
module sequence's messages from pipeline/sequence.py, every example slot with its guidance.
Nothing the tutor types leaves their browser unless they choose to propose it on the forge.
"""

from __future__ import annotations

import json
import posixpath
from typing import Any

from pipeline import model, sequence, slots
from pipeline.contextualise import SchoolProgramme
from pipeline.kinds import SCHOOL_KIND
from pipeline.render.parts import HALF_TERMS
from pipeline.render.urls import SETUP_DATA_SRC, SETUP_SRC, page_url, study_src
from pipeline.schemas import schema_for

# Top-level fields of school.yml the page has its own controls for; every other field of the schema gets
# a control made from its schema, so a field added to the model appears on the page with no work here.
OWN_CONTROLS = ("name", "phases", "module_order", "examples")


def setup_page() -> str:
    """The page's Markdown: a few words, and the place setup.js fills (it needs the data file and scripts)."""
    data = posixpath.basename(SETUP_DATA_SRC)
    return f"""# Set up your school

This page is for induction tutors. It makes your school's file, `school.yml`, which turns these
materials into your school's own site: only your phases, your module order, your name and contacts,
and your own examples in the example slots. You can also open the file you already have, to change it.

1. Choose your phases and your module order. The page checks the programme's rules as you go.
2. Write your examples, one slot at a time. Each slot shows the page it is on, what it asks for and
   the active ingredients it should show. Leave a slot empty to fill it later.
3. Download `school.yml`, or propose it to the programme's repository: once the change is accepted,
   your school's site is built and published.

Everything stays in this browser: nothing you write is sent anywhere unless you choose to propose it.
The page works without an internet connection once it has opened.

<div id="ect-setup" class="ect-setup" data-data="{data}">
<p class="ect-setup__waiting">The set-up form needs JavaScript. If it does not appear, ask whoever looks after
your programme's site for your school's <code>school.yml</code> to be made for you.</p>
</div>

<link rel="stylesheet" href="../assets/setup.css">
<script src="{data}"></script>
<script src="../assets/vendor/yaml/yaml.js"></script>
<script src="../assets/vendor/cfworker-json-schema/json-schema.js"></script>
<script src="../assets/setup.js"></script>
"""


def _pages(programme: model.Programme) -> list[dict[str, Any]]:
    """Every self-study with example slots, in reading order, each slot with where it is and what it asks for."""
    pages: dict[str, dict[str, Any]] = {}
    for slot in slots.example_slots(programme):
        page = pages.setdefault(slot.page_id, {
            "id": slot.page_id, "title": slot.page_title, "year": slot.year, "module": slot.module,
            "moduleName": programme.module(slot.module).name,
            "url": posixpath.relpath(page_url(study_src(slot.page_id)), posixpath.dirname(SETUP_SRC)) + "/",
            "slots": []})
        page["slots"].append({"id": slot.slot_id, "section": slot.section_title, "ingredients": list(slot.ingredients),
                              "guidance": slots.guidance(programme, slot)})
    return list(pages.values())


def setup_data(programme: model.Programme, reserved: frozenset[str]) -> dict[str, Any]:
    """What the page needs to help and to check, as data."""
    info = programme.info
    return {
        "programme": info.name,
        "schoolsFolder": SCHOOL_KIND.pattern.split("/")[0],
        "repository": {"url": info.source_repository, "branch": info.source_branch} if info.source_repository else None,
        "phases": [{"id": p.id, "name": p.name} for p in programme.phases],
        "modules": [{"code": m.code, "title": m.title, "label": m.label, "name": m.name, "number": m.number}
                    for m in programme.modules],
        "moduleList": sequence.module_list(programme),
        "moduleNumbers": sequence.numbers_hint(programme),
        "halfTerms": list(HALF_TERMS),
        "defaultOrder": list(info.default_module_order),
        "sequenceMessages": {key: list(texts) for key, texts in sequence.MESSAGES.items()},
        "guidance": info.example_guidance,
        "pages": _pages(programme),
        "reserved": sorted(reserved),
        "ownControls": list(OWN_CONTROLS),
        "schema": schema_for(SCHOOL_KIND),
    }


def setup_files(sp: SchoolProgramme, reserved: frozenset[str]) -> dict[str, bytes]:
    """The data file beside the page (national site only). `reserved`: the names a school's folder may not
    take (render/slugs.py)."""
    if not sp.is_national:
        return {}
    text = json.dumps(setup_data(sp.programme, reserved), ensure_ascii=False, indent=1, sort_keys=False)
    script = ("// Generated at build time from the pipeline (pipeline/render/setup_page.py): do not edit.\n"
              f"window.ectSetupData = {text};\n")
    return {SETUP_DATA_SRC: script.encode("utf-8")}
