"""Reminders (the exactly-once record of what was due, for whom) and the in-app
notifications they produce; sweeps are logged for operations."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.querysets import holds
from notifications.choices import ReminderKind


class NotificationQuerySet(models.QuerySet):
    def restrict(self, user, action: str = "view") -> NotificationQuerySet:
        """The user's own notifications about prisoners on whom they still hold ``action``
        (and those about no prisoner): a case manager who lost a file after a reallocation
        no longer sees what was sent about it. One subquery over the grants."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(recipient_id=user.pk).filter(Q(prisoner__isnull=True) | holds(user, action))

    def readable(self, user) -> NotificationQuerySet:
        """What the bell counts and the list shows (the file must still be readable)."""
        return self.restrict(user, "view")


class Reminder(models.Model):
    """Inserted before anything is sent: its unique key (what, which record, which due
    date, whom) makes a second sweep, a parallel sweep or a retried one a no-op."""

    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    subject_type = models.CharField(max_length=40)
    subject_id = models.BigIntegerField()
    due_date = models.DateField(_("due"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminders",
        db_index=False,
    )
    prisoner = models.ForeignKey("casemgmt.Prisoner", on_delete=models.CASCADE, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    sweep = models.ForeignKey(
        "notifications.SweepRun", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_type", "subject_id", "due_date", "recipient"], name="reminder_once"
            )
        ]
        indexes = [models.Index(fields=["recipient", "emailed_at"], name="reminder_mail_queue")]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject_type}:{self.subject_id} → {self.recipient_id}"


class Notification(models.Model):
    """What the recipient sees under the bell."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        db_index=False,
    )
    reminder = models.OneToOneField(
        Reminder, on_delete=models.CASCADE, null=True, related_name="notification"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    prisoner = models.ForeignKey("casemgmt.Prisoner", on_delete=models.CASCADE, null=True, related_name="+")
    due_date = models.DateField(_("due"), null=True)
    link = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient_id}"


class SweepRun(models.Model):
    """One run of the reminder sweep: when, how much, what went wrong."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created = models.PositiveIntegerField(default=0)
    considered = models.PositiveIntegerField(default=0)
    batches = models.PositiveIntegerField(default=0)
    # written by the sweep itself (cut at 2,000); the limit is the rule for every free text
    errors = models.TextField(blank=True, max_length=4000, validators=[MaxLengthValidator(4000)])

    class Meta:
        verbose_name = _("reminder sweep")
        verbose_name_plural = _("reminder sweeps")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} +{self.created}"
