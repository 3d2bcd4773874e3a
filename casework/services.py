"""Writes of case management: allocation, the case plan, plan reviews, case notes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from casemgmt import permissions
from casemgmt.choices import Role
from casemgmt.models import Prisoner, User
from casemgmt.permissions import Capability
from casework.choices import (  # noqa: F401 - PLAN_TRANSITIONS re-exported
    CHANGE_LABELS,
    NOTE_CAPABILITY,
    PLAN_TRANSITIONS,
    ActionStatus,
    GoalStatus,
    NeedArea,
    PlanStatus,
)
from casework.models import Action, Allocation, CaseNote, CasePlan, Goal, Need, PlanReview, PlanSnapshot
from core import audit, grants, writes
from core.choices import AuditAction

# --- allocation ---------------------------------------------------------------------


@transaction.atomic
def allocation_set(
    *, actor: Any, prisoner: Prisoner, case_manager: User, handover_note: str = ""
) -> Allocation:
    """Allocate (or reallocate) a prisoner. The new case manager gets the case-file
    capabilities through the grant service; the previous one loses them."""
    grants.require(actor, prisoner, Capability.ALLOCATE)
    if not case_manager.is_active or Role.CASE_MANAGER not in case_manager.roles:
        raise ValidationError({"case_manager": [_("Choose an active case manager.")]})
    current: Allocation | None = (
        Allocation.objects.select_for_update().filter(prisoner=prisoner, ended_at__isnull=True).first()
    )
    if current is not None:
        if current.case_manager_id == case_manager.pk:
            return current
        if not handover_note.strip():
            raise ValidationError({"handover_note": [_("Write a handover note for the new case manager.")]})
        current.ended_at, current.ended_by = timezone.now(), actor
        current.save(update_fields=["ended_at", "ended_by"])
        grants.access_revoke(
            actor=actor,
            prisoners=[prisoner],
            user=current.case_manager,
            capabilities=permissions.CASE_MANAGER_CAPABILITIES,
            reason="reallocated",
        )
    allocation = Allocation(
        prisoner=prisoner, case_manager=case_manager, allocated_by=actor, handover_note=handover_note
    )
    allocation.full_clean(exclude=["prisoner", "case_manager", "allocated_by"])  # the note's length
    allocation.save()
    grants.access_grant(
        actor=actor,
        prisoners=[prisoner],
        user=case_manager,
        capabilities=permissions.CASE_MANAGER_CAPABILITIES,
        reason="allocated",
    )
    audit.record(
        actor,
        AuditAction.CREATE,
        allocation,
        subject=prisoner,
        after={
            "case_manager": case_manager.username,
            "previous": current.case_manager.username if current else None,
        },
        reason=handover_note,
    )
    return allocation


# --- the case plan ------------------------------------------------------------------

OWNER_WITHOUT_ACCESS = _lazy(
    "The owner must be able to read this prisoner's file. Choose someone who can, or write the "
    "owner's name instead."
)


def owner_may_read(owner: User, prisoner_id: int) -> bool:
    return Prisoner.objects.restrict(owner, Capability.VIEW).filter(pk=prisoner_id).exists()


def change_label(change: str) -> str:
    """A snapshot's change ("goal:Learn to read") in the reader's language."""
    key, _sep, detail = change.partition(":")
    label = str(CHANGE_LABELS.get(key, key))
    if key == "status" and detail in PlanStatus.values:
        detail = str(PlanStatus(detail).label)
    elif key == "need" and detail in NeedArea.values:
        detail = str(NeedArea(detail).label)
    elif key == "action-status":
        status, _sep, text = detail.partition(":")
        detail = f"{ActionStatus(status).label if status in ActionStatus.values else status} — {text}"
    elif key == "review" and (day := parse_date(detail)) is not None:
        detail = date_format(day, "SHORT_DATE_FORMAT")  # stored as ISO, read in the reader's format
    return f"{label}: {detail}" if detail else label


def _serialize(plan: CasePlan) -> dict[str, Any]:
    needs = list(plan.needs.all())
    goals = list(plan.goals.prefetch_related("actions"))
    return {
        "status": plan.status,
        "summary": plan.summary,
        "next_review_date": plan.next_review_date.isoformat() if plan.next_review_date else None,
        "needs": [
            {"id": n.pk, "area": n.area, "description": n.description, "source": n.source} for n in needs
        ],
        "goals": [
            {
                "id": g.pk,
                "need": g.need_id,
                "description": g.description,
                "status": g.status,
                "actions": [
                    {
                        "id": a.pk,
                        "description": a.description,
                        "owner": a.owner_id,
                        "owner_text": a.owner_text,
                        "target_date": a.target_date.isoformat() if a.target_date else None,
                        "status": a.status,
                    }
                    for a in g.actions.all()
                ],
            }
            for g in goals
        ],
    }


def _snapshot(actor: Any, plan: CasePlan, change: str) -> None:
    PlanSnapshot.objects.create(
        plan=plan,
        version=plan.version,
        taken_by=actor if actor and actor.pk else None,
        change=change,
        data=_serialize(plan),
    )
    audit.record(
        actor,
        AuditAction.UPDATE,
        plan,
        subject=plan.prisoner,
        object_repr=change,
        after={"version": plan.version, "status": plan.status},
    )


def _require_plan(actor: Any, plan: CasePlan) -> None:
    """Defence in depth: a plan's changes need the case-plan capability on its file."""
    grants.require(actor, plan.prisoner, Capability.MANAGE_CASEPLAN)


def _locked(plan: CasePlan, expected_version: int | None) -> CasePlan:
    locked: CasePlan = CasePlan.objects.select_for_update().get(pk=plan.pk)
    if locked.status == PlanStatus.CLOSED:
        raise ValidationError(_("This plan is closed."), code="closed")
    if expected_version is not None and locked.version != expected_version:
        changes = list(
            PlanSnapshot.objects.filter(plan=locked, version__gt=expected_version)
            .select_related("taken_by")
            .order_by("version")
        )
        detail = "; ".join(
            f"{change_label(s.change)} ({s.taken_by.get_full_name() or s.taken_by.username if s.taken_by else '—'}, "
            f"{timezone.localtime(s.taken_at):%H:%M})"
            for s in changes
        )
        raise ValidationError(
            _(
                "Someone else changed this plan while you were editing it: %(changes)s. Your change was not saved; "
                "the page now shows the current plan."
            )
            % {"changes": detail},
            code="conflict",
        )
    return locked


def _bump(actor: Any, plan: CasePlan, change: str) -> CasePlan:
    plan.version += 1
    plan.save()
    _snapshot(actor, plan, change)
    return plan


@transaction.atomic
def plan_create(*, actor: Any, prisoner: Prisoner, summary: str = "") -> CasePlan:
    grants.require(actor, prisoner, Capability.MANAGE_CASEPLAN)
    if CasePlan.objects.filter(prisoner=prisoner).exclude(status=PlanStatus.CLOSED).exists():
        raise ValidationError(_("This prisoner already has an open case plan."))
    plan = CasePlan(prisoner=prisoner, summary=summary, created_by=actor)
    plan.full_clean()
    plan.save()
    _snapshot(actor, plan, "created:")
    return plan


@transaction.atomic
def plan_update(
    *, actor: Any, plan: CasePlan, expected_version: int | None = None, **fields: Any
) -> CasePlan:
    _require_plan(actor, plan)
    locked = _locked(plan, expected_version)
    for key in set(fields) - {"summary", "next_review_date"}:
        raise ValueError(f"not a plan field: {key}")
    for key, value in fields.items():
        setattr(locked, key, value)
    locked.full_clean()
    return _bump(actor, locked, "details:")


@transaction.atomic
def plan_transition(*, actor: Any, plan: CasePlan, to: str, expected_version: int | None = None) -> CasePlan:
    _require_plan(actor, plan)
    locked = _locked(plan, expected_version)
    if to not in PLAN_TRANSITIONS[locked.status]:
        raise ValidationError(
            _("A plan cannot go from %(from)s to %(to)s.")
            % {"from": PlanStatus(locked.status).label, "to": PlanStatus(to).label}
        )
    if to == PlanStatus.ACTIVE and not locked.goals.exists():
        raise ValidationError(_("Add at least one goal before the plan becomes active."))
    locked.status = to
    return _bump(actor, locked, f"status:{to}")


@transaction.atomic
def need_add(*, actor: Any, plan: CasePlan, expected_version: int | None = None, **data: Any) -> Need:
    _require_plan(actor, plan)
    locked = _locked(plan, expected_version)
    need = Need(plan=locked, **data)
    need.full_clean()
    need.save()
    _bump(actor, locked, f"need:{need.area}")
    return need


@transaction.atomic
def goal_add(
    *,
    actor: Any,
    plan: CasePlan,
    description: str,
    need: Need | None = None,
    expected_version: int | None = None,
) -> Goal:
    _require_plan(actor, plan)
    locked = _locked(plan, expected_version)
    if need is not None and need.plan_id != locked.pk:
        raise ValidationError({"need": [_("That need belongs to another plan.")]})
    goal = Goal(plan=locked, need=need, description=description)
    goal.full_clean()
    goal.save()
    _bump(actor, locked, f"goal:{description[:60]}")
    return goal


@transaction.atomic
def action_add(
    *,
    actor: Any,
    goal: Goal,
    description: str,
    owner: User | None = None,
    owner_text: str = "",
    target_date: dt.date | None = None,
    expected_version: int | None = None,
) -> Action:
    """An action of a goal. A user who owns it must be able to read the file: the overdue
    reminder names the prisoner to its owner."""
    _require_plan(actor, goal.plan)
    locked = _locked(goal.plan, expected_version)
    if owner is not None and not owner_may_read(owner, locked.prisoner_id):
        raise ValidationError({"owner": [OWNER_WITHOUT_ACCESS]})
    if target_date and target_date < timezone.localdate() - dt.timedelta(days=365):
        raise ValidationError({"target_date": [_("The target date is more than a year in the past.")]})
    action = Action(
        goal=goal, description=description, owner=owner, owner_text=owner_text, target_date=target_date
    )
    action.full_clean()
    action.save()
    _bump(actor, locked, f"action:{description[:60]}")
    return action


@transaction.atomic
def action_set_status(
    *, actor: Any, action: Action, status: str, expected_version: int | None = None
) -> Action:
    _require_plan(actor, action.goal.plan)
    locked = _locked(action.goal.plan, expected_version)
    if status not in ActionStatus.values:
        raise ValidationError({"status": [_("Unknown status.")]})
    action.status = status
    action.completed_at = timezone.now() if status == ActionStatus.DONE else None
    action.save(update_fields=["status", "completed_at"])
    _bump(actor, locked, f"action-status:{status}:{action.description[:60]}")
    return action


@transaction.atomic
def plan_review_record(
    *,
    actor: Any,
    plan: CasePlan,
    held_on: dt.date,
    attendees: str,
    decisions: str,
    progress: dict[int, dict[str, Any]],
    next_review_date: dt.date | None = None,
    expected_version: int | None = None,
) -> PlanReview:
    """Record a review meeting; each goal's progress updates its status."""
    _require_plan(actor, plan)
    locked = _locked(plan, expected_version)
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": [_("A review cannot be recorded before it is held.")]})
    if next_review_date and next_review_date <= held_on:
        raise ValidationError({"next_review_date": [_("The next review must come after this one.")]})
    goals = {g.pk: g for g in locked.goals.all()}
    for goal_id, entry in progress.items():
        goal = goals.get(int(goal_id))
        if goal is None:
            raise ValidationError({"progress": [_("A goal of another plan was rated.")]})
        if entry.get("status") not in GoalStatus.values:
            raise ValidationError({"progress": [_("Choose a status for each goal.")]})
        goal.status = entry["status"]
        goal.save(update_fields=["status"])
    review = PlanReview(
        plan=locked,
        held_on=held_on,
        attendees=attendees,
        decisions=decisions,
        progress={str(k): v for k, v in progress.items()},
        next_review_date=next_review_date,
        recorded_by=actor,
    )
    review.full_clean()
    review.save()
    if next_review_date:
        locked.next_review_date = next_review_date
    if locked.status == PlanStatus.UNDER_REVIEW:
        locked.status = PlanStatus.ACTIVE
    _bump(actor, locked, f"review:{held_on.isoformat()}")
    return review


def plan_on(plan: CasePlan, when: dt.datetime) -> PlanSnapshot | None:
    """The plan as it stood at a moment (the last snapshot taken by then)."""
    return plan.snapshots.filter(taken_at__lte=when).order_by("-version").first()


# --- case notes ---------------------------------------------------------------------


@transaction.atomic
def note_add(
    *, actor: Any, prisoner: Prisoner, kind: str, text: str, corrects: CaseNote | None = None
) -> CaseNote:
    """A note needs the case-plan capability; a sensitive kind its own capability too."""
    held = grants.require(actor, prisoner, Capability.MANAGE_CASEPLAN)
    if actor is not None and kind in NOTE_CAPABILITY and NOTE_CAPABILITY[kind] not in held:
        raise Http404
    if corrects is not None and corrects.prisoner_id != prisoner.pk:
        raise ValidationError({"corrects": [_("That note belongs to another file.")]})
    note = CaseNote(prisoner=prisoner, kind=kind, text=text.strip(), author=actor, corrects=corrects)
    writes.create(
        actor,
        note,
        subject=prisoner,
        object_repr=f"case note ({kind})",
        after={"kind": kind, "corrects": corrects.pk if corrects else None},
    )
    return note


@transaction.atomic
def note_edit(*, actor: Any, note: CaseNote, text: str) -> CaseNote:
    """Within the grace period the author may fix a note; later, write a correction."""
    locked: CaseNote = CaseNote.objects.select_for_update().select_related("prisoner").get(pk=note.pk)
    held = grants.require(actor, locked.prisoner, Capability.MANAGE_CASEPLAN)
    if actor is not None and locked.kind in NOTE_CAPABILITY and NOTE_CAPABILITY[locked.kind] not in held:
        raise Http404
    grace = dt.timedelta(minutes=settings.NOTE_EDIT_GRACE_MINUTES)
    # Only a person edits a note: no system actor (a task) is its author.
    if actor is None or locked.author_id != actor.pk or timezone.now() - locked.created_at > grace:
        raise ValidationError(
            _(
                "A note can be changed only by its author in the first %(minutes)s minutes. Write a correction instead."
            )
            % {"minutes": settings.NOTE_EDIT_GRACE_MINUTES},
            code="locked",
        )
    before = locked.text
    locked.text, locked.edited_at = text.strip(), timezone.now()
    locked.full_clean()
    locked.save(update_fields=["text", "edited_at"])
    audit.record(
        actor,
        AuditAction.UPDATE,
        locked,
        subject=locked.prisoner,
        object_repr="case note edited",
        # the kind decides who sees this row in the file's history (casework.apps)
        before={"length": len(before)},
        after={"length": len(locked.text), "kind": locked.kind},
    )
    return locked
