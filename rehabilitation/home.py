"""The programmes' section of the home page (``casemgmt.home``): today's sessions of the
offerings the reader runs, each a link to its attendance (issue 23)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from casemgmt import home
from casemgmt.choices import Role
from rehabilitation.models import Session
from rehabilitation.querysets import RUN


def _today(user) -> dict:
    sessions = list(
        Session.objects.restrict(user, RUN)
        .filter(date=timezone.localdate())
        .select_related("offering__programme")
        .annotate(
            enrolled=Count(
                "offering__enrolments", filter=Q(offering__enrolments__status="active"), distinct=True
            ),
            recorded=Count("attendance", distinct=True),
        )
        .order_by("starts_at", "pk")
    )
    return {"sessions": sessions}  # a session names no prisoner: nothing to note


def register() -> None:
    home.register(
        home.Section(
            key="sessions-today",
            roles=frozenset({Role.PROGRAMME_STAFF}),
            template="rehabilitation/_home_sessions.html",
            context=_today,
            order=10,
        )
    )
