"""Reads of the family app; each starts from the restriction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from casemgmt import selectors as casemgmt_selectors
from core.querysets import granted_ids
from family.choices import VisitStatus, Whereabouts
from family.models import (
    Child,
    ChildHealthCheck,
    ChildPlacement,
    ConsularNotification,
    Contact,
    ContactChange,
    Restriction,
    Visit,
    VisitSession,
)
from family.services import HELD

if TYPE_CHECKING:
    from casemgmt.models import Facility, Prisoner


def file_for(*, user: Any, pk: Any, action: str) -> Prisoner:
    return casemgmt_selectors.prisoner_get(user=user, pk=pk, action=action)


def family_of(*, user: Any, prisoner: Prisoner, capabilities: Collection[str]) -> dict[str, Any]:
    """The family picture of one file, as far as the user may read it."""
    can_family = "view_family" in capabilities
    contacts = list(Contact.objects.restrict(user).filter(prisoner=prisoner))
    out: dict[str, Any] = {
        "contacts": contacts,
        "restrictions": list(
            Restriction.objects.restrict(user)
            .filter(prisoner=prisoner)
            .select_related("contact", "imposed_by")
        ),
        "visits": list(
            Visit.objects.restrict(user)
            .filter(prisoner=prisoner)
            .select_related("session", "session__facility")
            .prefetch_related("visitor_rows__contact")[:50]
        ),
        "consular": list(ConsularNotification.objects.restrict(user).filter(prisoner=prisoner)),
        "changes": list(
            ContactChange.objects.restrict(user)
            .filter(prisoner=prisoner)
            .select_related("contact", "changed_by")[:50]
        ),
        "children": [],
    }
    if can_family:
        out["children"] = list(
            Child.objects.restrict(user)
            .filter(prisoner=prisoner)
            .prefetch_related("placements", "health_checks")
        )
    return out


def may_change(user: Any, model: Any, pk: Any) -> bool:
    """Whether the user may change this record (its queryset's ``change``). ``model``: a
    model class of this app (its manager restricts)."""
    changeable: bool = model.objects.restrict(user, "change").filter(pk=pk).exists()
    return changeable


def contacts(*, user: Any, action: str = "view") -> QuerySet[Contact]:
    return Contact.objects.restrict(user, action).select_related("prisoner")


def restrictions(*, user: Any, action: str = "view") -> QuerySet[Restriction]:
    return Restriction.objects.restrict(user, action).select_related("prisoner", "contact")


def children(*, user: Any, action: str = "view") -> QuerySet[Child]:
    return Child.objects.restrict(user, action).select_related("prisoner", "facility")


def visits(*, user: Any, action: str = "view") -> QuerySet[Visit]:
    return (
        Visit.objects.restrict(user, action)
        .select_related("prisoner", "session", "session__facility")
        .prefetch_related("visitor_rows__contact")
    )


def sessions(*, user: Any) -> QuerySet[VisitSession]:
    rows: QuerySet[VisitSession] = (
        VisitSession.objects.restrict(user)
        .select_related("facility")
        .annotate(booked=Count("visits", filter=Q(visits__status=VisitStatus.BOOKED)))
        .order_by("starts_at", "id")
    )
    return rows


def consular(*, user: Any, action: str = "view") -> QuerySet[ConsularNotification]:
    return ConsularNotification.objects.restrict(user, action).select_related("prisoner")


def placements(*, user: Any, child: Child) -> list[ChildPlacement]:
    return list(ChildPlacement.objects.restrict(user).filter(child=child))


def health_checks(*, user: Any, child: Child) -> list[ChildHealthCheck]:
    return list(ChildHealthCheck.objects.restrict(user).filter(child=child))


def statistics(
    *, user: Any, facility: Facility | None = None, since: dt.date | None = None, until: dt.date | None = None
) -> dict[str, Any]:
    """Counts over the files the user may read: children living in prison per facility
    (Rule 10 statistics), visits per month and kind, visits per prisoner."""
    kids = Child.objects.filter(
        prisoner_id__in=granted_ids(user, "view_family"),
        whereabouts=Whereabouts.IN_PRISON,
        prisoner__custody_status__in=HELD,
    )
    seen = Visit.objects.restrict(user)
    if facility is not None:
        kids = kids.filter(facility=facility)
        seen = seen.filter(session__facility=facility)
    if since:
        seen = seen.filter(session__starts_at__date__gte=since)
    if until:
        seen = seen.filter(session__starts_at__date__lte=until)
    by_facility = list(kids.values("facility__name").annotate(n=Count("pk")).order_by("facility__name"))
    by_month = list(
        seen.annotate(month=TruncMonth("session__starts_at"))
        .values("month", "session__kind", "status")
        .annotate(n=Count("pk"))
        .order_by("month", "session__kind", "status")
    )
    per_prisoner = seen.filter(status=VisitStatus.HELD).values("prisoner").annotate(n=Count("pk"))
    counts = [r["n"] for r in per_prisoner]
    return {
        "children_in_prison": sum(r["n"] for r in by_facility),
        "children_by_facility": by_facility,
        "visits_by_month": by_month,
        "visits_total": sum(r["n"] for r in by_month),
        "visits_held": sum(r["n"] for r in by_month if r["status"] == VisitStatus.HELD),
        "prisoners_visited": len(counts),
        "visits_per_prisoner": round(sum(counts) / len(counts), 2) if counts else 0,
        "today": timezone.localdate(),
    }
