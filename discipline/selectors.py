"""Reads of discipline and separation, each starting from a restricted queryset."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from discipline.models import HealthVisit, Report, Sanction, Separation
from discipline.standards import over_limit_q

if TYPE_CHECKING:
    from casemgmt.models import Facility

Reports = TypeVar("Reports", bound=QuerySet[Report])

REPORT_RELATED = ("prisoner", "facility", "offence", "reported_by", "heard_by")
SEPARATION_RELATED = ("prisoner", "facility")


def may(user: Any, model: type[Report] | type[Separation], pk: Any, action: str) -> bool:
    """Whether ``user`` may take ``action`` on the report or separation ``pk``."""
    return model.objects.filter(pk=pk).restrict(user, action).exists()


def _heard(qs: Reports, since: dt.date | None = None, until: dt.date | None = None) -> Reports:
    qs = qs.filter(heard_at__isnull=False)
    if since:
        qs = qs.filter(heard_at__date__gte=since)
    if until:
        qs = qs.filter(heard_at__date__lte=until)
    return qs


def reports(
    *,
    user: Any,
    action: str = "view",
    status: str = "",
    facility: Facility | None = None,
    without_legal: bool = False,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[Report]:
    """``without_legal``: serious charges heard (between ``since`` and ``until``) with no
    legal assistance recorded (Rule 41(3))."""
    qs = Report.objects.restrict(user, action).select_related(*REPORT_RELATED)
    if status:
        qs = qs.filter(status=status)
    if facility is not None:
        qs = qs.filter(facility=facility)
    if without_legal:
        qs = _heard(qs, since, until).filter(offence__serious=True, legal_assistance_on__isnull=True)
    return qs


def separations(
    *,
    user: Any,
    current: bool = False,
    facility: Facility | None = None,
    over: bool = False,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[Separation]:
    """``over``: every period over 15 consecutive days, ended or running (Rules 43-44),
    started between ``since`` and ``until``."""
    qs = Separation.objects.restrict(user, "view").select_related(*SEPARATION_RELATED)
    if current:
        qs = qs.filter(ended_at__isnull=True)
    if facility is not None:
        qs = qs.filter(facility=facility)
    if over:
        qs = qs.filter(over_limit_q())
        if since:
            qs = qs.filter(started_at__date__gte=since)
        if until:
            qs = qs.filter(started_at__date__lte=until)
    return qs


def visit_days(
    separation_rows: Iterable[Separation],
    since: dt.date | None = None,
    until: dt.date | None = None,
    today: dt.date | None = None,
) -> tuple[int, list[tuple[Separation, dt.date]]]:
    """The days of separation in ``[since, until]`` (never today or later: today's visit
    may still come) and those of them without a health visit (Rule 46): ``(number of
    days, [(separation, day), ...])``. One query for the visits."""
    today = today or timezone.localdate()
    last_day = min(until, today - dt.timedelta(days=1)) if until else today - dt.timedelta(days=1)
    rows = list(separation_rows)
    visits = HealthVisit.objects.filter(separation_id__in=[s.pk for s in rows])
    if since:
        visits = visits.filter(visited_on__gte=since)
    visited = set(visits.values_list("separation_id", "visited_on"))
    days = 0
    missed: list[tuple[Separation, dt.date]] = []
    for s in rows:
        day = timezone.localdate(s.started_at)
        if since:
            day = max(day, since)
        last = min(timezone.localdate(s.ended_at), last_day) if s.ended_at else last_day
        while day <= last:
            days += 1
            if (s.pk, day) not in visited:
                missed.append((s, day))
            day += dt.timedelta(days=1)
    return days, missed


def missed_visits(separation_rows: Iterable[Separation], today: dt.date | None = None) -> int:
    """Days of separation (before today) without a health visit (Rule 46)."""
    return len(visit_days(separation_rows, today=today)[1])


#: the period of the missed-visits list and of the standards row when none is chosen
DEFAULT_PERIOD_DAYS = 30


def period(
    since: dt.date | None = None, until: dt.date | None = None, today: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    today = today or timezone.localdate()
    until = until or today
    return since or until - dt.timedelta(days=DEFAULT_PERIOD_DAYS - 1), until


def health_visits_over(
    *,
    user: Any,
    facility: Facility | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Rule 46 over a period, for the separations the user may read: the days held apart,
    the days missed (each with its separation), and the missed days per facility."""
    since, until = period(since, until, today)
    rows = (
        separations(user=user, facility=facility)
        .filter(started_at__date__lte=until)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__date__gte=since))
        .order_by("facility__name", "prisoner__family_name", "started_at")
    )
    days, missed = visit_days(rows, since, until, today)
    by_facility: dict[Facility, int] = {}
    for separation, _day in missed:
        by_facility[separation.facility] = by_facility.get(separation.facility, 0) + 1
    return {
        "since": since,
        "until": until,
        "days": days,
        "missed": missed,
        "by_facility": sorted(by_facility.items(), key=lambda item: item[0].name),
    }


def statistics(
    *,
    user: Any,
    facility: Facility | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> dict[str, Any]:
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
        .annotate(
            n=Count("pk", filter=Q(cancelled_at__isnull=True)),
            reduced=Count("pk", filter=Q(cancelled_at__isnull=True, appeal_days__isnull=False)),
            cancelled=Count("pk", filter=Q(cancelled_at__isnull=False)),
        )
        .order_by("report__facility__name", "kind__name")
    )
    health = health_visits_over(user=user, facility=facility, since=since, until=until)
    return {
        "sanctions": by_kind,
        "separations": seps.count(),
        "over_limit": seps.filter(over_limit_q()).count(),
        # over the period (the last 30 days when none is chosen), as the list of them
        "missed_visits": len(health["missed"]),
        "visits_since": health["since"],
        "visits_until": health["until"],
        "heard": heard.count(),
        "serious_without_legal": heard.filter(
            offence__serious=True, legal_assistance_on__isnull=True
        ).count(),
    }
