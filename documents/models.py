"""Documents attached to the file and its records: each upload is a new version, none is
ever replaced or deleted (a database trigger), and every file sits outside the web root."""

from __future__ import annotations

import uuid
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.querysets import FileRecordQuerySet, holds
from intake.models import Admission
from intake.querysets import DRAFT


class DocumentKind(models.Model):
    """Reference data: the kinds of document (commitment order, judgment, certificate...)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_ru = models.CharField(_("name (Russian)"), max_length=100, blank=True)
    name_tg = models.CharField(_("name (Tajik)"), max_length=100, blank=True)
    sensitive = models.BooleanField(
        _("sensitive"),
        default=False,
        help_text=_("Read only by holders of the sensitive documents capability."),
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("kind of document")
        verbose_name_plural = _("kinds of document")
        ordering = ["name"]

    def __str__(self) -> str:
        lang = (get_language() or "en")[:2]
        return {"ru": self.name_ru, "tg": self.name_tg}.get(lang) or self.name


class RecordType(models.TextChoices):
    FILE = "file", _("The file")
    CASE = "legal.legalcase", _("Criminal case")
    HEARING = "legal.hearing", _("Hearing")
    SENTENCE = "legal.sentence", _("Sentence")
    APPEAL = "legal.appeal", _("Appeal")
    ADMISSION = "intake.admission", _("Admission (commitment order)")
    PLAN = "legal.releaseplan", _("Release plan")


class DocumentQuerySet(FileRecordQuerySet):
    """Read: the facility's custody staff and the case manager (as the legal record the
    documents prove); a sensitive kind only with ``view_sensitive_documents``."""

    read_any_of = ("change_prisoner", "manage_caseplan")
    kind_path = "kind__"

    def restrict(self, user: Any, action: str = "view") -> Self:
        qs = super().restrict(user, action)
        if action == "view" and qs.query.is_empty() is False:
            qs = qs.filter(models.Q(**{f"{self.kind_path}sensitive": False}) | holds(user, SENSITIVE))
        return qs


SENSITIVE = "view_sensitive_documents"


def document_path(instance, filename: str) -> str:
    # Generated: nothing the uploader typed reaches the file system.
    return f"documents/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.bin"


class Document(models.Model):
    prisoner = models.ForeignKey("casemgmt.Prisoner", on_delete=models.PROTECT, related_name="+")
    kind = models.ForeignKey(DocumentKind, on_delete=models.PROTECT, verbose_name=_("kind"))
    title = models.CharField(_("title"), max_length=200)
    record_type = models.CharField(
        _("attached to"), max_length=20, choices=RecordType.choices, default=RecordType.FILE
    )
    record_id = models.BigIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["record_type", "record_id"], name="document_record")]

    def __str__(self) -> str:
        return self.title

    def current(self):
        return self.versions.order_by("-number").first()


class VersionQuerySet(DocumentQuerySet):
    kind_path = "document__kind__"


class DocumentVersion(models.Model):
    prisoner = models.ForeignKey("casemgmt.Prisoner", on_delete=models.PROTECT, related_name="+")
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions", db_index=False)
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(upload_to=document_path)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    note = models.CharField(_("note"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = VersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="document_version_unique")]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    @property
    def extension(self) -> str:
        return {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(
            self.content_type, "bin"
        )


class IntakeScanQuerySet(models.QuerySet):
    """A scan of a draft intake is read by its reception desk (``intake``'s drafts);
    once the intake is filed it is the file's document, read as any other."""

    def restrict(self, user: Any, action: str = "view") -> Self:
        return self.filter(admission__in=Admission.objects.restrict(user, DRAFT).values("pk"))


class IntakeScan(models.Model):
    """The scan of the commitment order, uploaded at reception while the intake is a draft
    (there is no file yet); carried onto the file as a document attached to the admission
    when the intake completes (``document``). Checked by content like any document."""

    admission = models.ForeignKey(
        "intake.Admission", on_delete=models.PROTECT, related_name="+", verbose_name=_("admission")
    )
    kind = models.ForeignKey(DocumentKind, on_delete=models.PROTECT, verbose_name=_("kind"))
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(upload_to=document_path)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    document = models.OneToOneField(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document"),
    )

    objects = IntakeScanQuerySet.as_manager()

    class Meta:
        verbose_name = _("scan of the commitment order")
        verbose_name_plural = _("scans of the commitment order")
        ordering = ["admission", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title
