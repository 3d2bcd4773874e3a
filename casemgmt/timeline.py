"""One chronological view of a prisoner's file, fed by every app.

An app registers a source: ``fn(prisoner, user, capabilities, before, limit) ->
list[Entry]``, one query each, newest first, only what the user may see. The
timeline merges them and pages by time (``before``: the newest page asks for what came
before ``LATEST``), so a file with thousands of notes costs the same number of queries
as one with ten.

A source's query is compiled once a process for each shape (``query``, over
``core.prepared``): the timeline runs some fifteen of them a page, and the ORM building
and compiling each one every time was a third of the page's Python (issue #25).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.safestring import SafeString

from core import markup
from core.prepared import Key, Prepared, User

#: ``before`` of the newest page: later than anything recorded
LATEST = dt.datetime(9999, 12, 31, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Entry:
    at: dt.datetime
    kind: str
    title: str
    detail: str = ""
    url: str = ""


_SOURCES: list = []


def register(fn) -> None:
    if fn not in _SOURCES:
        _SOURCES.append(fn)


def query(
    build, *, user: User | None = None, capabilities: bool = False, optional: tuple[str, ...] = ()
) -> Prepared:
    """A source's query, compiled once for each shape: ``build(prisoner, before, limit)``
    gets the file's id, the time entries must come before and the page size (a slice), and
    ``user`` (a stand-in with an id and what ``user`` names, for a restriction) and
    ``capabilities`` (a frozenset of codenames on the file) when asked for. Run it with
    ``.all(prisoner=..., before=..., limit=..., [user=...], [capabilities=...])``."""
    inputs: dict = {"prisoner": int, "before": dt.datetime, "limit": Key}
    if user is not None:
        inputs["user"] = user
    if capabilities:
        inputs["capabilities"] = Key
    return Prepared(build, optional=optional, **inputs)


def entries(prisoner, user, capabilities, before: dt.datetime | None = None, limit: int = 50) -> list[Entry]:
    merged: list[Entry] = []
    before = before or LATEST
    for source in _SOURCES:
        merged.extend(source(prisoner, user, capabilities, before, limit))
    merged.sort(key=lambda e: e.at, reverse=True)
    return merged[:limit]


def rows_html(entries: list[Entry]) -> SafeString:
    """The timeline's items, written in Python (``core.markup``) as the list's rows are: a
    page of 50 took a fifth of the timeline's Python through the template engine (issue #25).
    Times in the active language's SHORT_DATETIME_FORMAT and time zone, as the ``date``
    filter writes them; a detail cut at 240 characters as ``truncatechars`` cuts it."""
    when = markup.short_datetime()

    def item(e: Entry) -> str:
        title = markup.html('<a href="{}">{}</a>', e.url, e.title) if e.url else markup.escape(e.title)
        detail = markup.html("<br><span>{}</span>", markup.truncate(e.detail, 240)) if e.detail else ""
        return markup.html(
            '<li class="tl-{}"><time datetime="{}">{}</time> <strong>{}</strong>{}</li>',
            e.kind, markup.local_iso(e.at), when(e.at), SafeString(title), SafeString(detail),
        )  # fmt: skip

    return SafeString("\n".join(item(e) for e in entries))
