"""The case manager's section of the home page (``casemgmt.home``): the risk reviews due
this week (or overdue) in the caseload, the people never assessed first, then by due
date (issue 23: they came last)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef
from django.utils import timezone

from casemgmt import home
from casemgmt.choices import Role
from casework import selectors
from classification.models import Assessment
from core import reads

#: how far ahead "this week" looks
DAYS = 7


def _due(user) -> dict:
    horizon = timezone.localdate() + dt.timedelta(days=DAYS)
    rows = list(
        selectors.caseload(user=user, case_manager=user)
        .annotate(
            assessed=Exists(Assessment.objects.filter(prisoner=OuterRef("pk"), status="approved")),
        )
        .filter(review_due__lte=horizon)
        .order_by("assessed", "review_due", "family_name", "pk")
    )
    reads.note_instances(rows)
    return {"due": rows, "today": timezone.localdate()}


def register() -> None:
    home.register(
        home.Section(
            key="reviews-due",
            roles=frozenset({Role.CASE_MANAGER}),
            template="casework/_home_reviews.html",
            context=_due,
            order=10,
        )
    )
