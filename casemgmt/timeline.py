"""One chronological view of a prisoner's file, fed by every app.

An app registers a source: ``fn(prisoner, user, capabilities, before, limit) ->
list[Entry]``, one query each, newest first, only what the user may see. The
timeline merges them and pages by time (``before``), so a file with thousands
of notes costs the same number of queries as one with ten.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


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


def entries(prisoner, user, capabilities, before: dt.datetime | None = None, limit: int = 50) -> list[Entry]:
    merged: list[Entry] = []
    for source in _SOURCES:
        merged.extend(source(prisoner, user, capabilities, before, limit))
    merged.sort(key=lambda e: e.at, reverse=True)
    return merged[:limit]
