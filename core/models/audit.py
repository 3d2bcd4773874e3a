from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.choices import AuditAction


class AuditEvent(models.Model):
    """One append-only line of the audit trail (Mandela Rule 6).

    A database trigger refuses UPDATE and DELETE; ``row_hash`` chains each row
    to the one before it (``core.audit``), and ``manage.py verify_audit``
    recomputes the chain.
    """

    at = models.DateTimeField(_("when"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
        db_index=False,  # the (actor, -id) index below serves it: one index less to write
    )
    actor_label = models.CharField(_("who (as recorded)"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("record type"), max_length=100)
    object_id = models.CharField(_("record id"), max_length=64, blank=True)
    object_repr = models.CharField(_("record"), max_length=300, blank=True)
    subject = models.ForeignKey(
        settings.CASE_FILE_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prisoner"),
        db_index=False,  # the (subject, -id) index below serves it
    )
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    request_id = models.CharField(_("request"), max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64, editable=False)
    row_hash = models.CharField(max_length=64, editable=False)  # unique: Meta.constraints

    class Meta:
        db_table = "casemgmt_auditevent"  # the table the engine's models kept when they left casemgmt
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["subject", "-id"], name="audit_subject_recent"),
            models.Index(fields=["actor", "-id"], name="audit_actor_recent"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
        ]
        # A constraint, not ``unique=True``: the field's flag adds a second index for prefix
        # searches (``varchar_pattern_ops``), which nobody runs on a hash (migration 0003)
        constraints = [models.UniqueConstraint(fields=["row_hash"], name="casemgmt_auditevent_row_hash_key")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}"

    def audit_subjects(self) -> list[int]:
        """Reading a change-log row is reading its file (``core.reads``)."""
        return [self.subject_id] if self.subject_id else []


class ReadEvent(models.Model):
    """One response that carried prisoner data: who read which files, from which page,
    with which query (Mandela Rule 6, "who read this file").

    Reads have their own append-only chain, apart from the changes in ``AuditEvent``:
    every page and API call writes one, and they must not queue behind the writers of
    the change log's chain (``core.reads``). A trigger refuses UPDATE and DELETE;
    ``manage.py verify_audit`` recomputes both chains.
    """

    at = models.DateTimeField(_("when"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
        db_index=False,  # the (actor, -id) index below serves it: one index less to write
    )
    actor_label = models.CharField(_("who (as recorded)"), max_length=150, blank=True)
    route = models.CharField(_("page"), max_length=120, blank=True)
    method = models.CharField(max_length=8, blank=True)
    path = models.CharField(_("address"), max_length=300, blank=True)
    query = models.CharField(_("query"), max_length=500, blank=True)
    subjects = ArrayField(models.BigIntegerField(), default=list, verbose_name=_("files"))
    records = models.JSONField(_("records"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    request_id = models.CharField(_("request"), max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64, editable=False)
    row_hash = models.CharField(max_length=64, editable=False)  # unique: Meta.constraints

    class Meta:
        db_table = "casemgmt_readevent"
        verbose_name = _("read event")
        verbose_name_plural = _("read events")
        ordering = ["-id"]
        indexes = [
            GinIndex(fields=["subjects"], name="read_subjects"),
            models.Index(fields=["actor", "-id"], name="read_actor_recent"),
        ]
        # every page writes a row: no index here that another covers (migration core 0003)
        constraints = [models.UniqueConstraint(fields=["row_hash"], name="casemgmt_readevent_row_hash_key")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.route}"

    def audit_subjects(self) -> list[int]:
        """Reading a read-log row is reading of the files it names (``core.reads``)."""
        return list(self.subjects)
