"""The work queue: everything waiting on the reader, oldest first (issue 23).

Each domain app registers its sources in its ``AppConfig.ready()`` (``register``); the
core iterates them and imports no domain app. A source answers with a queryset that is
already restricted to what the reader may act on (the app's own ``restrict``), so a row
the reader may not see is never listed. The page and the API note every row for the
read audit; the header's badge only counts them, in ONE query for all the sources,
compiled once for each set of roles (``core.prepared``): the badge is on every page a
supervisor opens, and building and compiling its eight sources each time was 40% of the
case file's Python (issue #25).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Model, QuerySet
from django.utils import timezone

from core import reads
from core.prepared import Prepared, User

#: how many rows of each source the page lists (the header counts them all)
LIMIT = 50


@dataclass(frozen=True)
class Source:
    """One kind of work: ``queryset(user, now)`` the waiting records the user may act on,
    ``since`` the field their age is counted from, ``describe(obj)`` a short text and
    ``link(obj)`` where the work is done. ``roles``: only these roles ever have it (a
    reader with none of them costs no query)."""

    key: str
    label: object
    roles: frozenset[str]
    queryset: Callable[[object], QuerySet]
    since: str
    link: Callable[[Model], str]
    describe: Callable[[Model], str] = str
    related: tuple[str, ...] = ("prisoner",)
    prefetch: tuple[str, ...] = ()


@dataclass
class Row:
    key: str
    label: object
    since: dt.datetime
    link: str
    text: str
    prisoner: object = None
    record: Model | None = field(default=None, repr=False)


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    _SOURCES[source.key] = source


def sources_for(user) -> list[Source]:
    if user is None or not user.is_authenticated:
        return []
    roles = user.roles
    return [s for s in _SOURCES.values() if roles & s.roles]


def has_queue(user) -> bool:
    return bool(sources_for(user))


def _since(obj, name) -> dt.datetime:
    value = getattr(obj, name)
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time.min, tzinfo=dt.UTC)


def _count_statement(user, now) -> tuple[str, list]:
    """One statement counting every source of the user's roles: a column each."""
    parts, params = [], []
    for source in sources_for(user):
        qs = source.queryset(user, now)
        if qs.query.is_empty():
            parts.append("0")
            continue
        sql, sql_params = qs.order_by().values("pk").query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS q)")  # noqa: S608 - compiled by the ORM, params apart
        params.extend(sql_params)
    return "SELECT " + ", ".join(parts), params


# the sources are chosen by role and restricted by the user's id; "now" is compared by some
_counts = Prepared(_count_statement, user=User("roles"), now=dt.datetime, optional=("user", "now"))


def counts(user, request=None) -> dict[str, int]:
    """The number of waiting records of each source, in one query (once a request: the
    page and the header's badge share it)."""
    cached = getattr(request, "_queue_counts", None)
    if cached is not None:
        return cached
    sources = sources_for(user)
    if not sources:
        return {}
    values = _counts.row(user=user, now=timezone.now())
    result = {s.key: int(n) for s, n in zip(sources, values or (), strict=True)}
    if request is not None:
        request._queue_counts = result
    return result


def total(user, request=None) -> int:
    return sum(counts(user, request).values())


def rows(user, limit: int = LIMIT, key: str = "") -> list[Row]:
    """The waiting rows (of one source with ``key``), oldest first, each noted for the read audit."""
    out: list[Row] = []
    now = timezone.now()
    for source in sources_for(user):
        if key and source.key != key:
            continue
        qs = (
            source.queryset(user, now)
            .select_related(*source.related)
            .prefetch_related(*source.prefetch)
            .order_by(source.since, "pk")
        )
        for obj in qs[:limit]:
            out.append(
                Row(
                    key=source.key,
                    label=source.label,
                    since=_since(obj, source.since),
                    link=source.link(obj),
                    text=source.describe(obj),
                    prisoner=getattr(obj, "prisoner", None),
                    record=obj,
                )
            )
    reads.note_instances(r.record for r in out)
    out.sort(key=lambda r: r.since)
    return out


def labels() -> dict[str, object]:
    return {key: s.label for key, s in _SOURCES.items()}
