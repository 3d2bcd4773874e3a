"""Celery tasks: take ids, idempotent, retried with backoff; they call services."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from casemgmt.models import Prisoner, User
from casemgmt.permissions import Capability
from core import outbox
from core.querysets import holds
from notifications import services
from notifications.models import Reminder


@shared_task(
    bind=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
    acks_late=True,
    ignore_result=True,
)
def sweep_reminders(self, pause: float = 0.0):
    services.sweep(pause=pause)


@shared_task(
    bind=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
    acks_late=True,
    ignore_result=True,
)
def send_reminder_emails(self, reminder_ids: list[int]):
    """One email per reminder, in the recipient's language, unless they chose the digest.
    A reminder already emailed is skipped, so a retried task sends nothing twice; one
    another delivery is emailing now (locked) is left to it, and this message stays pending
    in the outbox (``LATER``) in case that delivery is lost."""
    answer = None
    for rid in reminder_ids:
        with transaction.atomic():
            reminder = (
                Reminder.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("recipient", "prisoner")
                .filter(pk=rid, emailed_at__isnull=True)
                .first()
            )
            if reminder is None:
                if Reminder.objects.filter(pk=rid, emailed_at__isnull=True).exists():
                    answer = outbox.LATER  # locked: another delivery is sending it
                continue
            if reminder.recipient.email_digest or not reminder.recipient.email:
                continue
            if not _still_readable(reminder):
                continue  # the recipient lost the file since the sweep: no email about it
            _mail(reminder.recipient, [reminder])
            reminder.emailed_at = timezone.now()
            reminder.save(update_fields=["emailed_at"])
    return answer


@shared_task(
    bind=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
    ignore_result=True,
)
def send_digests(self):
    """The daily email of those who chose a digest: every reminder not yet emailed."""
    for user in User.objects.filter(email_digest=True, is_active=True).exclude(email=""):
        with transaction.atomic():
            pending = list(
                Reminder.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("prisoner")
                .filter(recipient=user, emailed_at__isnull=True)
                # only about files the recipient still holds (a reallocation may have come since)
                .filter(Q(prisoner__isnull=True) | holds(user, Capability.VIEW))
                .order_by("due_date")
            )
            if not pending:
                continue
            _mail(user, pending)
            Reminder.objects.filter(pk__in=[r.pk for r in pending]).update(emailed_at=timezone.now())


def _still_readable(reminder) -> bool:
    if reminder.prisoner_id is None:
        return True
    return (
        Prisoner.objects.restrict(reminder.recipient, Capability.VIEW)
        .filter(pk=reminder.prisoner_id)
        .exists()
    )


def _mail(user, reminders) -> None:
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {"user": user, "reminders": reminders, "base_url": getattr(settings, "SITE_URL", "")}
        subject = render_to_string("notifications/email_subject.txt", context).strip()
        body = render_to_string("notifications/email_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
