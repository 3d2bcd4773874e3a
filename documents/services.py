"""Writes of documents: a new document, or a new version of one (never a replacement)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from core import writes
from core.grants import capabilities_of
from documents.checks import clean_document, digest
from documents.models import SENSITIVE, Document, DocumentKind, DocumentVersion, RecordType

if TYPE_CHECKING:
    from casemgmt.models import Prisoner

READERS = {"change_prisoner", "manage_caseplan"}


def _require(actor: Any, prisoner: Prisoner, kind: DocumentKind) -> None:
    """Custody staff or the case manager; a sensitive kind needs its capability (404 otherwise)."""
    if actor is None:
        return
    held = getattr(prisoner, "authorised", None)
    held = held[1] if held and held[0] == actor.pk else capabilities_of(actor, prisoner)
    if not (READERS & set(held)) or (kind.sensitive and SENSITIVE not in held):
        raise Http404


def _record_owner(record_type: str, record_id: int | None) -> int | None:
    """The prisoner a record belongs to (to refuse attaching to another person's record)."""
    if record_type == RecordType.FILE:
        return None

    model: Any = apps.get_model(record_type)  # a RecordType's model (its manager: ``objects``)
    row = model.objects.filter(pk=record_id).values("prisoner_id").first()
    if row is None:
        raise ValidationError({"record_id": _("The record it is attached to does not exist.")})
    owner: int | None = row["prisoner_id"]
    return owner


def _version(actor: Any, document: Document, upload: File[Any], note: str) -> DocumentVersion:
    data, content_type = clean_document(upload)
    last = document.versions.select_for_update().order_by("-number").first()
    version = DocumentVersion(
        prisoner_id=document.prisoner_id,
        document=document,
        number=(last.number + 1) if last else 1,
        content_type=content_type,
        size=len(data),
        sha256=digest(data),
        note=note.strip(),
        uploaded_by=actor if actor is not None and actor.pk else None,
    )
    version.file.save("upload.bin", ContentFile(data), save=False)
    writes.create(
        actor,
        version,
        subject=document.prisoner_id,
        after={
            "document": document.pk,
            "number": version.number,
            "content_type": content_type,
            "size": version.size,
            "sha256": version.sha256,
            "note": version.note,
        },
        exclude=["file"],
    )
    return version


@transaction.atomic
def document_add(
    *,
    actor: Any,
    prisoner: Prisoner,
    kind: DocumentKind,
    title: str,
    upload: File[Any],
    record_type: str = RecordType.FILE,
    record_id: int | None = None,
    note: str = "",
) -> Document:
    _require(actor, prisoner, kind)
    if not kind.is_active:
        raise ValidationError({"kind": _("This kind of document is no longer in use.")})
    if record_type not in RecordType.values:
        raise ValidationError({"record_type": _("Choose what it is attached to.")})
    owner = _record_owner(record_type, record_id)
    if owner is not None and owner != prisoner.pk:
        raise ValidationError({"record_id": _("The record it is attached to does not exist.")})
    if record_type == RecordType.FILE:
        record_id = None
    document = Document(
        prisoner_id=prisoner.pk,
        kind=kind,
        title=title.strip(),
        record_type=record_type,
        record_id=record_id,
        created_by=actor if actor is not None and actor.pk else None,
    )
    writes.create(
        actor,
        document,
        subject=prisoner.pk,
        after={
            "kind": kind.code,
            "title": document.title,
            "record_type": record_type,
            "record_id": record_id,
        },
    )
    _version(actor, document, upload, note)
    return document


@transaction.atomic
def version_add(*, actor: Any, document: Document, upload: File[Any], note: str = "") -> DocumentVersion:
    """A new version; the earlier ones stay as they were."""
    _require(actor, document.prisoner, document.kind)
    locked = Document.objects.select_for_update().get(pk=document.pk)
    return _version(actor, locked, upload, note)


def attached(record_type: str, record_ids: Iterable[int]) -> dict[int | None, list[Document]]:
    """{record id: [documents]} for the records of one type (no access check: callers
    restrict first)."""
    out: dict[int | None, list[Document]] = {}
    for doc in Document.objects.filter(record_type=record_type, record_id__in=list(record_ids)):
        out.setdefault(doc.record_id, []).append(doc)
    return out
