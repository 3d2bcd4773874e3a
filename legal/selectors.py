"""Reads of the legal record, the plan and the documents for one file (the caller has
resolved the file through its restriction)."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from core.querysets import file_get, get_visible
from documents.models import Document
from legal.choices import PlanStatus
from legal.models import (
    Appeal,
    HandoverSummary,
    Hearing,
    LegalCase,
    ReleaseCalculation,
    ReleasePlan,
    RemandPeriod,
    Sentence,
    SubjectAccessRequest,
)
from legal.querysets import legal_readable

if TYPE_CHECKING:
    from casemgmt.models import Prisoner


def legal_record(*, user: Any, prisoner: Prisoner, capabilities: Collection[str]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "can_read_legal": legal_readable(capabilities),
        "can_plan": "manage_caseplan" in capabilities,
    }
    if out["can_read_legal"]:
        calcs = list(ReleaseCalculation.objects.restrict(user).filter(prisoner=prisoner)[:20])
        out.update(
            cases=list(
                LegalCase.objects.restrict(user).filter(prisoner=prisoner).prefetch_related("charges")
            ),
            hearings=list(
                Hearing.objects.restrict(user).filter(prisoner=prisoner).select_related("case", "movement")
            ),
            remands=list(
                RemandPeriod.objects.restrict(user).filter(prisoner=prisoner).select_related("case")
            ),
            sentences=list(Sentence.objects.restrict(user).filter(prisoner=prisoner).select_related("case")),
            appeals=list(Appeal.objects.restrict(user).filter(prisoner=prisoner).select_related("sentence")),
            calculation=calcs[0] if calcs else None,
            calculations=calcs,
            documents=list(
                Document.objects.restrict(user)
                .filter(prisoner=prisoner)
                .select_related("kind")
                .prefetch_related("versions")
            ),
        )
    if out["can_plan"]:
        plan = (
            ReleasePlan.objects.restrict(user, "manage_caseplan")
            .filter(prisoner=prisoner)
            .exclude(status=PlanStatus.CLOSED)
            .first()
        )
        out.update(
            plan=plan,
            plan_items=list(plan.items.all()) if plan else [],
            plan_progress=plan.progress() if plan else None,
            handovers=list(
                HandoverSummary.objects.restrict(user, "manage_caseplan").filter(prisoner=prisoner)
            ),
            copies=list(
                SubjectAccessRequest.objects.restrict(user, "manage_caseplan").filter(prisoner=prisoner)
            ),
        )
    return out


def visible(model: Any, *, user: Any, pk: Any, action: str) -> Any:
    """One record named in a request's body (the API), through the restriction (404).
    ``model`` is any model class whose manager restricts (``model.objects.restrict``)."""
    return get_visible(model.objects.restrict(user, action), pk)


def file_for(*, user: Any, pk: Any, action: str) -> Prisoner:
    """A prisoner's file named in a request's body (the API), through the restriction (404)."""
    prisoner: Prisoner = file_get(user=user, pk=pk, action=action)
    return prisoner
