"""The definitions behind every figure, shared by the dashboard and the prisoner list.

A figure on the dashboard and the list a click on it opens are computed from the
same expression here, so the list always has exactly as many prisoners as the
figure says. Each criterion that reads beyond identity and location (risk,
programme records, family) is intersected with the grant of the capability it
needs, so a filter never reveals what the user could not read in the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db.models import Case, Exists, Func, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casemgmt.choices import CustodyStatus
from classification.due import review_due_expr as expr
from classification.models import Assessment, Classification
from core.dates import day_range
from core.querysets import granted_ids
from reports import standards

# "Current" population: held now, including those out for court or hospital.
CURRENT = (CustodyStatus.IN_CUSTODY, CustodyStatus.TEMPORARILY_OUT)
UNKNOWN = "unknown"
NONE = "none"

# (code, label, lower age inclusive, upper age exclusive)
AGE_BANDS = [
    ("under_18", _("Under 18"), 0, 18),
    ("18_24", _("18–24"), 18, 25),
    ("25_34", _("25–34"), 25, 35),
    ("35_44", _("35–44"), 35, 45),
    ("45_54", _("45–54"), 45, 55),
    ("55_plus", _("55 and over"), 55, None),
]
AGE_BAND_CHOICES = [(code, label) for code, label, _lo, _hi in AGE_BANDS] + [(UNKNOWN, _("Not known"))]

REVIEW_CHOICES = [("overdue", _("Overdue")), ("due_soon", _("Due within the lead time"))]


def years_ago(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def age_band_expr(today: dt.date) -> Case:
    """The age band from the date of birth on ``today`` (a person is N on their birthday)."""
    whens = [When(date_of_birth__isnull=True, then=Value(UNKNOWN))]
    for code, _label, _lo, hi in AGE_BANDS:
        if hi is None:
            whens.append(When(date_of_birth__isnull=False, then=Value(code)))
        else:
            whens.append(When(date_of_birth__gt=years_ago(today, hi), then=Value(code)))
    return Case(*whens, default=Value(UNKNOWN))


def security_level_expr() -> Subquery:
    return Subquery(
        Classification.objects.filter(prisoner=OuterRef("pk"), status="approved").values("security_level")[:1]
    )


def judgement_expr() -> Subquery:
    """The overall judgement of the latest approved assessment."""
    return Subquery(
        Assessment.objects.filter(prisoner=OuterRef("pk"), status="approved")
        .order_by("-approved_at", "-id")
        .values("overall")[:1]
    )


def review_due_expr() -> Func:
    """When the next risk review is due: the one rule (``classification.due``)."""
    return expr()


def review_condition(value: str, today: dt.date) -> Q:
    if value == "overdue":
        return Q(review_due__lt=today)
    horizon = today + dt.timedelta(days=settings.REMINDER_LEAD_DAYS)
    return Q(review_due__gte=today, review_due__lte=horizon)


# --- events in a period -------------------------------------------------------------


@dataclass(frozen=True)
class EventSource:
    """Where an event of a prisoner's history is recorded: a model with a prisoner
    foreign key, the date field and a condition. Releases point at the admission's
    end date today; when movements are recorded, change ``released`` to that model
    and every figure and list follows."""

    label: object
    model_path: str
    date_field: str
    condition: Q = Q()
    capability: str = "view_prisoner"
    is_datetime: bool = True  # compared by its local date

    @property
    def model(self):
        return apps.get_model(self.model_path)

    def records(self, user, since: dt.date | None, until: dt.date | None) -> QuerySet:
        # One filter() call: over a to-many path the condition and the dates then
        # hold for the same row (an attendance that was present *and* in the period).
        # A time is compared with the instants that bound the local days: the planner then
        # reads the column's statistics (and an index), where ``__date`` casts every row and
        # is estimated blind (issue 25: a semi-join planned for one referral met 7,660)
        condition, field = self.condition, self.date_field
        if self.is_datetime:
            low = day_range(since)[0] if since else None
            high, below = (day_range(until)[1] if until else None), "lt"
        else:
            low, high, below = since, until, "lte"
        if low:
            condition &= Q(**{f"{field}__gte": low})
        if high:
            condition &= Q(**{f"{field}__{below}": high})
        if not since and not until:
            condition &= Q(**{f"{self.date_field}__isnull": False})
        return self.model.objects.restrict(user, self.capability).filter(condition)


EVENTS: dict[str, EventSource] = {
    "admitted": EventSource(_("Admitted"), "intake.Admission", "admitted_at", Q(status="completed")),
    "released": EventSource(_("Released"), "intake.Admission", "released_at", Q(status="completed")),
    "referred": EventSource(_("Referred to a programme"), "rehabilitation.Referral", "referred_at"),
    "enrolled": EventSource(_("Enrolled in a programme"), "rehabilitation.Enrolment", "enrolled_at"),
    "completed": EventSource(
        _("Completed a programme"), "rehabilitation.Enrolment", "ended_at", Q(status="completed")
    ),
    "withdrawn": EventSource(
        _("Dropped out of a programme"), "rehabilitation.Enrolment", "ended_at", Q(status="withdrawn")
    ),
    "attended": EventSource(
        _("Attended a programme session"),
        "rehabilitation.Enrolment",
        "attendance__session__date",
        Q(attendance__status__in=["attended", "late"]),
        is_datetime=False,
    ),
}
EVENT_CHOICES = [(code, src.label) for code, src in EVENTS.items()]


def had_event(kind: str, user, since, until) -> Exists:
    """Whether the row's prisoner had an event of ``kind`` in the period, as a correlated
    ``EXISTS``: for a conditional count of prisoners (the dashboard's programme figures).
    There an ``IN (event_prisoner_ids(...))`` can only be a subplan, hashed when PostgreSQL
    thinks it fits in memory and otherwise run again for each prisoner: the attendance's
    distinct participants, estimated at 285,000 and found 8,089, took 13.8 s of the
    dashboard at 1,000,000 files. An ``EXISTS`` probes each prisoner's records by their
    index (all five figures 1.3 s; 100,000: 113 -> 82 ms; issue #25)."""
    return Exists(EVENTS[kind].records(user, since, until).filter(prisoner_id=OuterRef("pk")))


def event_prisoner_ids(kind: str, user, since, until):
    """The prisoners of the events of ``kind`` (a subquery, for the list's filter, where
    it stands alone and PostgreSQL joins it): distinct, since a source over a to-many path
    (attendances) has a row each. A count of prisoners tests ``had_event`` instead."""
    return EVENTS[kind].records(user, since, until).order_by().values("prisoner_id").distinct()


# --- applied to the prisoner list -----------------------------------------------------


def with_capability(queryset: QuerySet, user, capability: str) -> QuerySet:
    return queryset.filter(pk__in=granted_ids(user, capability))


def filter_age_band(queryset, value: str, today: dt.date | None = None):
    return queryset.alias(age_band=age_band_expr(today or timezone.localdate())).filter(age_band=value)


def filter_security_level(queryset, user, value: str):
    qs = with_capability(queryset, user, "view_risk").alias(security_level_now=security_level_expr())
    if value == NONE:
        return qs.filter(security_level_now__isnull=True)
    return qs.filter(security_level_now=value)


def filter_risk(queryset, user, value: str):
    qs = with_capability(queryset, user, "view_risk").alias(judgement=judgement_expr())
    if value == NONE:
        return qs.filter(judgement__isnull=True)
    return qs.filter(judgement=value)


def filter_review(queryset, user, value: str, today: dt.date | None = None):
    today = today or timezone.localdate()
    return (
        with_capability(queryset, user, "view_risk")
        .alias(review_due=review_due_expr())
        .filter(review_condition(value, today))
    )


def filter_event(queryset, user, kind: str, since, until):
    return queryset.filter(pk__in=event_prisoner_ids(kind, user, since, until))


def filter_standard(queryset, user, code: str):
    return standards.incomplete(queryset, user, code)
