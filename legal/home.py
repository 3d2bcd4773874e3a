"""The legal record's section of the home page (``casemgmt.home``): today's court
hearings of the people the reader's facility holds — the court trips to make — each with
the link to record the trip (issue 23)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from casemgmt import home
from casemgmt.choices import Role
from core import reads
from core.prepared import Prepared, User
from legal.models import Hearing

# compiled once a process (core.prepared): the home page is every officer's first page
_on_day = Prepared(
    lambda user, day: (
        Hearing.objects.restrict(user, "change_prisoner")
        .filter(scheduled_at__date=day, prisoner__custody_status="in_custody")
        .select_related("prisoner")
        .order_by("scheduled_at", "pk")
    ),
    user=User(),
    day=dt.date,
)


def _hearings(user) -> dict:
    hearings = _on_day.all(user=user, day=timezone.localdate())
    reads.note_instances(hearings)
    return {"hearings": hearings}


def register() -> None:
    home.register(
        home.Section(
            key="court-today",
            roles=frozenset({Role.OFFICER}),
            template="legal/_home_hearings.html",
            context=_hearings,
            order=20,
        )
    )
