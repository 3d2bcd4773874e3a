"""Reads of discipline and separation, each starting from a restricted queryset."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.utils import timezone

from casemgmt import selectors as core
from discipline.models import HealthVisit, Report, Sanction, Separation
from discipline.standards import over_limit_q

REPORT_RELATED = ("prisoner", "facility", "offence", "reported_by", "heard_by")
SEPARATION_RELATED = ("prisoner", "facility")


def file_for(*, user, pk, action: str = "change_prisoner"):
    return core.prisoner_get(user=user, pk=pk, action=action)


def may(user, model, pk, action: str) -> bool:
    """Whether ``user`` may take ``action`` on the report or separation ``pk``."""
    return model.objects.filter(pk=pk).restrict(user, action).exists()


def reports(*, user, action: str = "view", status: str = "", facility=None):
    qs = Report.objects.restrict(user, action).select_related(*REPORT_RELATED)
    if status:
        qs = qs.filter(status=status)
    if facility is not None:
        qs = qs.filter(facility=facility)
    return qs


def separations(*, user, current: bool = False, facility=None):
    qs = Separation.objects.restrict(user, "view").select_related(*SEPARATION_RELATED)
    if current:
        qs = qs.filter(ended_at__isnull=True)
    if facility is not None:
        qs = qs.filter(facility=facility)
    return qs


def missed_visits(separation_rows, today: dt.date | None = None) -> int:
    """Days of separation (before today) without a health visit (Rule 46)."""
    today = today or timezone.localdate()
    rows = list(separation_rows)
    visited = set(
        HealthVisit.objects.filter(separation_id__in=[s.pk for s in rows]).values_list(
            "separation_id", "visited_on"
        )
    )
    missed = 0
    for s in rows:
        day = timezone.localdate(s.started_at)
        last = timezone.localdate(s.ended_at) if s.ended_at else today - dt.timedelta(days=1)
        while day <= last:
            missed += (s.pk, day) not in visited
            day += dt.timedelta(days=1)
    return missed


def statistics(*, user, facility=None, since=None, until=None) -> dict:
    """Counts over the records the user may read (no prisoner's data)."""
    sanctions = Sanction.objects.restrict(user, "view")
    seps = Separation.objects.restrict(user, "view")
    heard = Report.objects.restrict(user, "view").filter(heard_at__isnull=False)
    if facility is not None:
        sanctions = sanctions.filter(report__facility=facility)
        seps = seps.filter(facility=facility)
        heard = heard.filter(facility=facility)
    if since:
        sanctions = sanctions.filter(imposed_at__date__gte=since)
        seps = seps.filter(started_at__date__gte=since)
        heard = heard.filter(heard_at__date__gte=since)
    if until:
        sanctions = sanctions.filter(imposed_at__date__lte=until)
        seps = seps.filter(started_at__date__lte=until)
        heard = heard.filter(heard_at__date__lte=until)
    by_kind = list(
        sanctions.values("kind__name", "report__facility__name")
        .annotate(n=Count("pk"))
        .order_by("report__facility__name", "kind__name")
    )
    return {
        "sanctions": by_kind,
        "separations": seps.count(),
        "over_limit": seps.filter(over_limit_q()).count(),
        "missed_visits": missed_visits(seps.only("pk", "started_at", "ended_at")),
        "heard": heard.count(),
        "serious_without_legal": heard.filter(
            offence__serious=True, legal_assistance_on__isnull=True
        ).count(),
    }
