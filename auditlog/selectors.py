"""Reading the logs: a page of rows, and the files each page names (for the read log)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TypeVar

from django.db.models import Model, QuerySet

from casemgmt.models import Prisoner
from core import reads
from core.models import AuditEvent, ReadEvent

PAGE = 50
#: a prison number as ``casemgmt.services.next_prison_number`` makes it (any prefix)
PRISON_NUMBER = re.compile(r"\b[A-Za-z0-9]+-\d{4}-\d{6,}\b")


M = TypeVar("M", bound=Model)


def page(queryset: QuerySet[M], before: str | None, size: int = PAGE) -> tuple[list[M], int | None]:
    """Keyset pagination, newest first: the rows older than ``before`` (an id) and the
    id to ask for next (None on the last page). No COUNT over a log of millions of rows."""
    queryset = queryset.order_by("-id")
    if before and before.isdigit():
        queryset = queryset.filter(id__lt=int(before))
    rows = list(queryset[: size + 1])
    return rows[:size], (rows[size - 1].pk if len(rows) > size else None)


def pretty(value: object) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


def numbered(texts: Iterable[str]) -> set[int]:
    """The files whose prison numbers these texts contain (one query, none if none)."""
    numbers = set()
    for text in texts:
        numbers.update(PRISON_NUMBER.findall(text))
    if not numbers:
        return set()
    return set(Prisoner.objects.filter(prison_number__in=numbers).values_list("pk", flat=True))


def mentioned(events: Iterable[AuditEvent]) -> set[int]:
    """The files a page of change-log rows names: each row's subject, and every prison
    number in its record's name, before/after or reason (a keep-apart names two people)."""
    events = list(events)
    ids = {e.subject_id for e in events if e.subject_id is not None}
    texts = (" ".join([e.object_repr, pretty(e.before), pretty(e.after), e.reason]) for e in events)
    return ids | numbered(texts)


def note_events(events: list[AuditEvent]) -> None:
    """The auditor read these change-log rows, and with them the files they name."""
    reads.note(mentioned(events), record="casemgmt.auditevent", ids=[e.pk for e in events])


def note_reads(rows: list[ReadEvent]) -> None:
    """The auditor read these read-log rows: who read which files, and the files a row's
    address, query or reason names (a search by prison number that found nothing)."""
    ids = {pk for r in rows for pk in r.subjects}
    ids |= numbered(f"{r.path} {r.query} {r.reason}" for r in rows)
    reads.note(ids, record="casemgmt.readevent", ids=[r.pk for r in rows])
