"""The dashboard's figures, aggregated in SQL over what the user may see.

``dashboard(user=..., facility=..., since=..., until=...)`` runs a fixed number of
queries whatever the population (pinned in ``tests/reports``). Every figure counts
prisoners, and carries the prisoner-list query string that lists exactly them
(``casemgmt.filters.PrisonerFilter`` applies the same ``reports.criteria``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Avg, BigIntegerField, Count, F, Func, Min, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casemgmt import selectors as casemgmt_selectors
from casemgmt.choices import CustodyStatus, LegalStatus, Sex
from casemgmt.models import Cell, Facility, Prisoner, Unit
from classification.choices import Judgement, SecurityLevel
from classification.models import Assessment
from core.querysets import granted_ids
from intake.models import Admission
from rehabilitation.models import Attendance, Enrolment
from reports import criteria, standards
from reports.criteria import AGE_BAND_CHOICES, CURRENT, NONE, UNKNOWN
from reports.models import ExportJob


def facilities_visible(user: Any) -> QuerySet[Facility]:
    """Facilities the user works in or holds a prisoner of (for the filters)."""
    return casemgmt_selectors.facilities_visible(user)


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last twelve months, from the first day of the month eleven months ago."""
    month = today.month - 11
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return dt.date(year, month, 1), today


#: the longest period the dashboard and its API count over (monthly buckets: 5 years = 60)
MAX_PERIOD_DAYS = 366 * 5


def period_too_long(since: dt.date | None, until: dt.date | None, today: dt.date) -> bool:
    """Whether the period actually counted (a missing end takes the default's) is longer
    than ``MAX_PERIOD_DAYS``; the form and the API refuse it alike."""
    default_since, default_until = default_period(today)
    return ((until or default_until) - (since or default_since)).days > MAX_PERIOD_DAYS


class Links:
    """Query strings for the prisoner list, with the dashboard's facility kept."""

    def __init__(self, facility: Facility | None, since: dt.date, until: dt.date) -> None:
        self.base: dict[str, Any] = {"facility": facility.pk} if facility else {}
        self.period = {"since": since.isoformat(), "until": until.isoformat()}
        self.url = reverse("prisoner-list")

    def current(self, **params: Any) -> str:
        return f"{self.url}?{urlencode({**self.base, 'current': '1', **params})}"

    def event(
        self, kind: str, since: dt.date | None = None, until: dt.date | None = None, **params: Any
    ) -> str:
        # a period is given whole (since and until) or not at all
        period = {"since": since.isoformat(), "until": until.isoformat()} if since and until else self.period
        return f"{self.url}?{urlencode({**self.base, 'event': kind, **period, **params})}"


def _rows(
    choices: Iterable[tuple[str, Any]], counts: dict[str, int], link: Callable[[str], str]
) -> list[dict[str, Any]]:
    return [
        {"key": k, "label": str(label), "count": counts.get(k, 0), "url": link(k)} for k, label in choices
    ]


def _population(prisoners: QuerySet[Prisoner], today: dt.date) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Sex, legal status, age band and nationality of the current population in one
    query: the people grouped by the four (a few hundred groups), summed here. As a
    filtered count and a count by nationality, the facility's people were read twice
    (0.35 and 0.3 s at 1,000,000 files)."""
    counts: dict[str, Any] = {"total": 0}
    counts.update({f"sex__{value}": 0 for value in Sex.values})
    counts.update({f"legal__{value}": 0 for value in LegalStatus.values})
    counts.update({f"age__{code}": 0 for code, _label in AGE_BAND_CHOICES})
    nationalities: dict[str, int] = {}
    groups = (
        prisoners.annotate(age_band=criteria.age_band_expr(today))
        .order_by()
        .values_list("sex", "legal_status", "age_band", "nationality")
        .annotate(n=Count("pk"))
    )
    for sex, legal_status, age_band, nationality, n in groups:
        counts["total"] += n
        for key in (f"sex__{sex}", f"legal__{legal_status}", f"age__{age_band}"):
            if key in counts:  # a value no choice names is in the total only, as before
                counts[key] += n
        nationalities[nationality] = nationalities.get(nationality, 0) + n
    by_nationality = [
        {"nationality": name, "n": n}
        # the most first; ties by name, not recorded last (as ORDER BY -n, nationality)
        for name, n in sorted(
            nationalities.items(), key=lambda item: (-item[1], item[0] is None, item[0] or "")
        )
    ]
    return counts, by_nationality


def _risk(prisoners: QuerySet[Prisoner], user: Any, today: dt.date) -> dict[str, Any]:
    """Security level, risk judgement and reviews of the current files the user may
    read the risk of, in one query: the prisoners grouped by (level, judgement, review
    date), summed here. Each prisoner's latest decision is read once: a filtered count
    of each level and judgement ran its subqueries again for every count (seventeen
    subplans a prisoner, PostgreSQL having pulled the annotations up into each filter:
    2.5 s for 54,000 people at 1,000,000 files)."""
    horizon = today + dt.timedelta(days=settings.REMINDER_LEAD_DAYS)
    counts: dict[str, Any] = {"total": 0, "review__overdue": 0, "review__due_soon": 0}
    for prefix, values in (("level", SecurityLevel.values), ("judgement", Judgement.values)):
        counts.update({f"{prefix}__{value}": 0 for value in [*values, NONE]})
    groups = (
        prisoners.filter(pk__in=granted_ids(user, "view_risk"))
        .annotate(
            level=criteria.security_level_expr(),
            judgement=criteria.judgement_expr(),
            review_due=criteria.review_due_expr(),
        )
        .order_by()
        .values_list("level", "judgement", "review_due")
        .annotate(n=Count("pk"))
    )
    for level, judgement, due, n in groups:
        counts["total"] += n
        for prefix, value in (("level", level), ("judgement", judgement)):
            key = f"{prefix}__{NONE if value is None else value}"
            if key in counts:  # a value no choice names is in the total only, as before
                counts[key] += n
        if due is not None and due < today:
            counts["review__overdue"] += n
        elif due is not None and due <= horizon:
            counts["review__due_soon"] += n
    return counts


def _occupancy(
    user: Any, facilities: QuerySet[Facility], prisoners: QuerySet[Prisoner], links: Links
) -> list[dict[str, Any]]:
    """Each unit of the facilities in view: current prisoners (that the user may see)
    against the sum of its active cells' capacities; two queries. The people held are
    counted in one pass grouped by unit: as a subquery of each unit, PostgreSQL hashed the
    user's grants again for every unit (1.8 s for a facility of 54,000 at 1,000,000
    files; issue #25)."""
    capacity = (
        Cell.objects.filter(unit=OuterRef("pk"), is_active=True)
        .order_by()
        .values("unit")
        .annotate(total=Sum("capacity"))
        .values("total")
    )
    units = (
        Unit.objects.filter(facility__in=facilities)
        .select_related("facility")
        .annotate(capacity=Subquery(capacity))
        .order_by("facility__name", "code")
    )
    held = dict(
        prisoners.filter(unit__facility__in=facilities)
        .order_by()
        .values_list("unit")
        .annotate(n=Count("pk"))
        .values_list("unit", "n")
    )
    rows: list[dict[str, Any]] = []
    for unit in units:
        held_n, cap = held.get(unit.pk, 0), unit.capacity or 0
        rows.append(
            {
                "facility": unit.facility.name,
                "facility_id": unit.facility_id,
                "unit": f"{unit.code} {unit.name}",
                "unit_id": unit.pk,
                "count": held_n,
                "capacity": cap,
                "percent": round(100 * held_n / cap) if cap else None,
                "url": links.current(unit=unit.pk),
            }
        )
    return rows


def _months(since: dt.date, until: dt.date) -> list[dt.date]:
    out, day = [], since.replace(day=1)
    while day <= until:
        out.append(day)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return out


def month_series(
    kind: str, *, user: Any, prisoners: QuerySet[Prisoner], since: dt.date, until: dt.date, links: Links
) -> list[dict[str, Any]]:
    """Prisoners with an event of ``kind`` per month (one query); the source of each
    kind is ``reports.criteria.EVENTS``."""
    source = criteria.EVENTS[kind]
    field = source.date_field
    by_month: dict[dt.date | dt.datetime, int] = dict(
        source.records(user, since, until)
        .filter(prisoner__in=prisoners)
        .annotate(month=TruncMonth(field))
        .order_by()
        .values("month")
        .annotate(n=Count("prisoner_id", distinct=True))
        .values_list("month", "n")
    )
    counts = {(m.date() if isinstance(m, dt.datetime) else m): n for m, n in by_month.items()}
    rows: list[dict[str, Any]] = []
    for month in _months(since, until):
        last = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        start, end = max(month, since), min(last, until)
        rows.append(
            {
                "key": month.isoformat(),
                "month": month,
                "count": counts.get(month, 0),
                "url": links.event(kind, start, end),
            }
        )
    return rows


def _programmes(
    user: Any, prisoners: QuerySet[Prisoner], since: dt.date, until: dt.date, links: Links
) -> dict[str, Any]:
    """Prisoners referred, enrolled, completing and dropping out in the period (one
    query of conditional distinct counts), and the attendance rate of the sessions
    held in it (one query)."""
    aggregates: dict[str, Count] = {}
    for kind in ("referred", "enrolled", "completed", "withdrawn", "attended"):
        aggregates[kind] = Count("pk", filter=criteria.had_event(kind, user, since, until))
    counts = prisoners.aggregate(**aggregates)
    visible = Enrolment.objects.restrict(user).filter(prisoner__in=prisoners).values("pk")
    attendance = Attendance.objects.filter(
        enrolment__in=visible, session__date__gte=since, session__date__lte=until
    ).aggregate(
        recorded=Count("pk"),
        present=Count("pk", filter=Q(status__in=["attended", "late"])),
    )
    rows = [
        {
            "key": kind,
            "label": str(criteria.EVENTS[kind].label),
            "count": counts[kind],
            "url": links.event(kind),
        }
        for kind in ("referred", "enrolled", "completed", "withdrawn")
    ]
    recorded, present = attendance["recorded"], attendance["present"]
    return {
        "rows": rows,
        "attendance": {
            "recorded": recorded,
            "present": present,
            "rate": round(100 * present / recorded) if recorded else None,
            "participants": counts["attended"],
            "url": links.event("attended"),
        },
    }


def _time_to_assessment(
    user: Any, prisoners: QuerySet[Prisoner], since: dt.date, until: dt.date, links: Links
) -> dict[str, Any]:
    """Admissions in the period of files whose risk the user may read: how many have
    had a risk assessment approved since, and the mean days from admission to the
    first one (one query)."""
    first = (
        Assessment.objects.filter(
            prisoner=OuterRef("prisoner"), status="approved", approved_at__gte=OuterRef("admitted_at")
        )
        .order_by()
        .values("prisoner")
        .annotate(first=Min("approved_at"))
        .values("first")
    )
    result = (
        Admission.objects.restrict(user, "view_risk")
        .filter(
            status="completed",
            prisoner__in=prisoners,
            admitted_at__date__gte=since,
            admitted_at__date__lte=until,
        )
        .annotate(first=Subquery(first))
        .aggregate(
            admitted=Count("pk"),
            assessed=Count("pk", filter=Q(first__isnull=False)),
            mean=Avg(F("first") - F("admitted_at"), filter=Q(first__isnull=False)),
        )
    )
    mean = result["mean"]
    return {
        "admitted": result["admitted"],
        "assessed": result["assessed"],
        "waiting": result["admitted"] - result["assessed"],
        "mean_days": round(mean.total_seconds() / 86400, 1) if mean is not None else None,
        "url": links.event("admitted"),
    }


def dashboard(
    *,
    user: Any,
    facility: Facility | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    today = today or timezone.localdate()
    if since is None or until is None:
        default_since, default_until = default_period(today)
        since, until = since or default_since, until or default_until
    links = Links(facility, since, until)
    everyone = Prisoner.objects.restrict(user, "view")
    facilities = facilities_visible(user)
    if facility is not None:
        everyone = everyone.filter(facility=facility)
        facilities = facilities.filter(pk=facility.pk)
    current = everyone.filter(custody_status__in=CURRENT)

    population, nationality = _population(current, today)
    risk = _risk(current, user, today)

    def pick(
        prefix: str, counts: dict[str, Any], choices: list[tuple[str, Any]], param: str
    ) -> list[dict[str, Any]]:
        return _rows(
            choices, {k: counts[f"{prefix}__{k}"] for k, _l in choices}, lambda k: links.current(**{param: k})
        )

    return {
        "facility": facility,
        "since": since,
        "until": until,
        "today": today,
        "total": {"count": population["total"], "url": links.current()},
        "occupancy": _occupancy(user, facilities, current, links),
        "sex": pick("sex", population, Sex.choices, "sex"),
        "legal_status": pick("legal", population, LegalStatus.choices, "legal_status"),
        "age_band": pick("age", population, AGE_BAND_CHOICES, "age_band"),
        "nationality": [
            {
                "key": row["nationality"] or UNKNOWN,
                "label": row["nationality"] or _("Not recorded"),
                "count": row["n"],
                "url": links.current(nationality=row["nationality"] or UNKNOWN),
            }
            for row in nationality
        ],
        "risk_total": risk["total"],
        "security_level": pick(
            "level", risk, [*SecurityLevel.choices, (NONE, _("Not classified"))], "security_level"
        ),
        "judgement": pick("judgement", risk, [*Judgement.choices, (NONE, _("Not assessed"))], "risk"),
        "reviews": pick("review", risk, criteria.REVIEW_CHOICES, "review"),
        "admissions": month_series(
            "admitted", user=user, prisoners=everyone, since=since, until=until, links=links
        ),
        "releases": month_series(
            "released", user=user, prisoners=everyone, since=since, until=until, links=links
        ),
        "programmes": _programmes(user, everyone, since, until, links),
        "time_to_assessment": _time_to_assessment(user, everyone, since, until, links),
    }


def standards_view(
    *,
    user: Any,
    facility: Facility | None = None,
    today: dt.date | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[dict[str, Any]]:
    """The standards' rows; a row counted in days (``Standard.days``) covers the period
    ``since``-``until`` (its app's default when none is given)."""
    today = today or timezone.localdate()
    # The files held now, and those closed by a death (each standard says which it counts).
    prisoners = Prisoner.objects.restrict(user, "view").filter(
        custody_status__in=[*CURRENT, CustodyStatus.DECEASED]
    )
    base: dict[str, Any] = {}
    if facility is not None:
        prisoners = prisoners.filter(facility=facility)
        base["facility"] = facility.pk
    rows = standards.summary(user=user, prisoners=prisoners, today=today)
    url = reverse("prisoner-list")
    for row in rows:
        standard = standards.BY_CODE[row["code"]]
        held = {"current": "1"} if standard.held else {}
        row["url"] = f"{url}?{urlencode({**held, **base, 'standard': row['code']})}"
        if standard.days is not None:
            figures = standard.days(user=user, facility=facility, since=since, until=until)
            applies, complete = figures["applies"], figures["complete"]
            row.update(
                applies=applies,
                complete=complete,
                incomplete=applies - complete,
                percent=round(100 * complete / applies) if applies else None,
                url=figures["url"],
                in_days=True,
            )
    return rows


def job_subject_query(job_pk: Any) -> QuerySet[Any]:
    """The files a prepared export carries (stored on its job), as a query of ids not yet
    run: its download's read event selects them (``core.reads.note_query``), so a file of a
    million rows is served without its ids passing through the web process."""
    return (
        ExportJob.objects.filter(pk=job_pk)
        .annotate(subject=Func(F("subjects"), function="unnest", output_field=BigIntegerField()))
        .values_list("subject", flat=True)
    )
