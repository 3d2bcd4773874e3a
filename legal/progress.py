"""The release plan's progress where case managers and reports look: a column of the
caseload (``casework.caseload``) and an export of the release plans
(``reports.exports``). "Done" counts the actions done or found not needed
(``DONE_STATUSES``), as ``ReleasePlan.progress`` does; both are read in the list's one
query (subqueries over the open plan's actions, no query per row)."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework import caseload
from casework.caseload import Cell
from legal.choices import DONE_STATUSES, PlanStatus
from legal.models import PlanItem, ReleasePlan
from reports import exports


def _items_of_open_plan(done: bool):
    items = PlanItem.objects.filter(prisoner=OuterRef("pk")).exclude(plan__status=PlanStatus.CLOSED)
    if done:
        items = items.filter(status__in=DONE_STATUSES)
    return Coalesce(
        Subquery(
            items.order_by().values("prisoner").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def annotations() -> dict:
    open_plan = ReleasePlan.objects.filter(prisoner=OuterRef("pk")).exclude(status=PlanStatus.CLOSED)
    return {
        "release_plan_status": Subquery(open_plan.values("status")[:1]),
        "release_items_done": _items_of_open_plan(done=True),
        "release_items_total": _items_of_open_plan(done=False),
    }


def cell(row):
    if not row.release_plan_status:
        return Cell("—")
    url = reverse("prisoner-tab", args=[row.pk, "legal"])
    text = _("%(done)s of %(total)s actions done") % {
        "done": row.release_items_done,
        "total": row.release_items_total,
    }
    if row.release_plan_status == PlanStatus.READY:
        text = f"{text} · {PlanStatus.READY.label}"
    return Cell(text, url, "done" if row.release_plan_status == PlanStatus.READY else "")


# --- the export of the release plans (reports) -------------------------------------


def _release_plans(user, params):
    qs = (
        ReleasePlan.objects.restrict(user, "manage_caseplan")
        .select_related("prisoner", "prisoner__facility")
        .annotate(
            items_total=Count("items", distinct=True),
            items_done=Count("items", filter=Q(items__status__in=DONE_STATUSES), distinct=True),
        )
    )
    if params.get("manager", "").isdigit():
        qs = qs.filter(
            prisoner__allocations__case_manager_id=int(params["manager"]),
            prisoner__allocations__ended_at__isnull=True,
        )
    if params.get("status") in PlanStatus.values:
        qs = qs.filter(status=params["status"])
    used = {k: params[k] for k in ("manager", "status") if params.get(k)}
    return qs.order_by("prisoner__family_name", "prisoner__given_name", "id"), used


def register() -> None:
    caseload.register(
        caseload.Column("release_plan", gettext_lazy("Release plan"), annotations, cell),
    )
    exports.register(
        exports.Export(
            "release_plans",
            gettext_lazy("Release and reintegration plans"),
            "casework:caseload",
            [
                *exports.PRISONER,
                exports.field(gettext_lazy("Facility"), "prisoner__facility__name"),
                exports.choice(gettext_lazy("Status"), "status", "legal.choices.PlanStatus"),
                exports.field(gettext_lazy("Opened on"), "opened_on"),
                exports.field(gettext_lazy("Expected release"), "expected_release"),
                exports.field(gettext_lazy("Actions done"), "items_done"),
                exports.field(gettext_lazy("Actions in the plan"), "items_total"),
            ],
            _release_plans,
        )
    )
