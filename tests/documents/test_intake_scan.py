"""The scan of the intake's commitment order: attached on the order step of a draft (there
is no file yet), checked by content like any document, kept for the reception desk only,
and carried onto the file — a document attached to the admission — on completion."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import AuditEvent, ReadEvent
from documents.models import Document, IntakeScan
from intake import services as intake
from tests.documents.conftest import MINIMAL_PDF
from tests.intake.conftest import make_draft


def _upload(name="order.pdf", data=MINIMAL_PDF):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_the_order_step_offers_the_scan_and_keeps_it_on_the_draft(demo, kinds, private_storage, login):
    draft = make_draft(demo)
    client = login(demo.users["officer.a"])
    page = client.get(reverse("intake:step", args=[draft.pk, "order"])).content.decode()
    assert reverse("documents:intake-scan", args=[draft.pk]) in page and 'type="file"' in page
    response = client.post(reverse("documents:intake-scan", args=[draft.pk]), {"file": _upload()})
    assert response.status_code == 302 and response["Location"].endswith(f"/{draft.pk}/order/")
    scan = IntakeScan.objects.get(admission=draft)
    assert scan.kind.code == "commitment_order" and scan.title.endswith("1-245/2026")
    assert scan.file.read().startswith(b"%PDF-")
    assert AuditEvent.objects.filter(object_type="documents.intakescan", object_id=str(scan.pk)).exists()
    page = client.get(reverse("intake:step", args=[draft.pk, "order"])).content.decode()
    assert scan.title in page
    assert ReadEvent.objects.order_by("-id").first().records.get("intake.admission") == [str(draft.pk)]


def test_a_bad_upload_is_refused_with_a_message_and_nothing_saved(demo, kinds, private_storage, login):
    draft = make_draft(demo)
    client = login(demo.users["officer.a"])
    client.cookies["lang"] = "en"
    html = b"<html><body>" + MINIMAL_PDF + b"</body></html>"
    response = client.post(
        reverse("documents:intake-scan", args=[draft.pk]), {"file": _upload("order.pdf", html)}, follow=True
    )
    assert "Only PDF documents and JPEG or PNG scans are accepted." in response.content.decode()
    assert not IntakeScan.objects.exists()


def test_only_the_reception_desk_of_the_draft_may_attach(demo, kinds, private_storage, login):
    draft = make_draft(demo)
    for user in ("officer.b", "casemanager.a", "programme.a", "admin", "auditor"):
        response = login(demo.users[user]).post(
            reverse("documents:intake-scan", args=[draft.pk]), {"file": _upload()}
        )
        assert response.status_code == 404, user
    assert not IntakeScan.objects.exists()


def test_completion_carries_the_scan_onto_the_file(demo, kinds, private_storage, login):
    draft = make_draft(demo)
    officer = demo.users["officer.a"]
    client = login(officer)
    client.post(reverse("documents:intake-scan", args=[draft.pk]), {"file": _upload()})
    done = intake.admission_complete(actor=officer, admission=draft)
    scan = IntakeScan.objects.get(admission=draft)
    document = Document.objects.get(prisoner=done.prisoner)
    assert scan.document == document
    assert (document.record_type, document.record_id, document.kind.code) == (
        "intake.admission",
        draft.pk,
        "commitment_order",
    )
    version = document.current()
    assert version.number == 1 and version.sha256 == scan.sha256 and version.file.name == scan.file.name
    assert AuditEvent.objects.filter(object_type="documents.document", subject_id=done.prisoner_id).exists()
    # The file's document is downloaded like any other; the draft's control is gone.
    download = client.get(reverse("documents:download", args=[version.pk]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment;")
    assert (
        login(demo.users["officer.b"]).get(reverse("documents:download", args=[version.pk])).status_code
        == 404
    )
    response = client.post(reverse("documents:intake-scan", args=[draft.pk]), {"file": _upload()})
    assert response.status_code == 404  # a filed intake is not a draft of the desk
    assert IntakeScan.objects.count() == 1


def test_the_api_attaches_and_lists_the_scans_of_the_desks_drafts(demo, kinds, private_storage, api):
    draft = make_draft(demo)
    client = api(demo.users["officer.a"])
    created = client.post(
        "/api/v1/intake-scans/", {"admission": draft.pk, "file": _upload()}, format="multipart"
    )
    assert created.status_code == 201 and created.data["kind"] == "commitment_order"
    listed = client.get("/api/v1/intake-scans/", {"admission": draft.pk})
    assert [row["id"] for row in listed.data["results"]] == [created.data["id"]]
    other = api(demo.users["officer.b"])
    refused = other.post(
        "/api/v1/intake-scans/", {"admission": draft.pk, "file": _upload()}, format="multipart"
    )
    assert refused.status_code == 404
    assert other.get("/api/v1/intake-scans/").data["results"] == []
    assert other.get(f"/api/v1/intake-scans/{created.data['id']}/").status_code == 404
