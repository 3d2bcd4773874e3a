"""The discipline app's sources of the work queue (``casemgmt.queue``): charges waiting
for their hearing, and separations whose review is due (Rule 44's periodic review)."""

from __future__ import annotations

import datetime as dt

from django.db.models import DateTimeField, DurationField, ExpressionWrapper, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from casemgmt import queue
from casemgmt.choices import Role
from discipline.choices import Status
from discipline.models import Report, Separation, SeparationReview


def _hearings(user, now):
    return Report.objects.restrict(user, "hear").filter(status=Status.CHARGED)


def _reviews(user, now):
    last = (
        SeparationReview.objects.filter(separation=OuterRef("pk"))
        .order_by("-reviewed_at")
        .values("reviewed_at")[:1]
    )
    period = ExpressionWrapper(F("review_days") * dt.timedelta(days=1), output_field=DurationField())
    return (
        Separation.objects.restrict(user, "appeal")
        .filter(ended_at__isnull=True)
        .annotate(
            review_due=ExpressionWrapper(
                Coalesce(Subquery(last), F("started_at")) + period, output_field=DateTimeField()
            )
        )
        .filter(review_due__lte=now)
    )


def register() -> None:
    queue.register(
        queue.Source(
            key="hearing",
            label=_("Disciplinary hearings to hold"),
            roles=frozenset({Role.SUPERVISOR, Role.ADJUDICATOR}),
            queryset=_hearings,
            since="reported_at",
            link=lambda r: reverse("discipline:report", args=[r.pk]),
            describe=lambda r: str(r.offence),
            related=("prisoner", "offence"),
        )
    )
    queue.register(
        queue.Source(
            key="separation",
            label=_("Separation reviews due"),
            roles=frozenset({Role.SUPERVISOR}),
            queryset=_reviews,
            since="review_due",
            link=lambda s: reverse("discipline:separation", args=[s.pk]),
            describe=lambda s: s.get_kind_display(),
        )
    )
