"""The legal app's source of the reminder sweep: when release is near
(``LEGAL_PLAN_REMIND_DAYS``) and the plan is not ready, the case manager (whoever holds
``manage_caseplan`` by a personal grant) is told, and the facility's supervisors; once each
(the sweep's unique key: kind, subject, due date, recipient)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.urls import reverse

from casemgmt.models import Prisoner, PrisonerUserObjectPermission
from legal.choices import PlanStatus
from legal.models import ReleaseCalculation, ReleasePlan
from notifications.services import Due, for_readers, register_source

KIND = "release_plan"


def source(today: dt.date, after_id: int, batch: int, supervisors: dict[int, list[int]]):
    horizon = today + dt.timedelta(days=settings.LEGAL_PLAN_REMIND_DAYS)
    latest = ReleaseCalculation.objects.filter(prisoner_id=OuterRef("pk")).order_by("-computed_at", "-id")
    rows = list(
        Prisoner.objects.filter(pk__gt=after_id, custody_status__in=["in_custody", "temporarily_out"])
        .annotate(release_on=Subquery(latest.values("release_on")[:1]))
        .filter(release_on__gte=today, release_on__lte=horizon)
        .order_by("pk")
        .values("pk", "facility_id", "release_on")[:batch]
    )
    ready = set(
        ReleasePlan.objects.filter(
            prisoner_id__in=[r["pk"] for r in rows], status=PlanStatus.READY
        ).values_list("prisoner_id", flat=True)
    )
    managers: dict[int, set[int]] = {}
    for pid, uid in PrisonerUserObjectPermission.objects.filter(
        content_object_id__in=[r["pk"] for r in rows], permission__codename="manage_caseplan"
    ).values_list("content_object_id", "user_id"):
        managers.setdefault(pid, set()).add(uid)
    found = []
    for row in rows:
        if row["pk"] in ready:
            continue
        link = reverse("prisoner-tab", args=[row["pk"], "legal"])
        for user in managers.get(row["pk"], set()) | set(supervisors.get(row["facility_id"], [])):
            found.append(Due(KIND, "release_plan", row["pk"], row["release_on"], user, row["pk"], link))
    return for_readers(found), (rows[-1]["pk"] if len(rows) == batch else None), len(rows)


def register() -> None:
    register_source("legal", source)
