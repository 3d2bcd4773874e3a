"""Writing and verifying the audit trail.

Each row's hash covers its content and the previous row's hash. Writers take a
transaction-scoped advisory lock so the chain has no forks: the lock is held
until the writing transaction commits, so rows are chained in commit order.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar, cast

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Field, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from core import context
from core.models import AuditEvent, ReadEvent
from core.prepared import preparing_cursor

GENESIS = "0" * 64
# The chains' advisory lock keys live in their head functions (migrations 0008, 0010).


@dataclass
class Entry:
    action: str
    obj: Model | None = None
    object_type: str = ""
    object_id: str = ""
    object_repr: str = ""
    subject: Any = None  # a Prisoner or its id
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    reason: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


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


def _build(actor: Any, entry: Entry, now: datetime) -> AuditEvent:
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


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    broken_id: int | None = None
    problem: str = ""
    chain: str = ""


#: the event model of a chain
E = TypeVar("E", AuditEvent, ReadEvent)


@dataclass(frozen=True)
class Chain(Generic[E]):
    """One append-only, hash-chained table: the change log or the read log."""

    model: type[E]
    head_function: str
    hash: Callable[[E], str]

    def append(self, events: list[E]) -> list[E]:
        """Chain ``events`` to the head and insert them, inside the caller's transaction.
        The head function takes this chain's advisory lock (held until commit), then reads
        the head with a fresh snapshot (migration 0008): read in the statement that waited,
        it missed the row the previous writer committed."""
        if not events:
            return []
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT {self.head_function}()")
            prev = cursor.fetchone()[0] or GENESIS
            for event in events:
                event.prev_hash = prev
                event.row_hash = prev = self.hash(event)
            return self.model.objects.bulk_create(events)

    def verify(self, batch_size: int = 5000) -> VerifyResult:
        """Recompute the chain from the first row; report the first row that breaks it."""
        prev = GENESIS
        checked = 0
        last_id = 0
        chain = str(self.model._meta.verbose_name_plural)
        while True:
            rows = list(self.model.objects.filter(id__gt=last_id).order_by("id")[:batch_size])
            if not rows:
                return VerifyResult(ok=True, checked=checked, chain=chain)
            for event in rows:
                if event.prev_hash != prev:
                    return VerifyResult(
                        False,
                        checked,
                        event.id,
                        _("previous hash does not match: a row before it was removed or altered"),
                        chain=chain,
                    )
                if self.hash(event) != event.row_hash:
                    return VerifyResult(
                        False,
                        checked,
                        event.id,
                        _("content does not match its hash"),
                        chain=chain,
                    )
                prev = event.row_hash
                checked += 1
                last_id = event.id


#: stands for the subjects in a payload whose subjects PostgreSQL writes (``read_append``);
#: no typed text can hold it (a NUL is refused at the edge, and JSON escapes quotes)
_MARK = "\0subjects\0"
_SUBJECTS_LATER = '"subjects":' + json.dumps(_MARK)


def read_payload(event: ReadEvent, *, subjects_later: bool = False) -> str:
    """A read event's content as canonical JSON, without the previous hash: PostgreSQL
    chains it (``casemgmt_read_append``, migration 0010) as sha256(prev + newline + this),
    so a read costs one statement; ``read_hash`` recomputes the same in Python.
    ``subjects_later``: a marker in the subjects' place (``read_append`` has SQL write them)."""
    payload = {
        "at": event.at.isoformat(),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "route": event.route,
        "method": event.method,
        "path": event.path,
        "query": event.query,
        "subjects": _MARK if subjects_later else [int(s) for s in event.subjects],
        "records": event.records,
        "reason": event.reason,
        "request_id": event.request_id,
        "ip": event.ip_address,
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def read_hash(event: ReadEvent) -> str:
    return hashlib.sha256(f"{event.prev_hash}\n{read_payload(event)}".encode()).hexdigest()


def _array(ids: Iterable[Any]) -> str:
    """File ids as one PostgreSQL array literal (cast to ``bigint[]`` in the statement):
    psycopg's list adapter tested each of a page's 50 ids against a pattern, a third of the
    append's Python (issue #25)."""
    return "{" + ",".join(str(int(i)) for i in ids) + "}"


def read_append(event: ReadEvent, subject_sql: Sequence[tuple[str, Sequence[Any]]] = ()) -> int:
    """Append one read event in one statement (lock, head, hash and insert in SQL).

    ``subject_sql``: queries of one column of file ids whose files the event names besides
    ``event.subjects`` — an export's. PostgreSQL selects them, merges them with the given
    ones (sorted, each once, as ``read_payload`` writes them) and writes them into the
    payload it hashes, so a million ids never pass through this process."""
    args = [
        event.at,
        event.actor_id,
        event.actor_label,
        event.route,
        event.method,
        event.path,
        event.query,
    ]
    rest = [json.dumps(event.records), event.reason, event.request_id, event.ip_address]
    if not subject_sql:
        # every page's one write: bound and planned on the server, once a connection
        with preparing_cursor(connection) as cursor:
            cursor.execute(
                "SELECT casemgmt_read_append(%s, %s, %s, %s, %s, %s, %s, %s::bigint[], %s::jsonb, %s, %s, %s, %s)",
                [*args, _array(event.subjects), *rest, read_payload(event)],
            )
            return int(cursor.fetchone()[0])
    with connection.cursor() as cursor:
        # the payload as read_payload writes it, with the subjects' place left for SQL
        head, found, tail = read_payload(event, subjects_later=True).partition(_SUBJECTS_LATER)
        if not found:
            raise ValueError("the read payload has no place for its subjects")
        # each compiled by the ORM (``core.reads.note_query``), its values parameters
        selects = " UNION ALL ".join(f"SELECT q.id FROM ({sql}) AS q(id)" for sql, _ in subject_sql)  # noqa: S608
        cursor.execute(
            "WITH ids AS (SELECT DISTINCT u.id FROM (SELECT unnest(%s::bigint[]) AS id UNION ALL "  # noqa: S608
            f"{selects}) AS u WHERE u.id IS NOT NULL), "
            "s AS (SELECT COALESCE(array_agg(id ORDER BY id), '{}'::bigint[]) AS ids FROM ids) "
            "SELECT casemgmt_read_append(%s, %s, %s, %s, %s, %s, %s, s.ids, %s::jsonb, %s, %s, %s, "
            "%s || '\"subjects\":[' || array_to_string(s.ids, ',') || ']' || %s) FROM s",
            [
                _array(event.subjects),
                *(p for _, params in subject_sql for p in params),
                *args,
                *rest,
                head,
                tail,
            ],
        )
        return int(cursor.fetchone()[0])


def record_many(actor: Any, entries: Iterable[Entry]) -> list[AuditEvent]:
    """Append events to the change log inside the caller's transaction."""
    now = timezone.now()
    return CHANGES.append([_build(actor, entry, now) for entry in entries])


def record(actor: Any, action: str, obj: Model | None = None, **kwargs: Any) -> AuditEvent:
    return record_many(actor, [Entry(action=action, obj=obj, **kwargs)])[0]


def snapshot(obj: Model, fields: Iterable[str]) -> dict[str, Any]:
    """The values of ``fields`` for a before/after record (foreign keys as ids)."""
    data: dict[str, Any] = {}
    for name in fields:
        f = cast("Field[Any, Any]", obj._meta.get_field(name))  # the model's own fields, no reverse relation
        data[name] = getattr(obj, f.attname)
        if hasattr(data[name], "name") and not isinstance(data[name], str):  # files
            data[name] = data[name].name or ""
    result: dict[str, Any] = _jsonable(data)
    return result


def diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    changed = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in changed}, {k: after[k] for k in changed}


CHANGES = Chain(AuditEvent, "casemgmt_audit_chain_head", row_hash)
READS = Chain(ReadEvent, "", read_hash)  # appended by read_append, one statement


def verify(batch_size: int = 5000) -> VerifyResult:
    """The change log's chain (see ``verify_all`` for both)."""
    return CHANGES.verify(batch_size)


def verify_all(batch_size: int = 5000) -> list[VerifyResult]:
    """Both chains: the change log and the read log."""
    return [CHANGES.verify(batch_size), READS.verify(batch_size)]
