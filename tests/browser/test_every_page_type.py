"""Every page type of every sample school, visited once: axe-core finds nothing wrong, and the page
requests no host but its own (no fonts, scripts or analytics).

One visit serves both checks: axe reads the page once it has loaded, and the visit then waits until the
network is quiet, so that requests made late (a font, a script loaded on demand) are seen too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import site_url
from tests.browser.test_accessibility import violations
from tests.conftest import SAMPLE_SCHOOLS

PAGE_TYPES = {
    "home": "",
    "year": "year-1/",
    "module": "year-1/e-assessment-for-learning/",
    "self-study": "self-studies/developing-your-practice-in-assessment-and-feedback/",
    "mentor support": "mentor-support/developing-your-practice-in-assessment-and-feedback/",
    "year-2 study": "self-studies/assessment-for-learning-year-2/",
    "meeting template": "mentor-materials/meeting-template/",
    "expert proforma": "mentor/forms/expert-observation/",
    "mentor landing page": "mentor/",
    "weekly mentor session": "mentor/sessions/module-e-week-1/",
    "weekly session with two elements to an activity": "mentor/sessions/module-e-week-4/",
    "development cycle": "mentor/year-2/cycle-1/",
    "action steps met or not met": "mentor/year-2/refining-and-replacing-action-steps/",
    "handbook appendices": "handbook/appendices/",
    "feedback model": "mentor/year-2/feedback-model/",
    "handbook chapter": "handbook/flexible-module-sequence/",
    "handbook checklist": "handbook/setting-up/",
    "framework index": "framework/",
    "glossary": "glossary/",
    "schedule": "schedule/",
    "progress": "progress/",
    "not found": "404.html",
}


@dataclass
class Visit:
    """What one site's page types showed: their HTTP statuses, requests to other hosts, axe's findings."""

    statuses: dict[str, int] = field(default_factory=dict)
    foreign: list[str] = field(default_factory=list)
    violations: dict[str, list[str]] = field(default_factory=dict)


@pytest.fixture(scope="module", params=["national", *SAMPLE_SCHOOLS])
def visit(request, server, browser) -> Visit:
    own, seen = urlparse(server).netloc, Visit()
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("request", lambda r: seen.foreign.append(r.url) if r.url.startswith(("http://", "https://"))
            and urlparse(r.url).netloc != own else None)
    try:
        for name, path in {**PAGE_TYPES, "accessibility statement": "accessibility/"}.items():
            response = page.goto(site_url(server, request.param, path))
            seen.statuses[name] = response.status if response else 0
            problems = violations(page)
            if problems:
                seen.violations[name] = problems
            page.wait_for_load_state("networkidle")  # what the page asks for late is seen (quiet by now, as a rule)
    finally:
        context.close()
    return seen


def test_every_page_type_is_served(visit):
    assert visit.statuses == {name: 200 for name in visit.statuses}  # 404.html too: it is a file
    assert len(visit.statuses) == len(PAGE_TYPES) + 1


def test_axe_finds_no_violations_on_any_page_type(visit):
    assert visit.violations == {}


def test_every_page_type_requests_only_its_own_host(visit):
    assert visit.foreign == []
