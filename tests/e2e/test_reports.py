"""An administrator in a real browser: the dashboard filtered by facility, a figure
opened as its list, and that list downloaded as CSV with a reason."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import expect

from core.grants import access_grant
from core.models import AuditEvent

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_administrator_filters_the_dashboard_and_downloads_a_csv(page, live_server, live_demo, sign_in):
    admin = live_demo.users["admin"]
    everyone = live_demo.prisoners["A"] + live_demo.prisoners["B"]
    access_grant(actor=None, prisoners=everyone, capabilities=["view_prisoner"], user=admin, reason="e2e")
    b = live_demo.facilities["B"]

    sign_in(page, "admin")
    page.get_by_role("link", name="Reports").click()
    expect(page.get_by_role("heading", name="Population and work at a glance")).to_be_visible()
    expect(page.locator(".big-number a")).to_have_text("12")
    expect(page.locator("[data-chart='chart-sex'] svg rect").first).to_be_visible()  # drawn by charts.js

    page.get_by_label("Facility").select_option(str(b.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Show").click()
    expect(page.locator(".big-number a")).to_have_text("6")
    assert page.locator("#h-occupancy + p + .figure-body tbody tr").count() == 3  # B's three units

    with page.expect_navigation():
        page.locator(".big-number a").click()
    expect(page.locator("#results tbody tr")).to_have_count(6)
    expect(page.locator(".report-filters")).to_contain_text("Held now")

    with page.expect_navigation():
        page.get_by_role("link", name="Export").click()
    expect(page.get_by_text("6 rows, only what you may see.")).to_be_visible()
    page.get_by_label("Why do you need this export?").fill("Quarterly population return, facility B")
    with page.expect_download() as info:
        page.get_by_role("button", name="Export").click()
    download = info.value
    assert download.suggested_filename.startswith("prisoners-") and download.suggested_filename.endswith(
        ".csv"
    )
    body = open(download.path(), "rb").read()  # noqa: SIM115
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert {r[0] for r in rows[1:]} == {p.prison_number for p in live_demo.prisoners["B"]}

    event = AuditEvent.objects.filter(action="export").get()
    assert event.actor == admin and event.after["rows"] == 6
    assert event.after["filters"] == {"facility": str(b.pk), "current": "1"}
    assert event.reason == "Quarterly population return, facility B"
