"""The outbox (core.outbox): written in the caller's transaction, sent after commit,
sent again until a worker confirms it; the real worker runs: tests/reports and
tests/notifications ``test_broker_down.py``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from config.celery import app
from core import outbox
from core.models import OutboxMessage
from tests.brokers import broker_down

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(monkeypatch):
    calls: list[tuple] = []
    monkeypatch.setattr(
        app, "send_task", lambda name, kwargs, task_id, retry: calls.append((name, kwargs, task_id))
    )
    return calls


def test_a_message_is_sent_after_commit_and_never_before(sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        message = outbox.enqueue("reports.tasks.export_run", job_id="j1")
        assert sent == []
    assert sent == [("reports.tasks.export_run", {"job_id": "j1"}, str(message.pk))]
    message.refresh_from_db()
    assert message.attempts == 1 and message.sent_at and message.done_at is None


def test_a_rolled_back_request_leaves_no_message(sent):
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue("reports.tasks.export_run", job_id="j1")
        raise RuntimeError
    assert not OutboxMessage.objects.exists() and sent == []


def test_broker_down_keeps_the_message_with_the_reason():
    message = OutboxMessage.objects.create(task="reports.tasks.export_run", kwargs={"job_id": "j"})
    with broker_down():
        assert outbox.dispatch() == 0
    message.refresh_from_db()
    assert message.sent_at is None and message.attempts == 0 and message.error


def test_unconfirmed_messages_are_sent_again_later_each_time(sent, settings):
    settings.OUTBOX_REDELIVER_SECONDS = 600
    message = OutboxMessage.objects.create(task="t", kwargs={})
    assert outbox.dispatch() == 1
    assert outbox.dispatch() == 0  # not before its next attempt
    gaps = []
    for _ in range(3):
        message.refresh_from_db()
        gaps.append(round((message.next_attempt_at - message.sent_at).total_seconds()))
        OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
        outbox.dispatch()
    assert gaps == [600, 1200, 2400] and len(sent) == 4


def test_the_worker_confirms_unless_it_retries_or_answers_later():
    message = OutboxMessage.objects.create(task="t", kwargs={})
    outbox.confirm(str(message.pk), "RETRY")
    outbox.confirm(str(message.pk), "SUCCESS", retval=outbox.LATER)
    outbox.confirm("not-an-outbox-id", "SUCCESS")
    message.refresh_from_db()
    assert message.done_at is None
    outbox.confirm(str(message.pk), "SUCCESS")
    message.refresh_from_db()
    assert message.done_at is not None
    OutboxMessage.objects.filter(pk=message.pk).update(done_at=timezone.now() - dt.timedelta(days=8))
    assert outbox.purge() == 1
