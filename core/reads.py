"""The read audit: every response that carries prisoner data writes one ``ReadEvent``.

Views and serializers do not write read events themselves. The bases note what a
response carries (``note`` / ``note_instance``: the base views note the file or record
they resolved, the list bases the page's rows, the API serializers each object they
render) into a collector that lives for one request; ``ReadAuditMiddleware`` writes one
event for the whole response — the files, the records, the page, the query — when the
response shows them: a success (2xx), or a form sent back with its errors (400, 409,
422), which shows the file again. A redirect, a refusal (401, 403, 404, 405) or a server
error carried no data and writes nothing.

Reads have their own hash chain (``audit.READS``), so a page read never waits on the
lock of the change log's chain; the insert is one statement after the view.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone

from core import audit
from core.context import current
from core.models import ReadEvent


@dataclass
class Collected:
    subjects: set[int] = field(default_factory=set)
    records: dict[str, set[str]] = field(default_factory=dict)
    reason: str = ""
    #: (sql, params) selecting more subjects' ids, taken by the read event in SQL (``note_query``)
    subject_sql: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)


_current: contextvars.ContextVar[Collected | None] = contextvars.ContextVar("reads", default=None)


def subject_ids(obj: Model) -> list[int]:
    """The prisoners a record is about: the prisoner itself, the record's ``prisoner``,
    or what its model's ``audit_subjects(obj)`` names (a record about several people)."""
    if obj._meta.label_lower == settings.CASE_FILE_MODEL.lower():
        return [obj.pk]
    declared = getattr(type(obj), "audit_subjects", None)
    if declared is not None:
        return [pk for pk in declared(obj) if pk is not None]
    pk = getattr(obj, "prisoner_id", None)
    return [pk] if pk is not None else []


def note(
    prisoners: Iterable[Any] = (), *, record: str = "", ids: Iterable[Any] = (), reason: str = ""
) -> None:
    """Note that this response carries these prisoners' data (ids or instances) and,
    optionally, records of one type. Outside a request (tasks, commands) nothing is noted:
    what they produce is audited where a person reads it."""
    collected = _current.get()
    if collected is None:
        return
    collected.subjects.update(getattr(p, "pk", p) for p in prisoners if p is not None)
    if record:
        collected.records.setdefault(record, set()).update(str(i) for i in ids)
    if reason:
        collected.reason = reason


def note_query(ids: QuerySet[Any], *, reason: str = "") -> None:
    """Note the files whose ids ``ids`` selects (a queryset of one column), without reading
    them into this process: the read event takes them in SQL when it is written (an export
    of a million files named a million ids here and held them all, issue #25)."""
    collected = _current.get()
    if collected is None:
        return
    try:
        sql, params = ids.query.sql_with_params()
    except EmptyResultSet:  # the ORM knows it selects nothing (``.none()``, ``pk__in=[]``)
        pass
    else:
        collected.subject_sql.append((sql, tuple(params)))
    if reason:
        collected.reason = reason


def note_instance(obj: Model | None) -> None:
    note_instances([obj])


def note_instances(objects: Iterable[Model | None]) -> None:
    """Note that the response shows these records (their files and their ids), by kind in
    one step each (a page's 50 rows were 50 notes: ~4% of the list's Python, issue #25)."""
    collected = _current.get()
    if collected is None:
        return
    by_kind: dict[type[Model], list[Model]] = {}
    for obj in objects:
        if obj is not None:
            by_kind.setdefault(type(obj), []).append(obj)
    for model, rows in by_kind.items():
        if model._meta.label_lower == settings.CASE_FILE_MODEL.lower():
            collected.subjects.update(obj.pk for obj in rows)
        else:
            for obj in rows:
                collected.subjects.update(getattr(p, "pk", p) for p in subject_ids(obj))
        collected.records.setdefault(model._meta.label_lower, set()).update(str(obj.pk) for obj in rows)


def collecting() -> bool:
    return _current.get() is not None


def noted() -> Collected | None:
    """What the current request has noted so far (tests and the middleware)."""
    return _current.get()


def write(request: HttpRequest, collected: Collected) -> Any:
    user = getattr(request, "user", None)
    actor = user if user is not None and user.is_authenticated else None
    match = getattr(request, "resolver_match", None)
    ctx = current()
    event = ReadEvent(
        at=timezone.now(),
        actor=actor,
        actor_label=actor.get_username() if actor is not None else "anonymous",
        route=(match.view_name if match else "")[:120],
        method=(request.method or "")[:8],
        path=request.path[:300],
        query=request.META.get("QUERY_STRING", "")[:500],
        subjects=sorted(collected.subjects),
        records={k: sorted(v) for k, v in sorted(collected.records.items())},
        reason=collected.reason,
        request_id=ctx.request_id,
        ip_address=ctx.ip_address,
    )
    return audit.read_append(event, subject_sql=collected.subject_sql)


#: error statuses whose response is the page again, with the form's errors
SHOWN_AGAIN = frozenset({400, 409, 422})


def shows_data(status: int) -> bool:
    return 200 <= status < 300 or status in SHOWN_AGAIN


class ReadAuditMiddleware:
    """Collects what the view notes and writes one read event for a response that shows it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        collected = Collected()
        token = _current.set(collected)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        if (collected.subjects or collected.records or collected.subject_sql) and shows_data(
            response.status_code
        ):
            write(request, collected)
        return response
