"""The transactional outbox: work a transaction asks of the workers, written in it."""

from __future__ import annotations

import uuid

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: the last broker error kept on a message
OUTBOX_ERROR_MAX = 2000


class OutboxMessage(models.Model):
    """One task to send to the workers, inserted in the same transaction as the record
    that asks for it (an export job, a batch of reminders), so a committed request is
    never lost when the broker is down. The dispatcher (``core.outbox.dispatch``,
    right after commit and every minute from beat) publishes what is not yet confirmed;
    the row's id is the Celery task id, and the worker confirms it (``done_at``) when the
    task has run. Tasks sent this way are idempotent: a message delivered twice does the
    work once."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    task = models.CharField(max_length=200)
    kwargs = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # published to the broker (the last time), and how often
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    # not before: a message sent and not confirmed is sent again later, each time later
    next_attempt_at = models.DateTimeField(default=timezone.now)
    # the worker ran the task (successfully or for good with an error)
    done_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(
        blank=True, max_length=OUTBOX_ERROR_MAX, validators=[MaxLengthValidator(OUTBOX_ERROR_MAX)]
    )

    class Meta:
        db_table = "casemgmt_outboxmessage"
        verbose_name = _("background task")
        verbose_name_plural = _("background tasks")
        indexes = [
            models.Index(fields=["next_attempt_at"], name="outbox_pending", condition=Q(done_at__isnull=True))
        ]

    def __str__(self) -> str:
        return f"{self.task} {self.pk}"
