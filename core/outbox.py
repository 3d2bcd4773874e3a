"""The transactional outbox (``OutboxMessage``): hand work to the workers without
losing it when the broker is down.

``enqueue`` writes the message in the caller's transaction; once that commits the
message is published at once (``dispatch``), and whatever could not be published, or
was published and never confirmed (a lost message, a killed worker), is published
again by the beat task ``core.tasks.outbox_dispatch``, later each time. The task
id is the message id; a worker confirms the message when the task has run
(``task_postrun``). Tasks sent this way must be idempotent (claim by row state).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterable
from typing import Any

from celery.signals import task_postrun
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from config.celery import app
from core.models import OutboxMessage

log = logging.getLogger(__name__)

#: What a task returns when it did not do the work because another delivery holds it
#: (an export another worker is running): its message stays pending and is sent again
#: later, so a worker lost meanwhile does not lose the work.
LATER = "outbox:later"


def enqueue(task: str, **kwargs: Any) -> OutboxMessage:
    """Record ``task(**kwargs)`` in the current transaction; send it after commit."""
    message = OutboxMessage.objects.create(task=task, kwargs=kwargs)
    transaction.on_commit(lambda: dispatch(ids=[message.pk]), robust=True)
    return message


def _redeliver_after(attempts: int) -> dt.timedelta:
    base = settings.OUTBOX_REDELIVER_SECONDS
    return dt.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 24 * 3600))


def dispatch(*, ids: Iterable[uuid.UUID] | None = None, limit: int = 500) -> int:
    """Publish the messages due (not confirmed, not before their next attempt); return
    how many went out. A broker error stops the run and leaves the rest for the next one.
    Rows are claimed with SKIP LOCKED, so two dispatchers never send one message twice."""
    sent = 0
    now = timezone.now()
    with transaction.atomic():
        qs = OutboxMessage.objects.select_for_update(skip_locked=True).filter(
            done_at__isnull=True, next_attempt_at__lte=now
        )
        if ids is not None:
            qs = qs.filter(pk__in=ids)
        for message in qs.order_by("next_attempt_at")[:limit]:
            try:
                # retry=False: a broker that is down fails at once; beat tries again
                app.send_task(message.task, kwargs=message.kwargs, task_id=str(message.pk), retry=False)
            except Exception as exc:
                log.warning("outbox: %s not sent (%s); beat retries it", message, exc)
                message.error = f"{exc.__class__.__name__}: {exc}"[:2000]
                message.save(update_fields=["error"])
                break
            message.attempts += 1
            message.sent_at = now
            message.next_attempt_at = now + _redeliver_after(message.attempts)
            message.error = ""
            message.save(update_fields=["attempts", "sent_at", "next_attempt_at", "error"])
            sent += 1
    return sent


def confirm(task_id: str | None, state: str | None, error: str = "", retval: object = None) -> None:
    """The worker ran the task: its message is done (a retry, or a task answering
    ``LATER``, leaves it pending)."""
    if not task_id or state == "RETRY" or retval == LATER:
        return
    try:
        pk = uuid.UUID(str(task_id))
    except ValueError:
        return
    OutboxMessage.objects.filter(pk=pk, done_at__isnull=True).update(
        done_at=timezone.now(), error=error[:2000]
    )


def purge(*, days: int = 7) -> int:
    """Forget the messages confirmed more than ``days`` ago."""
    cutoff = timezone.now() - dt.timedelta(days=days)
    return OutboxMessage.objects.filter(done_at__lt=cutoff).delete()[0]


def pending_for(task: str, **kwargs: Any) -> OutboxMessage | None:
    """The unconfirmed message asking for ``task(**kwargs)`` (what a page says is waiting)."""
    return (
        OutboxMessage.objects.filter(task=task, kwargs=kwargs, done_at__isnull=True)
        .order_by("created_at")
        .first()
    )


def _on_postrun(
    sender: object = None,
    task_id: str | None = None,
    state: str | None = None,
    retval: object = None,
    **kwargs: Any,
) -> None:
    try:
        confirm(task_id, state, str(retval) if state == "FAILURE" else "", retval=retval)
    except Exception:  # never let the bookkeeping fail a task
        log.exception("outbox: could not confirm %s", task_id)


def connect_signals() -> None:
    task_postrun.connect(_on_postrun, dispatch_uid="core.outbox.confirm")
