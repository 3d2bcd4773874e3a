"""An administrator holds no grant: the reports say so where the figures come out empty,
and exports are named, not coded (issue 23)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports.exports import EXPORTS
from reports.models import ExportJob

pytestmark = pytest.mark.django_db

NOTICE = "You hold no facility access; figures cover the facilities you may see."


@pytest.mark.parametrize(
    "url",
    [
        reverse("reports:dashboard"),
        reverse("reports:standards"),
        reverse("reports:jobs"),
        reverse("reports:export", args=["prisoners"]),
    ],
)
def test_the_administrator_is_told_why_everything_is_zero(demo, login, url):
    body = login(demo.users["admin"]).get(url).content.decode()
    assert NOTICE in body


def test_a_supervisor_with_a_facility_is_not(demo, login):
    body = login(demo.users["supervisor.a"]).get(reverse("reports:dashboard")).content.decode()
    assert NOTICE not in body


def test_exports_are_listed_by_their_name(demo, login, api):
    sup = demo.users["supervisor.a"]
    job = ExportJob.objects.create(user=sup, export="prisoners", format="xlsx", reason="Monthly return")
    body = login(sup).get(reverse("reports:jobs")).content.decode()
    assert f"<td>{EXPORTS['prisoners'].title}</td>" in body
    data = api(sup).get(f"/api/v1/reports/exports/{job.pk}/").json()
    assert data["title"] == str(EXPORTS["prisoners"].title)


@pytest.mark.parametrize("url", ["/api/v1/reports/statistics/", "/api/v1/reports/standards/"])
def test_the_figures_api_says_so_too(demo, api, url):
    assert api(demo.users["admin"]).get(url).json()["no_facility_access"] is True
    assert api(demo.users["supervisor.a"]).get(url).json()["no_facility_access"] is False
