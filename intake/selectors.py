"""Reads of the intake. (The duplicate check is ``intake.duplicates``.)"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from casemgmt.models import Prisoner
from core.dates import day_range
from intake.choices import AdmissionStatus
from intake.duplicates import name_matches
from intake.models import Admission

if TYPE_CHECKING:
    from intake.duplicates import Candidate


def admission_list(*, user: Any, action: str = "view") -> QuerySet[Admission]:
    return Admission.objects.restrict(user, action).select_related("facility", "prisoner", "created_by")


def admissions_by_status(queryset: QuerySet[Admission], status: str = "open") -> QuerySet[Admission]:
    """The reception desk's list of a restricted queryset: ``open`` (in progress and
    admitted today), a status, or ``all``."""
    if status == "open":
        # drafts and today's admissions, each read from its own index (``admission_drafts``,
        # ``admission_admitted``): ``admitted_at__date`` scanned every admission (issue 25)
        start, end = day_range()
        queryset = queryset.filter(
            Q(status=AdmissionStatus.DRAFT) | Q(admitted_at__gte=start, admitted_at__lt=end)
        )
    elif status in AdmissionStatus.values:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-updated_at")


def admission_list_filtered(*, user: Any, status: str = "open") -> QuerySet[Admission]:
    return admissions_by_status(admission_list(user=user), status)


def capabilities_held(
    *, user: Any, prisoner_ids: Iterable[int], capabilities: Iterable[str]
) -> dict[str, set[int]]:
    """For each capability, the ids among ``prisoner_ids`` on which the user holds it
    (one query a capability, for a page of admissions)."""
    ids = set(prisoner_ids)
    return {
        capability: set(
            Prisoner.objects.restrict(user, capability).filter(pk__in=ids).values_list("pk", flat=True)
        )
        if ids
        else set()
        for capability in capabilities
    }


def duplicate_candidates(**query: Any) -> list[Candidate]:
    """The name ranking over every file, unrestricted (the bench and the ranking's tests).
    Never shown to anyone as it is: pages and the API use ``intake.duplicates.duplicate_check``,
    which keeps what the officer may see and strong matches only of other files."""
    return name_matches(Prisoner.objects.all(), **query)
