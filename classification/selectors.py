"""Reads of classification, each from the restricted querysets."""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from classification.choices import SCALE_SCORE, AssessmentStatus, ClassificationStatus, VersionStatus
from classification.due import review_due_for
from classification.models import (
    Assessment,
    Classification,
    Domain,
    Instrument,
    Item,
    KeepApart,
    Rating,
    ReviewFlag,
)
from core.querysets import get_visible

if TYPE_CHECKING:
    from casemgmt.models import Prisoner


def assessment_list(*, user: Any, action: str = "view_risk") -> QuerySet[Assessment]:
    return Assessment.objects.restrict(user, action).select_related(
        "prisoner", "instrument_version__instrument", "assessor", "approved_by"
    )


def assessment_get(*, user: Any, pk: Any, action: str = "view_risk") -> Assessment:
    assessment: Assessment = get_visible(assessment_list(user=user, action=action), pk)
    return assessment


def classification_list(*, user: Any, action: str = "view_risk") -> QuerySet[Classification]:
    return Classification.objects.restrict(user, action).select_related(
        "prisoner", "assessment", "decided_by"
    )


def classification_get(*, user: Any, pk: Any, action: str = "view_risk") -> Classification:
    classification: Classification = get_visible(classification_list(user=user, action=action), pk)
    return classification


def published_instruments() -> QuerySet[Instrument]:
    return Instrument.objects.filter(versions__status=VersionStatus.PUBLISHED).distinct()


def assessment_form_rows(assessment: Assessment) -> list[tuple[Domain, list[tuple[Item, Rating | None]]]]:
    """Domains with their items (those that apply to this prisoner) and the ratings so far."""
    ratings = {r.item_id: r for r in assessment.ratings.all()}
    domains = Domain.objects.filter(version=assessment.instrument_version).prefetch_related(
        Prefetch("items", queryset=Item.objects.order_by("order"))
    )
    rows = []
    for domain in domains:
        items = [(i, ratings.get(i.pk)) for i in domain.items.all() if i.applies(assessment.prisoner.sex)]
        if items:
            rows.append((domain, items))
    return rows


def history(prisoner: Prisoner) -> dict[str, Any]:
    """Approved assessments over time: overall judgement and each domain's mean score
    (0-2, protective domains apart), for a small chart and the same numbers as a table."""
    approved = list(
        Assessment.objects.filter(prisoner=prisoner, status=AssessmentStatus.APPROVED)
        .select_related("instrument_version__instrument")
        .prefetch_related(Prefetch("ratings", queryset=Rating.objects.select_related("item__domain")))
        .order_by("approved_at")
    )
    series: OrderedDict[str, dict[str, Any]] = OrderedDict()
    rows: list[dict[str, Any]] = []
    for a in approved:
        per_domain: dict[str, list[int]] = {}
        names = {}
        for r in a.ratings.all():
            if r.value in SCALE_SCORE:
                domain = r.item.domain
                per_domain.setdefault(domain.code, []).append(SCALE_SCORE[r.value])
                names[domain.code] = domain
        scores = {code: round(sum(v) / len(v), 2) for code, v in per_domain.items()}
        for code, domain in names.items():
            series.setdefault(code, {"domain": domain, "points": []})
        rows.append({"assessment": a, "scores": scores})
    for code, entry in series.items():
        entry["points"] = [row["scores"].get(code) for row in rows]
    return {"rows": rows, "series": series}


def current_classification(prisoner: Prisoner) -> Classification | None:
    return Classification.objects.filter(prisoner=prisoner, status=ClassificationStatus.APPROVED).first()


def keep_apart_links(prisoner: Prisoner, among: Any = None) -> list[tuple[KeepApart, Prisoner]]:
    """The open keep-apart links of ``prisoner`` as ``(link, other person)`` pairs, in
    either direction; ``among`` (ids or a subquery) narrows the other side. One query.
    The one check both the placement of a move and a programme enrolment use."""
    mine, theirs = Q(prisoner=prisoner), Q(other=prisoner)
    if among is not None:
        mine &= Q(other_id__in=among)
        theirs &= Q(prisoner_id__in=among)
    links = KeepApart.objects.filter(mine | theirs, closed_at__isnull=True).select_related(
        "prisoner__cell", "other__cell"
    )
    return [(link, link.other if link.prisoner_id == prisoner.pk else link.prisoner) for link in links]


def review_status(prisoner: Prisoner) -> dict[str, Any]:
    """When the next review is due, and why (``classification.due``: the one rule the
    caseload, the reminders and the reports use too)."""
    current = Classification.objects.filter(prisoner=prisoner, status=ClassificationStatus.APPROVED).first()
    open_flags = list(ReviewFlag.objects.filter(prisoner=prisoner, cleared_by__isnull=True))
    due, basis = review_due_for(prisoner)
    return {
        "due": due,
        "basis": basis,
        "flags": open_flags,
        "classification": current,
        "overdue": bool(due and due < timezone.localdate()),
    }
