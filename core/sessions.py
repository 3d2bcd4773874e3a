"""The session store: Django's database sessions, read by a query compiled once a process.

Every request reads its session; Django's store builds and compiles the same
``Session.objects.get(session_key=..., expire_date__gt=now)`` each time (~1 million
instructions of Python, ``bench.instructions session``). Here the ORM's statement is kept
(``core.prepared``) and only the key and the time change. Writing, expiry, flushing and
the asynchronous methods are Django's (``SESSION_ENGINE = "core.sessions"``).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from core.prepared import Prepared

_current = Prepared(
    lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now), key=str, now=dt.datetime
)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Session | None:
        session = _current.first(key=self.session_key, now=timezone.now()) if self.session_key else None
        if session is None:
            self._session_key = None
        return session
