"""The one rule for when a prisoner's next risk review is due, as a database expression
(for lists, the reminder sweep and the reports) and its Python twin (for one file's risk
tab). A test holds them equal on every demo prisoner.

The rule:
1. the current approved classification's ``next_review_due``; without one,
2. the initial assessment's due date of the latest completed admission; without one
   (a file opened before intake existed), the file's creation date + ``INITIAL_ASSESSMENT_DAYS``;
3. an open early-review flag (programme completed or left, incident, find, information)
   brings it forward to the day the earliest open flag was raised, if that is sooner.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import DateField, Func, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast, Coalesce, Least, TruncDate
from django.utils import timezone

from classification.models import Classification, ReviewFlag
from intake.models import Admission

BASIS_POLICY, BASIS_INITIAL, BASIS_EARLY = "policy", "initial", "early"


def _current() -> QuerySet[Any, Any]:
    return Classification.objects.filter(prisoner=OuterRef("pk"), status="approved").values(
        "next_review_due"
    )[:1]


def _initial() -> QuerySet[Any, Any]:
    return (
        Admission.objects.filter(prisoner=OuterRef("pk"), status="completed")
        .order_by("-admitted_at")
        .values("initial_assessment_due")[:1]
    )


def _earliest_flag() -> QuerySet[Any, Any]:
    flags: QuerySet[Any, Any] = (
        ReviewFlag.objects.filter(prisoner=OuterRef("pk"), cleared_by__isnull=True)
        .order_by("raised_at")
        .annotate(day=TruncDate("raised_at"))
        .values("day")[:1]
    )
    return flags


def review_due_expr() -> Func:
    """The due date as an expression over ``Prisoner`` rows (PostgreSQL's LEAST skips a NULL)."""
    base = Coalesce(
        Subquery(_current(), output_field=DateField()),
        Subquery(_initial(), output_field=DateField()),
        Cast(TruncDate("created_at") + dt.timedelta(days=settings.INITIAL_ASSESSMENT_DAYS), DateField()),
    )
    return Least(base, Subquery(_earliest_flag(), output_field=DateField()))


def review_due_for(prisoner: Any) -> tuple[dt.date | None, str]:
    """The same rule for one prisoner: ``(due date, basis)``."""
    current = (
        Classification.objects.filter(prisoner=prisoner, status="approved")
        .values_list("next_review_due", flat=True)
        .first()
    )
    if current is not None:
        due, basis = current, BASIS_POLICY
    else:
        initial = (
            Admission.objects.filter(prisoner=prisoner, status="completed")
            .order_by("-admitted_at")
            .values_list("initial_assessment_due", flat=True)
            .first()
        )
        if initial is None and prisoner.created_at:
            initial = timezone.localdate(prisoner.created_at) + dt.timedelta(
                days=settings.INITIAL_ASSESSMENT_DAYS
            )
        due, basis = initial, BASIS_INITIAL
    raised = (
        ReviewFlag.objects.filter(prisoner=prisoner, cleared_by__isnull=True)
        .order_by("raised_at")
        .values_list("raised_at", flat=True)
        .first()
    )
    if raised is not None:
        early = timezone.localdate(raised)
        if due is None or early <= due:
            due, basis = early, BASIS_EARLY
    return due, basis
