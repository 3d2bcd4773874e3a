"""Issue 20 in a real browser: the officer attaches the commitment order's scan on the
order step of a draft intake; the case manager downloads the handover summary as a PDF
from its print page, whose Print button runs under the page's policy."""

from __future__ import annotations

import pytest

from tests.documents.conftest import MINIMAL_PDF
from tests.intake.conftest import make_draft

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _private_media(private_storage):
    """Uploads go to a throw-away folder."""


def test_the_officer_attaches_the_scan_on_the_order_step(page, live_server, live_demo, sign_in):
    from documents.apps import ensure_kinds
    from documents.models import IntakeScan

    ensure_kinds()
    draft = make_draft(live_demo)
    sign_in(page, "officer.a")
    page.goto(f"{live_server.url}/intake/{draft.pk}/order/")
    panel = page.locator("#order-scan")
    panel.locator("input[type=file]").set_input_files(
        {"name": "order.pdf", "mimeType": "application/pdf", "buffer": MINIMAL_PDF}
    )
    with page.expect_navigation():
        panel.locator("button[type=submit]").click()
    assert page.url.endswith(f"/intake/{draft.pk}/order/")
    scan = IntakeScan.objects.get(admission=draft)
    assert scan.title in page.locator("#order-scan li").first.inner_text()


def test_the_case_manager_downloads_the_handover_as_pdf(page, live_server, live_demo, sign_in):
    from legal import services

    prisoner = live_demo.prisoners["A"][0]
    summary = services.handover_create(
        actor=live_demo.users["casemanager.a"],
        prisoner=prisoner,
        agency="probation",
        recipient="Probation office",
        sections=["identity"],
        reason="release",
    )
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    sign_in(page, "casemanager.a")
    page.goto(f"{live_server.url}/legal/handovers/{summary.pk}/")
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.locator("button[data-print]").click()
    assert page.evaluate("window.__printed === true")
    with page.expect_download() as info:
        page.locator(f"a[href$='/handovers/{summary.pk}/pdf/']").click()
    download = info.value
    assert download.suggested_filename == f"handover-{summary.pk}.pdf"
    with open(download.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    assert violations == []
