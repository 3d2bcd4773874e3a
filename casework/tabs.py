"""The case file's Case plan, Notes and Timeline tabs, and this app's timeline entries."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from casemgmt import tabs, timeline
from casemgmt.permissions import Capability
from casework import selectors, services
from casework.choices import NOTE_CAPABILITY, ActionStatus, NoteKind, PlanStatus
from casework.forms import ActionForm, AllocationForm, GoalForm, NeedForm, NoteForm, PlanForm, ReviewForm
from casework.models import Allocation, CasePlan, PlanReview, PlanSnapshot
from core.dates import day_range


def plan_context(prisoner, user, capabilities):
    plan = selectors.plan_current(user=user, prisoner=prisoner)
    ctx = {
        "plan": plan,
        "PlanStatus": PlanStatus,
        "allocation": Allocation.objects.filter(prisoner=prisoner, ended_at__isnull=True)
        .select_related("case_manager")
        .first(),
        "can_allocate": Capability.ALLOCATE in capabilities,
        "allocation_form": AllocationForm(facility=prisoner.facility),
        "past_plans": list(CasePlan.objects.filter(prisoner=prisoner, status=PlanStatus.CLOSED)[:10]),
    }
    if plan is not None:
        goals = list(plan.goals.prefetch_related("actions__owner").select_related("need"))
        for goal in goals:  # one form per goal: ids stay unique on the page
            goal.action_form = ActionForm(prisoner=prisoner, prefix=f"action-{goal.pk}")
        ctx.update(
            needs=list(plan.needs.all()),
            goals=goals,
            reviews=list(plan.reviews.all()[:10]),
            plan_form=PlanForm(initial={"summary": plan.summary, "next_review_date": plan.next_review_date}),
            need_form=NeedForm(prefix="need"),
            goal_form=GoalForm(plan=plan, prefix="goal"),
            action_form=ActionForm(prisoner=prisoner, prefix="action"),
            review_form=ReviewForm(plan=plan, prefix="review"),
            transitions=[s for s in PlanStatus if s in services.PLAN_TRANSITIONS[plan.status]],
            today=timezone.localdate(),
            snapshots=list(
                plan.snapshots.only("version", "taken_at", "change", "taken_by").select_related("taken_by")[
                    :20
                ]
            ),
            action_statuses=ActionStatus.choices,
        )
        for snap in ctx["snapshots"]:
            snap.change_label = services.change_label(snap.change)
    return ctx


def notes_context(prisoner, user, capabilities):
    kinds = [k for k in NoteKind.values if k not in NOTE_CAPABILITY or NOTE_CAPABILITY[k] in capabilities]
    return {"note_form": NoteForm(kinds=kinds), "note_kinds": [(k, NoteKind(k).label) for k in kinds]}


NOTE_TITLE = _("Note")


def register():
    tabs.register(
        tabs.Tab("plan", _("Case plan"), Capability.MANAGE_CASEPLAN, "casework/plan_tab.html", plan_context)
    )
    tabs.register(
        tabs.Tab("notes", _("Notes"), Capability.MANAGE_CASEPLAN, "casework/notes_tab.html", notes_context)
    )
    tabs.register(tabs.Tab("timeline", _("Timeline"), Capability.VIEW, "casework/timeline_tab.html"))
    timeline.register(_notes)
    timeline.register(_plan)
    timeline.register(_allocations)


_notes_query = timeline.query(
    lambda prisoner, before, limit, capabilities: (
        selectors.notes_of_file(prisoner=prisoner, capabilities=capabilities)
        .filter(created_at__lt=before)
        .only("created_at", "kind", "text")
        .order_by("-created_at", "-id")[:limit]
    ),
    capabilities=True,
)
_snapshots = timeline.query(
    lambda prisoner, before, limit: (
        PlanSnapshot.objects.filter(plan__prisoner=prisoner, taken_at__lt=before)
        .only("taken_at", "change")
        .order_by("-taken_at")[:limit]
    )
)
_reviews = timeline.query(
    lambda prisoner, before, limit: (
        PlanReview.objects.filter(plan__prisoner=prisoner, recorded_at__lt=before)
        .only("recorded_at", "decisions")
        .order_by("-recorded_at")[:limit]
    )
)
_allocations_query = timeline.query(
    lambda prisoner, before, limit: (
        Allocation.objects.filter(prisoner=prisoner, allocated_at__lt=before)
        .select_related("case_manager")
        .only("allocated_at", "case_manager__first_name", "case_manager__last_name", "case_manager__username")
        .order_by("-allocated_at")[:limit]
    )
)


def _notes(prisoner, user, capabilities, before, limit):
    if Capability.MANAGE_CASEPLAN not in capabilities:
        return []
    kinds = {value: str(label) for value, label in NoteKind.choices}  # once a page, not once a note
    url = reverse("prisoner-tab", args=[prisoner.pk, "notes"])
    rows = _notes_query.all(
        prisoner=prisoner.pk, before=before, limit=limit, capabilities=frozenset(capabilities)
    )
    return [
        timeline.Entry(n.created_at, "note", f"{NOTE_TITLE}: {kinds.get(n.kind, n.kind)}", n.text[:200], url)
        for n in rows
    ]


def _plan(prisoner, user, capabilities, before, limit):
    if Capability.MANAGE_CASEPLAN not in capabilities:
        return []
    url = reverse("prisoner-tab", args=[prisoner.pk, "plan"])
    values = {"prisoner": prisoner.pk, "before": before, "limit": limit}
    entries = [
        timeline.Entry(s.taken_at, "plan", str(_("Case plan changed")), services.change_label(s.change), url)
        for s in _snapshots.all(**values)
    ]
    entries += [
        timeline.Entry(r.recorded_at, "plan", str(_("Case plan reviewed")), r.decisions[:200], url)
        for r in _reviews.all(**values)
    ]
    return entries


def _allocations(prisoner, user, capabilities, before, limit):
    return [
        timeline.Entry(
            a.allocated_at,
            "allocation",
            str(_("Allocated to a case manager")),
            a.case_manager.get_full_name() or a.case_manager.username,
        )
        for a in _allocations_query.all(prisoner=prisoner.pk, before=before, limit=limit)
    ]


def parse_before(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        day = parse_date(value)
        return day_range(day)[0] if day else None
