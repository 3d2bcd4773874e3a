"""The discipline app's source of the reminder sweep (``notifications.services.register_source``).

For every separation open (or ended within the look-back):

- ``separation_near``: once, ``SEPARATION_ALERT_LEAD_DAYS`` before the 15-day limit of
  Rule 44, and ``separation_limit`` once on the 15th day, to the facility's supervisors;
- ``separation_review``: a supervisor's review due ``review_days`` after the start or the
  last review, once per period, to the supervisors;
- ``health_visit_missed``: each past day without a health visit (Rule 46), once per day,
  to the supervisors and the facility's health staff.

The sweep's unique key (kind, subject, due date, recipient) makes each exactly once
across sweeps and a worker killed half way.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from casemgmt.choices import Role
from casemgmt.models import StaffAssignment
from discipline.choices import SOLITARY_MAX_DAYS
from discipline.models import HealthVisit, Separation
from notifications.services import Due, for_readers, register_source

#: how many past days are checked for a missed health visit
LOOKBACK_DAYS = 7


def _health_staff() -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    rows = StaffAssignment.objects.filter(user__groups__name=Role.HEALTH, user__is_active=True)
    for facility_id, user_id in rows.values_list("facility_id", "user_id"):
        out.setdefault(facility_id, []).append(user_id)
    return out


def source(today: dt.date, after_id: int, batch: int, supervisors: dict[int, list[int]]):
    since = today - dt.timedelta(days=LOOKBACK_DAYS)
    rows = list(
        Separation.objects.filter(Q(ended_at__isnull=True) | Q(ended_at__date__gte=since), pk__gt=after_id)
        .annotate(last_review=Max("reviews__reviewed_at"))
        .order_by("pk")
        .values(
            "pk",
            "prisoner_id",
            "facility_id",
            "prisoner__facility_id",
            "started_at",
            "counted_from",
            "ended_at",
            "review_days",
            "last_review",
        )[:batch]
    )
    ids = [r["pk"] for r in rows]
    visited = set(
        HealthVisit.objects.filter(separation_id__in=ids, visited_on__gte=since).values_list(
            "separation_id", "visited_on"
        )
    )
    health = _health_staff() if rows else {}
    lead = settings.SEPARATION_ALERT_LEAD_DAYS
    by_supervisors: list = []
    by_role: list = []
    for row in rows:
        start = timezone.localdate(row["counted_from"])
        end = timezone.localdate(row["ended_at"]) if row["ended_at"] else None
        link = reverse("discipline:separation", args=[row["pk"]])
        sups = supervisors.get(row["facility_id"], [])

        def due(kind, stype, day, users, out, row=row, link=link):
            for user in users:
                out.append(Due(kind, stype, row["pk"], day, user, row["prisoner_id"], link))

        if end is None:
            limit = start + dt.timedelta(days=SOLITARY_MAX_DAYS - 1)  # the 15th day
            near = limit - dt.timedelta(days=lead)
            if near <= today < limit:
                due("separation_near", "separation.near", near, sups, by_supervisors)
            if today >= limit:
                due("separation_limit", "separation.limit", limit, sups, by_supervisors)
            last = timezone.localdate(row["last_review"]) if row["last_review"] else start
            review = last + dt.timedelta(days=row["review_days"])
            if review <= today:
                due("separation_review", "separation.review", review, sups, by_supervisors)
        day = max(start, since)
        last_day = min(end, today - dt.timedelta(days=1)) if end else today - dt.timedelta(days=1)
        # Health staff act by role in the facility where the person is held now.
        carers = (
            health.get(row["facility_id"], []) if row["prisoner__facility_id"] == row["facility_id"] else []
        )
        while day <= last_day:
            if (row["pk"], day) not in visited:
                due("health_visit_missed", "separation.health", day, sups, by_supervisors)
                due("health_visit_missed", "separation.health", day, carers, by_role)
            day += dt.timedelta(days=1)
    return for_readers(by_supervisors) + by_role, (rows[-1]["pk"] if len(rows) == batch else None), len(rows)


def register() -> None:
    register_source("discipline", source)
