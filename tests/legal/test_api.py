"""The API of the legal record, the plan, handover and copies; documents by multipart."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.documents.conftest import MINIMAL_PDF

pytestmark = pytest.mark.django_db


def test_record_a_case_sentence_and_read_the_release_date(demo, api):
    officer = api(demo.users["officer.a"])
    prisoner = demo.prisoners["A"][0]
    today = timezone.localdate()
    case = officer.post(
        "/api/v1/legal-cases/",
        {
            "prisoner": prisoner.pk,
            "case_number": "1-5/2026",
            "court": "Суд",
            "charges": [["ст. 186", "Theft"]],
        },
        format="json",
    )
    assert case.status_code == 201, case.content
    remand = officer.post(
        "/api/v1/remand-periods/",
        {
            "case": case.data["id"],
            "start_on": str(today - dt.timedelta(days=50)),
            "end_on": str(today - dt.timedelta(days=1)),
        },
        format="json",
    )
    assert remand.status_code == 201
    sentence = officer.post(
        "/api/v1/sentences/", {"case": case.data["id"], "sentenced_on": str(today), "years": 1}, format="json"
    )
    assert sentence.status_code == 201, sentence.content
    calcs = officer.get(f"/api/v1/release-calculations/?prisoner={prisoner.pk}")
    latest = calcs.data["results"][0] if "results" in calcs.data else calcs.data[0]
    assert latest["credit_days"] == 50 and latest["explanation"]
    # another facility's officer: 404 on writes naming the case, nothing in lists
    other = api(demo.users["officer.b"])
    assert (
        other.post(
            "/api/v1/sentences/",
            {"case": case.data["id"], "sentenced_on": str(today), "years": 1},
            format="json",
        ).status_code
        == 404
    )
    assert other.get(f"/api/v1/legal-cases/{case.data['id']}/").status_code == 404
    # the case manager reads the record; programme staff do not
    assert api(demo.users["casemanager.a"]).get(f"/api/v1/legal-cases/{case.data['id']}/").status_code == 200
    assert api(demo.users["programme.a"]).get(f"/api/v1/legal-cases/{case.data['id']}/").status_code == 404
    bad = officer.post(
        "/api/v1/sentences/", {"case": case.data["id"], "sentenced_on": str(today)}, format="json"
    )
    assert bad.status_code == 400


def test_documents_by_api(demo, api, private_storage, kinds):
    officer = api(demo.users["officer.a"])
    prisoner = demo.prisoners["A"][0]
    response = officer.post(
        "/api/v1/documents/",
        {
            "prisoner": prisoner.pk,
            "kind": "judgment",
            "title": "Judgment",
            "file": SimpleUploadedFile("j.pdf", MINIMAL_PDF),
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    doc = response.data["id"]
    refused = officer.post(
        f"/api/v1/documents/{doc}/versions/",
        {"file": SimpleUploadedFile("x.pdf", b"MZ\x90")},
        format="multipart",
    )
    assert refused.status_code == 400
    download = officer.get(f"/api/v1/documents/{doc}/versions/1/download/")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert (
        api(demo.users["officer.b"]).get(f"/api/v1/documents/{doc}/versions/1/download/").status_code == 404
    )


def test_plan_handover_and_copy_by_api(demo, api):
    cm = api(demo.users["casemanager.a"])
    prisoner = demo.prisoners["A"][0]
    plan = cm.post("/api/v1/release-plans/", {"prisoner": prisoner.pk}, format="json")
    assert plan.status_code == 201
    item = cm.post(
        f"/api/v1/release-plans/{plan.data['id']}/items/",
        {"pathway": "accommodation", "action": "Find a room"},
        format="json",
    )
    assert item.status_code == 201
    assert (
        cm.patch(
            f"/api/v1/release-plan-items/{item.data['id']}/", {"status": "done"}, format="json"
        ).status_code
        == 200
    )
    assert (
        cm.post(
            f"/api/v1/release-plans/{plan.data['id']}/status/", {"status": "ready"}, format="json"
        ).status_code
        == 200
    )
    assert api(demo.users["officer.a"]).get(f"/api/v1/release-plans/{plan.data['id']}/").status_code == 404
    handover = cm.post(
        "/api/v1/handovers/",
        {
            "prisoner": prisoner.pk,
            "agency": "community",
            "recipient": "Hukumat",
            "sections": ["identity", "plan"],
            "reason": "release",
        },
        format="json",
    )
    assert handover.status_code == 201
    content = cm.get(f"/api/v1/handovers/{handover.data['id']}/content/")
    assert [title for title, _ in content.data["sections"]] == ["Identity", "Release and reintegration plan"]
    req = cm.post("/api/v1/copy-requests/", {"prisoner": prisoner.pk}, format="json")
    assert req.status_code == 201
    assert cm.get(f"/api/v1/copy-requests/{req.data['id']}/content/").status_code == 200
    assert cm.post(f"/api/v1/copy-requests/{req.data['id']}/deliver/", {}, format="json").status_code == 200
