"""The reminder sweep and the notifications it produces.

Exactly once: each due item becomes a ``Reminder`` row with a unique key, inserted
with ``ON CONFLICT DO NOTHING RETURNING id`` before anything is sent; only the rows
this insert created get a notification and an email. Re-running the sweep, two
sweeps at once, or a sweep killed half way and run again never duplicate and never
lose a reminder. Work goes in batches, a fixed number of queries per batch.

A reminder names a prisoner, so its recipient must still hold the file: each batch
keeps only the reminders whose recipient may view the prisoner (one query over the
grants), and the notification centre re-checks when it is read
(``Notification.objects.restrict``).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from casemgmt.choices import Role
from casemgmt.models import (
    Prisoner,
    PrisonerGroupObjectPermission,
    PrisonerUserObjectPermission,
    StaffAssignment,
    User,
)
from casemgmt.permissions import Capability
from casework.models import Action, Allocation
from classification.due import review_due_expr
from classification.models import Assessment, ReviewFlag
from core import audit, outbox
from core.choices import AuditAction
from notifications.choices import ReminderKind
from notifications.models import Notification, SweepRun


@dataclass(frozen=True)
class Due:
    kind: str
    subject_type: str
    subject_id: int
    due_date: dt.date
    recipient_id: int
    prisoner_id: int | None
    link: str


def _supervisors_by_facility() -> dict[int, list[int]]:
    rows = StaffAssignment.objects.filter(
        user__groups__name=Role.SUPERVISOR, user__is_active=True
    ).values_list("facility_id", "user_id")
    out: dict[int, list[int]] = {}
    for facility_id, user_id in rows:
        out.setdefault(facility_id, []).append(user_id)
    return out


#: facility id -> the supervisors' user ids
Supervisors = dict[int, list[int]]
#: what a source answers: (due items, next after_id or None, rows considered)
Batch = tuple[list["Due"], int | None, int]
#: a source: (today, after_id, batch, supervisors) -> Batch
Source = Callable[[dt.date, int, int, Supervisors], Batch]


def _review_rows(today: dt.date, after_id: int, batch: int) -> list[dict[str, Any]]:
    """Prisoners in custody whose risk review is due within the lead time, by id."""
    manager = Allocation.objects.filter(prisoner=OuterRef("pk"), ended_at__isnull=True).values(
        "case_manager_id"
    )[:1]
    horizon = today + dt.timedelta(days=settings.REMINDER_LEAD_DAYS)
    return list(
        Prisoner.objects.filter(custody_status="in_custody", pk__gt=after_id)
        .annotate(
            due=review_due_expr(),  # the one rule (classification.due)
            early=Exists(ReviewFlag.objects.filter(prisoner=OuterRef("pk"), cleared_by__isnull=True)),
            manager=Subquery(manager),
        )
        .filter(due__lte=horizon)
        .order_by("pk")
        .values("pk", "due", "facility_id", "manager")[:batch]
    )


def _reviews(today: dt.date, after_id: int, batch: int, supervisors: Supervisors) -> Batch:
    rows = _review_rows(today, after_id, batch)
    found: list[Due] = []
    escalate = dt.timedelta(days=settings.REMINDER_ESCALATE_DAYS)
    for row in rows:
        due = row["due"]
        kind = (
            ReminderKind.REVIEW_UPCOMING
            if due > today
            else ReminderKind.REVIEW_DUE
            if due == today
            else ReminderKind.REVIEW_OVERDUE
        )
        link = reverse("prisoner-tab", args=[row["pk"], "risk"])
        if row["manager"]:
            found.append(Due(kind, "prisoner", row["pk"], due, row["manager"], row["pk"], link))
            if kind == ReminderKind.REVIEW_OVERDUE and today - due > escalate:
                for sup in supervisors.get(row["facility_id"], []):
                    found.append(
                        Due(ReminderKind.REVIEW_ESCALATED, "prisoner", row["pk"], due, sup, row["pk"], link)
                    )
        elif kind != ReminderKind.REVIEW_UPCOMING:
            for sup in supervisors.get(row["facility_id"], []):
                found.append(
                    Due(ReminderKind.REVIEW_UNALLOCATED, "prisoner", row["pk"], due, sup, row["pk"], link)
                )
    return found, (rows[-1]["pk"] if len(rows) == batch else None), len(rows)


def _actions(today: dt.date, after_id: int, batch: int) -> Batch:
    manager = Allocation.objects.filter(
        prisoner=OuterRef("goal__plan__prisoner"), ended_at__isnull=True
    ).values("case_manager_id")[:1]
    rows = list(
        Action.objects.filter(
            pk__gt=after_id, target_date__lt=today, status__in=["not_started", "in_progress"]
        )
        .exclude(goal__plan__status="closed")
        .annotate(manager=Subquery(manager))
        .order_by("pk")
        .values("pk", "target_date", "owner_id", "manager", "goal__plan__prisoner_id")[:batch]
    )
    found = []
    for row in rows:
        prisoner_id = row["goal__plan__prisoner_id"]
        link = reverse("prisoner-tab", args=[prisoner_id, "plan"])
        for recipient in {row["owner_id"], row["manager"]} - {None}:
            found.append(
                Due(
                    ReminderKind.ACTION_OVERDUE,
                    "action",
                    row["pk"],
                    cast(dt.date, row["target_date"]),  # the filter: target_date < today
                    recipient,
                    prisoner_id,
                    link,
                )
            )
    return found, (rows[-1]["pk"] if len(rows) == batch else None), len(rows)


def _approvals(today: dt.date, after_id: int, batch: int, supervisors: Supervisors) -> Batch:
    cutoff = timezone.now() - dt.timedelta(days=settings.REMINDER_APPROVAL_WAIT_DAYS)
    rows = list(
        Assessment.objects.filter(pk__gt=after_id, status="submitted", submitted_at__lt=cutoff)
        .order_by("pk")
        .values("pk", "submitted_at", "prisoner_id", "prisoner__facility_id")[:batch]
    )
    found = []
    for row in rows:
        link = reverse("classification:assessment", args=[row["pk"]])
        for sup in supervisors.get(row["prisoner__facility_id"], []):
            found.append(
                Due(
                    ReminderKind.APPROVAL_WAITING,
                    "assessment",
                    row["pk"],
                    timezone.localdate(row["submitted_at"]),
                    sup,
                    row["prisoner_id"],
                    link,
                )
            )
    return found, (rows[-1]["pk"] if len(rows) == batch else None), len(rows)


_INSERT = """
INSERT INTO notifications_reminder
    (kind, subject_type, subject_id, due_date, recipient_id, prisoner_id, created_at, sweep_id)
SELECT * FROM unnest(%s::varchar[], %s::varchar[], %s::bigint[], %s::date[], %s::bigint[], %s::bigint[],
                     %s::timestamptz[], %s::bigint[])
ON CONFLICT ON CONSTRAINT reminder_once DO NOTHING
RETURNING id, kind, recipient_id, prisoner_id, due_date, subject_type, subject_id
"""


@transaction.atomic
def _store(found: list[Due], sweep: SweepRun | None) -> list[int]:
    """Insert the batch's reminders; only those new get a notification. Three queries."""
    if not found:
        return []
    now = timezone.now()
    columns = list(
        zip(
            *[
                (
                    d.kind,
                    d.subject_type,
                    d.subject_id,
                    d.due_date,
                    d.recipient_id,
                    d.prisoner_id,
                    now,
                    sweep.pk if sweep else None,
                )
                for d in found
            ],
            strict=True,
        )
    )
    with connection.cursor() as cursor:
        cursor.execute(_INSERT, [list(c) for c in columns])
        created = cursor.fetchall()
    links = {(d.kind, d.subject_type, d.subject_id, d.recipient_id): d.link for d in found}
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=recipient,
                reminder_id=rid,
                kind=kind,
                prisoner_id=prisoner,
                due_date=due,
                link=links.get((kind, stype, sid, recipient), ""),
            )
            for rid, kind, recipient, prisoner, due, stype, sid in created
        ]
    )
    ids = [row[0] for row in created]
    if ids:
        # in this transaction: reminders stored are emailed even if the broker is down now
        outbox.enqueue("notifications.tasks.send_reminder_emails", reminder_ids=ids)
    return ids


def for_readers(found: list[Due]) -> list[Due]:
    """The reminders whose recipient may view the prisoner they name (one query): an
    action's owner from another facility, or a case manager who lost the file after a
    reallocation, gets nothing about it."""
    users = {d.recipient_id for d in found if d.prisoner_id is not None}
    if not users:
        return found
    prisoners = {d.prisoner_id for d in found if d.prisoner_id is not None}
    view = Subquery(
        Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(Prisoner), codename=Capability.VIEW
        ).values("pk")[:1]
    )
    direct = PrisonerUserObjectPermission.objects.filter(
        user_id__in=users, content_object_id__in=prisoners, permission_id=view
    ).values_list("user_id", "content_object_id")
    via_group = PrisonerGroupObjectPermission.objects.filter(
        group__user__in=users, content_object_id__in=prisoners, permission_id=view
    ).values_list("group__user", "content_object_id")
    held = set(direct.union(via_group, all=True))
    return [d for d in found if d.prisoner_id is None or (d.recipient_id, d.prisoner_id) in held]


def remind_now(items: list[Due]) -> list[int]:
    """Store reminders now, outside a sweep, for the recipients who may see the prisoner
    each names (as the sweep does): what another app calls when an event, not a date, falls
    due (a disciplinary outcome for the case manager). Once each, like the sweep's; returns
    the new reminders' ids."""
    return _store(for_readers(items), None)


#: Sources other apps add (in their ``AppConfig.ready()``): name -> callable(today,
#: after_id, batch, supervisors) returning (due items, next after_id or None, rows considered),
#: the items already narrowed to recipients who may see them (``for_readers`` does it by grant).
_SOURCES: dict[str, Source] = {}


def register_source(name: str, source: Source) -> None:
    _SOURCES[name] = source


def collect(today: dt.date | None = None, batch: int | None = None) -> Iterator[tuple[list[Due], int]]:
    """Everything due, batch by batch (a generator of lists of Due)."""
    today = today or timezone.localdate()
    batch = batch or settings.REMINDER_BATCH_SIZE
    supervisors = _supervisors_by_facility()
    for source in ("reviews", "actions", "approvals", *_SOURCES):
        after: int | None = 0
        while after is not None:
            if source == "reviews":
                found, after, n = _reviews(today, after, batch, supervisors)
            elif source == "actions":
                found, after, n = _actions(today, after, batch)
            elif source == "approvals":
                found, after, n = _approvals(today, after, batch, supervisors)
            else:
                # A registered source answers for its own recipients (the sweep cannot know
                # who reads, say, a complaint routed to an outside authority).
                found, after, n = _SOURCES[source](today, after, batch, supervisors)
                yield found, n
                continue
            yield for_readers(found), n


def sweep(
    *, today: dt.date | None = None, dry_run: bool = False, batch: int | None = None, pause: float = 0.0
) -> SweepRun | list[Due]:
    """Run the sweep. ``dry_run`` returns what is due and writes nothing."""
    if dry_run:
        return [due for found, _n in collect(today, batch) for due in found]
    _close_abandoned()
    run = SweepRun.objects.create()
    _hold(run)
    try:
        for found, considered in collect(today, batch):
            created = _store(found, run)
            run.created += len(created)
            run.considered += considered
            run.batches += 1
            run.save(update_fields=["created", "considered", "batches"])
            if pause:
                time.sleep(pause)  # tests use it to kill a worker half way
    except Exception as exc:
        run.errors = f"{exc.__class__.__name__}: {exc}"[:2000]
        raise
    finally:
        run.finished_at = timezone.now()
        run.save(update_fields=["finished_at", "errors"])
        _release(run)
    return run


#: the advisory-lock namespace of running sweeps: (this, run id) is held by the session
#: running it, so a run whose lock is free and that never finished was killed
_SWEEP_LOCKS = 0x5357


def _hold(run: SweepRun) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, %s)", [_SWEEP_LOCKS, run.pk])


def _release(run: SweepRun) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [_SWEEP_LOCKS, run.pk])


def _close_abandoned() -> int:
    """Mark failed the runs left unfinished by a killed sweep (their session, and so
    their lock, is gone); runs still going elsewhere hold their lock and are left alone.
    The try-lock is taken and given back in the same statement."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE notifications_sweeprun SET finished_at = now(),
                errors = 'interrupted: the sweep stopped before it finished (worker killed?)'
            WHERE finished_at IS NULL
              AND CASE WHEN pg_try_advisory_lock(%s, id::int)
                       THEN pg_advisory_unlock(%s, id::int) ELSE false END
            """,
            [_SWEEP_LOCKS, _SWEEP_LOCKS],
        )
        count: int = cursor.rowcount
        return count


#: beat runs the sweep every hour (config.celery: crontab(minute=REMINDER_SWEEP_MINUTE))
SWEEP_INTERVAL_SECONDS = 3600
#: a sweep is late when its last start is older than the interval and this margin
SWEEP_GRACE_SECONDS = 600


def sweep_health() -> tuple[str, Callable[[int | None], tuple[dict[str, Any], str | None]]]:
    """The SQL of the last sweep's age (seconds) for /healthz, and its reading."""
    sql = "SELECT extract(epoch FROM now() - max(started_at))::bigint FROM notifications_sweeprun"

    def interpret(age: int | None) -> tuple[dict[str, Any], str | None]:
        late = age is not None and age > SWEEP_INTERVAL_SECONDS + SWEEP_GRACE_SECONDS
        field = {"last_age_seconds": age, "interval_seconds": SWEEP_INTERVAL_SECONDS, "late": late}
        return field, ("reminder sweep late: beat has not run it within its interval" if late else None)

    return sql, interpret


def mark_read(*, user: User, ids: list[int] | None = None) -> int:
    """Mark the user's notifications read: those they can see (the count they are told)."""
    qs = Notification.objects.readable(user).filter(read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())


@transaction.atomic
def preferences_set(*, actor: User, email_digest: bool) -> None:
    """A user's own choice: one daily email, or one email per reminder."""
    before = actor.email_digest
    actor.email_digest = email_digest
    actor.save(update_fields=["email_digest"])
    audit.record(
        actor,
        AuditAction.UPDATE,
        actor,
        before={"email_digest": before},
        after={"email_digest": email_digest},
    )
