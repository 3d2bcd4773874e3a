"""The documents app's rows of the security matrices (``tests/security``)."""

# fmt: off
ROUTES = {
    # route: (object kind, other URL arguments, statuses for
    #          anonymous officer.a officer.b casemanager.a programme.a supervisor.a admin auditor)
    "document-detail": ('document', {}, "401/401 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "document-download": ('document', {'number': 1}, "401/401 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "document-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "document-versions": ('document', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "documents:download": ('documentversion', {}, "302/302 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "documents:upload": ('prisoner', {}, "302/302 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "documents:version": ('document', {}, "302/302 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "documents:intake-scan": ('admission', {}, "302/302 405/404 404/405 404/404 404/404 405/404 404/404 404/404"),
    "intake-scan-detail": ('intakescan', {}, "401/401 200/404 404/200 404/404 404/404 200/404 404/404 404/404"),
    "intake-scan-list": (None, {}, "401 200 200 200 200 200 200 200"),
}

WRITES = {
    'document-list': {'POST': '401 400 400 400 400 400 400 400'},
    'document-versions': {'POST': '401/401 400/404 404/400 400/404 404/404 400/404 404/404 404/404'},
    'documents:upload': {'POST': '302/302 400/404 404/400 400/404 404/404 400/404 404/404 404/404'},
    'documents:version': {'POST': '302/302 400/404 404/400 400/404 404/404 400/404 404/404 404/404'},
    # the reception desk of the draft: back to the order step with the message (as intake:photo)
    'documents:intake-scan': {'POST': '302/302 302/404 404/302 404/404 404/404 302/404 404/404 404/404'},
    'intake-scan-list': {'POST': '401 400 400 400 400 400 400 400'},
}
# fmt: on

KINDS = {
    "documents:upload": "prisoner",
    "documents:version": "document",
    "documents:download": "documentversion",
    "document-detail": "document",
    "document-versions": "document",
    "document-download": "document",
    "documents:intake-scan": "admission",
    "intake-scan-detail": "intakescan",
}
EXTRA = {"document-download": {"number": 1}}


def objects(demo) -> dict[str, tuple[int, int]]:
    """A judgment on a prisoner of each facility, uploaded by its officer."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from documents import services
    from documents.apps import ensure_kinds
    from documents.models import DocumentKind

    ensure_kinds()
    pdf = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    kind = DocumentKind.objects.get(code="judgment")
    docs = [
        services.document_add(
            actor=demo.users[officer],
            prisoner=demo.prisoners[side][3],
            kind=kind,
            title="Judgment",
            upload=SimpleUploadedFile("j.pdf", pdf),
        )
        for side, officer in (("A", "officer.a"), ("B", "officer.b"))
    ]
    # The scan of the commitment order on each facility's first draft intake, by its officer.
    from documents.intake_scans import intake_scan_add
    from intake.models import Admission

    scans = []
    for side, officer in (("A", "officer.a"), ("B", "officer.b")):
        draft = (
            Admission.objects.filter(facility=demo.facilities[side], status="draft").order_by("pk").first()
        )
        scans.append(
            intake_scan_add(
                actor=demo.users[officer], admission_id=draft.pk, upload=SimpleUploadedFile("o.pdf", pdf)
            ).pk
            if draft
            else 0
        )
    return {
        "document": (docs[0].pk, docs[1].pk),
        "documentversion": (docs[0].current().pk, docs[1].current().pk),
        "intakescan": tuple(scans),
    }
