"""Writing and verifying the audit trail.

Each row's hash covers its content and the previous row's hash. Writers take a
transaction-scoped advisory lock so the chain has no forks: the lock is held
until the writing transaction commits, so rows are chained in commit order.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from casemgmt import context
from casemgmt.models import AuditEvent

GENESIS = "0" * 64
_LOCK_KEY = 0x4155444954  # "AUDIT"


@dataclass
class Entry:
    action: str
    obj: Model | None = None
    object_type: str = ""
    object_id: str = ""
    object_repr: str = ""
    subject: Any = None  # a Prisoner or its id
    before: dict | None = None
    after: dict | None = None
    reason: str = ""
    extra: dict = field(default_factory=dict)


def _jsonable(value: Any) -> Any:
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def row_hash(event: AuditEvent) -> str:
    payload = {
        "prev": event.prev_hash,
        "at": event.at.isoformat(),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "subject": event.subject_id,
        "before": event.before,
        "after": event.after,
        "reason": event.reason,
        "request_id": event.request_id,
        "ip": event.ip_address,
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _build(actor, entry: Entry, now) -> AuditEvent:
    ctx = context.current()
    obj = entry.obj
    subject = entry.subject
    return AuditEvent(
        at=now,
        actor=actor if actor is not None and actor.pk else None,
        actor_label=(actor.get_username() if actor is not None and actor.pk else "system"),
        action=entry.action,
        object_type=entry.object_type or (obj._meta.label_lower if obj is not None else ""),
        object_id=entry.object_id or (str(obj.pk) if obj is not None else ""),
        object_repr=(entry.object_repr or (str(obj) if obj is not None else ""))[:300],
        subject_id=getattr(subject, "pk", subject),
        before=_jsonable(entry.before),
        after=_jsonable(entry.after),
        reason=entry.reason,
        request_id=ctx.request_id,
        ip_address=ctx.ip_address,
    )


@transaction.atomic
def record_many(actor, entries: Iterable[Entry]) -> list[AuditEvent]:
    """Append events to the chain inside the caller's transaction."""
    now = timezone.now()
    events = [_build(actor, entry, now) for entry in entries]
    if not events:
        return []
    with connection.cursor() as cursor:
        # Lock, then read the head with a fresh snapshot (migration 0007): read in the
        # statement that waited, it missed the row the previous writer committed.
        cursor.execute("SELECT casemgmt_audit_chain_head(%s)", [_LOCK_KEY])
        prev = cursor.fetchone()[0] or GENESIS
    for event in events:
        event.prev_hash = prev
        event.row_hash = prev = row_hash(event)
    return AuditEvent.objects.bulk_create(events)


def record(actor, action: str, obj: Model | None = None, **kwargs) -> AuditEvent:
    return record_many(actor, [Entry(action=action, obj=obj, **kwargs)])[0]


def snapshot(obj: Model, fields: Iterable[str]) -> dict:
    """The values of ``fields`` for a before/after record (foreign keys as ids)."""
    data = {}
    for name in fields:
        f = obj._meta.get_field(name)
        data[name] = getattr(obj, f.attname)
        if hasattr(data[name], "name") and not isinstance(data[name], str):  # files
            data[name] = data[name].name or ""
    return _jsonable(data)


def diff(before: dict, after: dict) -> tuple[dict, dict]:
    changed = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in changed}, {k: after[k] for k in changed}


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    broken_id: int | None = None
    problem: str = ""


def verify(batch_size: int = 5000) -> VerifyResult:
    """Recompute the chain from the first row; report the first row that breaks it."""
    prev = GENESIS
    checked = 0
    last_id = 0
    while True:
        rows = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch_size])
        if not rows:
            return VerifyResult(ok=True, checked=checked)
        for event in rows:
            if event.prev_hash != prev:
                return VerifyResult(
                    False,
                    checked,
                    event.id,
                    "previous hash does not match: a row before it was removed or altered",
                )
            if row_hash(event) != event.row_hash:
                return VerifyResult(False, checked, event.id, "content does not match its hash")
            prev = event.row_hash
            checked += 1
            last_id = event.id
