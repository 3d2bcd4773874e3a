"""The scan of the intake's commitment order (issue 20): uploaded on the order step while
the intake is a draft — there is no file yet to attach a document to — and carried onto
the file, as a document attached to the admission, when the intake completes. The intake
knows nothing of it: this module registers a panel of the order step and a completion
hook with ``intake.extensions``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from core import audit, writes
from core.choices import AuditAction
from documents.checks import clean_document, digest
from documents.forms import IntakeScanForm
from documents.models import Document, DocumentKind, DocumentVersion, IntakeScan, RecordType
from intake import extensions
from intake.choices import Step
from intake.models import Admission
from intake.querysets import DRAFT

#: the kind of document the scan becomes (reference data of migration 0002)
KIND = "commitment_order"


def _kind() -> DocumentKind:
    kind = DocumentKind.objects.filter(code=KIND, is_active=True).first()
    if kind is None:
        raise ValidationError(_("This kind of document is no longer in use."))
    return kind


@transaction.atomic
def intake_scan_add(*, actor, admission_id: int, upload, title: str = "") -> IntakeScan:
    """A checked scan on a draft the actor works on at reception (404 otherwise: another
    desk's draft, a filed or missing intake look the same)."""
    drafts = Admission.objects.restrict(actor, DRAFT) if actor is not None else Admission.objects.all()
    locked = drafts.select_for_update().filter(pk=admission_id).first()
    if locked is None:
        raise Http404
    if not locked.is_draft:
        raise ValidationError(_("This intake is already closed."), code="closed")
    data, content_type = clean_document(upload)
    kind = _kind()
    title = title.strip() or " ".join(p for p in (str(kind), locked.order_number) if p)
    scan = IntakeScan(
        admission=locked,
        kind=kind,
        title=title[:200],
        content_type=content_type,
        size=len(data),
        sha256=digest(data),
        uploaded_by=actor if actor is not None and actor.pk else None,
    )
    scan.file.save("upload.bin", ContentFile(data), save=False)
    writes.create(
        actor,
        scan,
        object_repr="intake: scan of the commitment order",
        after={
            "admission": locked.pk,
            "kind": kind.code,
            "title": scan.title,
            "content_type": content_type,
            "size": scan.size,
            "sha256": scan.sha256,
        },
        exclude=["file", "document"],
    )
    return scan


def carry(*, actor, admission, prisoner) -> list[Document]:
    """At completion (in its transaction): each scan becomes a document of the file,
    attached to the admission; its one version is the stored scan (the same bytes, the
    same stored file: nothing copied, nothing changed)."""
    carried = []
    for scan in IntakeScan.objects.select_for_update().filter(
        admission_id=admission.pk, document__isnull=True
    ):
        document = Document(
            prisoner_id=prisoner.pk,
            kind=scan.kind,
            title=scan.title,
            record_type=RecordType.ADMISSION,
            record_id=admission.pk,
            created_by=actor if actor is not None and actor.pk else None,
        )
        document.full_clean()
        document.save()
        version = DocumentVersion(
            prisoner_id=prisoner.pk,
            document=document,
            number=1,
            file=scan.file.name,
            content_type=scan.content_type,
            size=scan.size,
            sha256=scan.sha256,
            note=_("Scanned at reception"),
            uploaded_by=scan.uploaded_by,
        )
        version.save()
        scan.document = document
        scan.save(update_fields=["document"])
        audit.record_many(
            actor,
            [
                audit.Entry(
                    action=AuditAction.CREATE,
                    obj=document,
                    subject=prisoner.pk,
                    after={
                        "kind": scan.kind.code,
                        "title": document.title,
                        "record_type": RecordType.ADMISSION,
                        "record_id": admission.pk,
                        "intake_scan": scan.pk,
                    },
                ),
                audit.Entry(
                    action=AuditAction.CREATE,
                    obj=version,
                    subject=prisoner.pk,
                    after={
                        "document": document.pk,
                        "number": 1,
                        "content_type": version.content_type,
                        "size": version.size,
                        "sha256": version.sha256,
                    },
                ),
            ],
        )
        carried.append(document)
    return carried


def panel(admission, user) -> dict | None:
    """The order step's block: the scans so far and the upload control (on a draft)."""
    if not admission.is_draft:
        return None
    scans = list(IntakeScan.objects.filter(admission_id=admission.pk).order_by("uploaded_at", "id"))
    return {
        "template": "documents/_intake_scan.html",
        "admission": admission,
        "scans": scans,
        "form": IntakeScanForm(),
    }


def register() -> None:
    extensions.register_panel(Step.ORDER, panel)
    extensions.register_on_complete("documents.intake_scans", carry)
