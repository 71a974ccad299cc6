"""No page of any sample school requests any host but its own: no fonts, scripts or analytics."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.browser.conftest import site_url
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


@pytest.mark.parametrize("slug", ["national", *SAMPLE_SCHOOLS])
def test_every_page_type_requests_only_its_own_host(server, page, slug):
    own = urlparse(server).netloc
    foreign: list[str] = []

    def watch(request) -> None:
        host = urlparse(request.url).netloc
        if request.url.startswith(("http://", "https://")) and host != own:
            foreign.append(request.url)

    page.on("request", watch)
    seen = 0
    for path in PAGE_TYPES.values():
        response = page.goto(site_url(server, slug, path), wait_until="networkidle")
        assert response is not None
        assert response.ok, (slug, path)
        seen += 1
    assert seen == len(PAGE_TYPES)
    assert foreign == [], foreign
