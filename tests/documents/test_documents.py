"""Documents: uploads checked by content (an attack list refused), versions kept and never
replaced, each read audited, 404 across facilities and for a sensitive kind."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection
from django.http import Http404
from django.urls import reverse

from core.models import ReadEvent
from documents import services
from documents.models import DocumentVersion
from tests.documents.conftest import MINIMAL_PDF, png_bytes

pytestmark = pytest.mark.django_db


def _zip():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("a.txt", "x")
    return out.getvalue()


ATTACKS = [
    ("program.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200),  # a Windows program named .pdf
    ("page.pdf", b"<html><script>alert(1)</script></html>"),  # HTML named .pdf
    ("image.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ("archive.pdf", _zip()),
    ("empty.pdf", b""),
    (
        "script.pdf",
        MINIMAL_PDF.replace(b"/Type/Catalog", b"/Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>"),
    ),
    ("escaped.pdf", MINIMAL_PDF.replace(b"/Type/Catalog", b"/Type/Catalog/AA<</O<</S/J#61vaScript>>>>")),
    ("launch.pdf", MINIMAL_PDF.replace(b"/Type/Catalog", b"/Type/Catalog/Launch<</F(cmd.exe)>>")),
    ("embedded.pdf", MINIMAL_PDF.replace(b"/Type/Catalog", b"/Type/Catalog/Names<</EmbeddedFiles 3 0 R>>")),
    ("truncated.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n"),  # no end of file
    ("html-with-pdf-inside.pdf", b"<html><body>" + MINIMAL_PDF + b"</body></html>"),
    (
        "gif.gif",
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;",
    ),
]


@pytest.mark.parametrize("name,data", ATTACKS, ids=[a[0] for a in ATTACKS])
def test_attack_uploads_are_refused(demo, kinds, private_storage, name, data):
    with pytest.raises(ValidationError):
        services.document_add(
            actor=demo.users["officer.a"],
            prisoner=demo.prisoners["A"][0],
            kind=kinds["court_order"],
            title="Order",
            upload=SimpleUploadedFile(name, data, content_type="application/pdf"),
        )
    assert not DocumentVersion.objects.exists()  # nothing half-saved


def test_too_large_is_refused(demo, kinds, private_storage, settings, pdf):
    settings.DOCUMENT_MAX_BYTES = 100
    with pytest.raises(ValidationError):
        services.document_add(
            actor=demo.users["officer.a"],
            prisoner=demo.prisoners["A"][0],
            kind=kinds["judgment"],
            title="J",
            upload=pdf(),
        )


def test_a_polyglot_tail_is_cut_and_an_image_re_encoded(demo, kinds, private_storage, pdf):
    officer, prisoner = demo.users["officer.a"], demo.prisoners["A"][0]
    doc = services.document_add(
        actor=officer,
        prisoner=prisoner,
        kind=kinds["judgment"],
        title="J",
        upload=pdf(data=MINIMAL_PDF + b"<script>alert(1)</script>"),
    )
    stored = doc.current().file.read()
    assert stored.startswith(b"%PDF-") and b"<script>" not in stored
    scan = services.document_add(
        actor=officer,
        prisoner=prisoner,
        kind=kinds["identity_document"],
        title="Passport",
        upload=SimpleUploadedFile("scan.png", png_bytes() + b"<?php system($_GET[1]); ?>"),
    )
    assert scan.current().content_type == "image/png" and b"<?php" not in scan.current().file.read()


def test_versions_are_kept_never_replaced(demo, kinds, private_storage, pdf):
    officer, prisoner = demo.users["officer.a"], demo.prisoners["A"][0]
    doc = services.document_add(
        actor=officer, prisoner=prisoner, kind=kinds["judgment"], title="J", upload=pdf()
    )
    first = doc.current()
    second = services.version_add(
        actor=officer,
        document=doc,
        upload=pdf(data=MINIMAL_PDF.replace(b"Count 0", b"Count 0/V 2")),
        note="signed copy",
    )
    assert [v.number for v in doc.versions.order_by("number")] == [1, 2]
    assert second.sha256 != first.sha256 and first.file.read()  # the first is still there
    assert "order" not in first.file.name  # the stored name is generated
    with pytest.raises(DatabaseError), connection.cursor() as cursor:
        cursor.execute("DELETE FROM documents_documentversion WHERE id = %s", [first.pk])


def test_download_is_an_audited_attachment_and_404_across_facilities(
    demo, kinds, private_storage, pdf, login
):
    officer, prisoner = demo.users["officer.a"], demo.prisoners["A"][0]
    doc = services.document_add(
        actor=officer, prisoner=prisoner, kind=kinds["judgment"], title="J", upload=pdf()
    )
    url = reverse("documents:download", args=[doc.current().pk])
    response = login(officer).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    event = ReadEvent.objects.order_by("-id").first()
    assert prisoner.pk in event.subjects
    for other in ("officer.b", "programme.a", "auditor", "admin"):
        assert login(demo.users[other]).get(url).status_code == 404
    assert login(demo.users["casemanager.a"]).get(url).status_code == 200


def test_sensitive_kinds_need_their_capability(demo, kinds, private_storage, pdf, login):
    supervisor, prisoner = demo.users["supervisor.a"], demo.prisoners["A"][0]
    doc = services.document_add(
        actor=supervisor, prisoner=prisoner, kind=kinds["security_report"], title="Report", upload=pdf()
    )
    url = reverse("documents:download", args=[doc.current().pk])
    assert login(supervisor).get(url).status_code == 200
    assert login(demo.users["officer.a"]).get(url).status_code == 404
    assert login(demo.users["casemanager.a"]).get(url).status_code == 404
    with pytest.raises(Http404):
        services.document_add(
            actor=demo.users["officer.a"],
            prisoner=prisoner,
            kind=kinds["security_report"],
            title="R",
            upload=pdf(),
        )


def test_cannot_attach_to_another_persons_record(demo, kinds, private_storage, pdf):
    from legal import services as legal

    officer = demo.users["officer.a"]
    case = legal.case_create(actor=officer, prisoner=demo.prisoners["A"][1], case_number="9", court="Суд")
    with pytest.raises(ValidationError):
        services.document_add(
            actor=officer,
            prisoner=demo.prisoners["A"][0],
            kind=kinds["judgment"],
            title="J",
            upload=pdf(),
            record_type="legal.legalcase",
            record_id=case.pk,
        )
