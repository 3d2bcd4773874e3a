"""The broker down while the sweep runs: every reminder is still emailed, once, when it
is back (the outbox, core.outbox), through a real worker."""

from __future__ import annotations

from celery.contrib.testing.worker import start_worker
from django.core import mail

from casemgmt.models import User
from config.celery import app
from core import outbox
from core.models import OutboxMessage
from notifications import services
from notifications.models import Reminder, SweepRun
from tests.brokers import broker_down, wait_for
from tests.notifications.test_worker import population  # noqa: F401 - the fixture


def test_reminders_swept_while_the_broker_is_down_are_emailed_once_it_is_back(population):  # noqa: F811
    User.objects.filter(is_active=True).update(email_digest=False)
    for user in User.objects.filter(is_active=True):
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    with broker_down():
        run = services.sweep()  # used to fail after its first batch and lose the emails
    assert run.errors == "" and run.finished_at is not None
    reminders = Reminder.objects.count()
    assert reminders > 0 and mail.outbox == []
    waiting = OutboxMessage.objects.filter(task="notifications.tasks.send_reminder_emails")
    assert waiting.exists() and not waiting.filter(sent_at__isnull=False).exists()
    assert "Error" in waiting.first().error  # the broker's refusal, kept for operations

    services.sweep()  # the next hour's sweep: the reminders exist, nothing new is queued
    assert SweepRun.objects.count() == 2 and waiting.count() == OutboxMessage.objects.count()

    with start_worker(app, pool="solo", perform_ping_check=False, queues=["reminders"], shutdown_timeout=30):
        assert outbox.dispatch() == waiting.count()  # what beat does every minute
        assert wait_for(lambda: not waiting.filter(done_at__isnull=True).exists())
        # Sent again (a message lost, a dispatcher run twice): nothing is emailed twice.
        waiting.update(done_at=None, next_attempt_at=waiting.first().created_at)
        assert outbox.dispatch() == waiting.count()
        assert wait_for(lambda: not waiting.filter(done_at__isnull=True).exists())
    assert len(mail.outbox) == reminders
    assert not Reminder.objects.filter(emailed_at__isnull=True).exists()
    assert len({(m.to[0], m.body) for m in mail.outbox}) == reminders
