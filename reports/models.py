"""Export jobs: an export prepared in the background, downloaded until it expires."""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.choices import JobStatus
from reports.exports import EXPORTS, ExportFormat

#: the reason an export is asked for: what the page and the API accept (issue 16)
REASON_MAX = 500
#: a failed job's error text (the worker keeps its first 2,000 characters)
ERROR_MAX = 4000


def export_path(instance: "ExportJob", filename: str) -> str:
    # Private storage (never under a served URL); the name is the job's random id.
    return f"exports/{instance.pk}.{instance.format}"


class ExportJob(models.Model):
    """One export of one list by one user, with the filters and the reason given.
    The rows are the user's at the time the job runs (their grants, their language);
    the file is served only to that user, through an access-checked view, until
    ``expires_at``; a beat task then deletes it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    export = models.CharField(_("list"), max_length=30)
    format = models.CharField(_("format"), max_length=5, choices=ExportFormat.choices)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    reason = models.TextField(_("reason"), max_length=REASON_MAX, validators=[MaxLengthValidator(REASON_MAX)])
    language = models.CharField(max_length=8, default="ru")
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(_("file"), upload_to=export_path, blank=True)
    # The prisoners the prepared file is about (its rows' files), written with the file:
    # each download names them in the read log, as the CSV download does at once.
    subjects = ArrayField(models.BigIntegerField(), default=list, blank=True, editable=False)
    error = models.TextField(blank=True, max_length=ERROR_MAX, validators=[MaxLengthValidator(ERROR_MAX)])
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="export_user_recent"),
            models.Index(fields=["status", "expires_at"], name="export_expiry"),
        ]

    def __str__(self) -> str:
        return f"{self.export}.{self.format} · {self.user} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return min(99, round(100 * self.rows_done / self.rows_total)) if self.rows_total else 0

    @property
    def is_expired(self) -> bool:
        return self.status == JobStatus.EXPIRED or (
            self.expires_at is not None and self.expires_at <= timezone.now()
        )

    @property
    def title(self) -> str:
        """The list's name in the reader's language (its code for a list no longer defined)."""
        spec = EXPORTS.get(self.export)
        return str(spec.title) if spec is not None else self.export

    @property
    def filename(self) -> str:
        return f"{self.export}-{timezone.localtime(self.created_at):%Y%m%d-%H%M}.{self.format}"
