"""Writes of the requests and complaints register: every step audited in its transaction.

The audit of a confidential complaint never carries its content (the history tab's rows
are read by facility supervisors, who may know only that it exists and when it is due).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casemgmt import alerts
from complaints.choices import TRANSITIONS, Category, OutsideKind, ReprisalKind, Route, Status
from complaints.models import Complaint, ReprisalReview
from complaints.querysets import FACILITY_STAFF
from core import audit, grants
from core.choices import AuditAction

if TYPE_CHECKING:
    from casemgmt.models import Prisoner, User

#: the fields an audit row of a non-confidential complaint shows
CONTENT_FIELDS = [
    "kind",
    "category",
    "route",
    "submitted_by",
    "submitter_name",
    "words",
    "summary",
    "about_staff",
]
DEADLINE_FIELDS = ["acknowledge_due", "answer_due", "referral_due"]


def deadlines(route: str, received: dt.date, allegation: bool) -> dict[str, dt.date | None]:
    """Acknowledgement and answer due dates by the route's configured days; an allegation
    of ill-treatment must also be referred to an independent authority (Rule 57(3))."""
    keys: dict[str, str] = {
        Route.DIRECTOR: "DIRECTOR",
        Route.CENTRAL: "CENTRAL",
        Route.INSPECTION: "INSPECTION",
    }
    key = keys[route]
    days = dt.timedelta
    out: dict[str, dt.date | None] = {
        "acknowledge_due": received + days(days=getattr(settings, f"COMPLAINT_ACK_DAYS_{key}")),
        "answer_due": received + days(days=getattr(settings, f"COMPLAINT_ANSWER_DAYS_{key}")),
        "referral_due": None,
    }
    if allegation:
        out["referral_due"] = received + days(days=settings.COMPLAINT_ALLEGATION_REFER_DAYS)
    return out


def _after(complaint: Complaint, fields: Iterable[str]) -> dict[str, Any]:
    """What an audit row shows: the step's fields, or for a confidential complaint only
    its dates and status."""
    if complaint.confidential:
        safe = [f for f in fields if f in {"status", *DEADLINE_FIELDS} or f.endswith("_at")]
        data = audit.snapshot(complaint, safe)
        data["confidential"] = True
        return data
    return audit.snapshot(complaint, fields)


def _record(actor: Any, action: str, complaint: Complaint, fields: Iterable[str], **extra: Any) -> None:
    audit.record(
        actor, action, complaint, subject=complaint.prisoner_id, after=_after(complaint, fields), **extra
    )


@transaction.atomic
def complaint_record(
    *,
    actor: Any,
    prisoner: Prisoner,
    category: str,
    route: str = Route.DIRECTOR,
    kind: str = "complaint",
    confidential: bool = False,
    submitted_by: str = "prisoner",
    submitter_name: str = "",
    words: str = "",
    summary: str = "",
    about_staff: User | None = None,
    received_at: dt.datetime | None = None,
) -> Complaint:
    """Take a request or complaint, any day, for a prisoner held where the actor works.
    An allegation of torture or ill-treatment alerts the facility's supervisors at once."""
    grants.require(actor, prisoner, FACILITY_STAFF)
    if prisoner.facility_id is None:
        raise ValidationError(_("This person is not held in a facility."))
    received_at = received_at or timezone.now()
    if received_at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"received_at": _("The date received cannot be in the future.")})
    complaint = Complaint(
        prisoner=prisoner,
        facility_id=prisoner.facility_id,
        received_at=received_at,
        kind=kind,
        category=category,
        route=route,
        confidential=confidential,
        submitted_by=submitted_by,
        submitter_name=submitter_name,
        words=words,
        summary=summary,
        about_staff=about_staff,
        recorded_by=actor if actor and actor.pk else None,
        **deadlines(route, timezone.localdate(received_at), category == Category.ILL_TREATMENT),
    )
    complaint.full_clean()
    complaint.save()
    _record(
        actor, AuditAction.CREATE, complaint, [*CONTENT_FIELDS, "confidential", "status", *DEADLINE_FIELDS]
    )
    if complaint.is_allegation:
        alerts.alert_create(
            actor=actor,
            facility=complaint.facility,
            kind=alerts.AlertKind.ILL_TREATMENT,
            code="ill_treatment_in_complaint",
            # Supervisors may not open a confidential one: they are sent to the review page.
            link=reverse(
                "complaints:review" if complaint.confidential else "complaints:detail",
                args=None if complaint.confidential else [complaint.pk],
            ),
            object_type="complaints.complaint",
            object_id=str(complaint.pk),
        )
    return complaint


def _locked(actor: Any, complaint: Complaint) -> Complaint:
    """The complaint, locked, if the actor may handle it (404 otherwise, as for a missing one);
    nobody handles a complaint about themselves (Rule 57(2))."""
    qs = Complaint.objects.select_for_update().filter(pk=complaint.pk)
    if actor is not None:
        qs = qs.restrict(actor, "handle")
    locked: Complaint | None = qs.first()
    if locked is None:
        raise Http404
    if actor is not None and locked.about_staff_id == actor.pk:
        raise ValidationError(_("A complaint about you cannot be handled by you."))
    return locked


def _step(locked: Complaint, to: str) -> None:
    if to not in TRANSITIONS[locked.status]:
        raise ValidationError(
            _("A complaint that is %(status)s cannot be moved to %(to)s.")
            % {"status": locked.get_status_display().lower(), "to": Status(to).label.lower()},
            code="transition",
        )
    locked.status = to


def _save(actor: Any, locked: Complaint, fields: list[str], step: str, reason: str = "") -> Complaint:
    locked.full_clean()
    locked.save()
    _record(actor, AuditAction.UPDATE, locked, ["status", *fields], reason=reason or step)
    return locked


@transaction.atomic
def complaint_assign(*, actor: Any, complaint: Complaint, handler: User) -> Complaint:
    """Name who handles it: someone who may handle it, never the person complained about."""
    locked = _locked(actor, complaint)
    if handler.pk == locked.about_staff_id:
        raise ValidationError(
            {"handler": _("The member of staff complained about cannot handle the complaint.")}
        )
    if not Complaint.objects.filter(pk=locked.pk).restrict(handler, "handle").exists():
        raise ValidationError({"handler": _("This person may not handle this complaint.")})
    locked.handler = handler
    return _save(actor, locked, ["handler"], "assign")


@transaction.atomic
def complaint_acknowledge(*, actor: Any, complaint: Complaint) -> Complaint:
    locked = _locked(actor, complaint)
    _step(locked, Status.ACKNOWLEDGED)
    locked.acknowledged_at, locked.acknowledged_by = timezone.now(), actor
    if locked.handler_id is None and actor is not None:
        locked.handler = actor
    return _save(actor, locked, ["acknowledged_at", "handler"], "acknowledge")


@transaction.atomic
def complaint_investigate(*, actor: Any, complaint: Complaint) -> Complaint:
    locked = _locked(actor, complaint)
    _step(locked, Status.INVESTIGATING)
    locked.investigation_at = timezone.now()
    return _save(actor, locked, ["investigation_at"], "investigate")


@transaction.atomic
def complaint_answer(*, actor: Any, complaint: Complaint, answer: str) -> Complaint:
    locked = _locked(actor, complaint)
    if not answer.strip():
        raise ValidationError({"answer": _("Write the answer.")})
    _step(locked, Status.ANSWERED)
    locked.answer, locked.answered_at, locked.answered_by = answer, timezone.now(), actor
    return _save(actor, locked, ["answer", "answered_at"], "answer")


@transaction.atomic
def complaint_copy_given(*, actor: Any, complaint: Complaint) -> Complaint:
    """The person was given their copy of the answer."""
    locked = _locked(actor, complaint)
    if locked.answered_at is None:
        raise ValidationError(_("There is no answer to give yet."))
    if locked.copy_given_at is None:
        locked.copy_given_at, locked.copy_given_by = timezone.now(), actor
        _save(actor, locked, ["copy_given_at"], "copy given")
    return locked


@transaction.atomic
def complaint_refer(
    *, actor: Any, complaint: Complaint, outside_kind: str, referred_to: str, reference: str
) -> Complaint:
    """An appeal or referral outside (to whom, reference). An allegation of ill-treatment is
    referred to an independent authority at any step, without waiting for an answer."""
    locked = _locked(actor, complaint)
    errors: dict[str, str] = {}
    if not referred_to.strip():
        errors["referred_to"] = _("Name the authority it was sent to.")
    if not reference.strip():
        errors["referral_reference"] = _("Give the reference of the appeal or referral.")
    if errors:
        raise ValidationError(errors)
    if locked.referred_at is not None:
        raise ValidationError(_("It has already been referred."))
    if locked.is_allegation and locked.status != Status.ANSWERED:
        if locked.status == Status.CLOSED:
            raise ValidationError(_("A closed complaint cannot be referred."))
    else:
        _step(locked, Status.REFERRED)
    locked.outside_kind = outside_kind if outside_kind in OutsideKind.values else OutsideKind.REFERRAL
    locked.referred_to, locked.referral_reference = referred_to, reference
    locked.referred_at, locked.referred_by = timezone.now(), actor
    return _save(actor, locked, ["outside_kind", "referred_to", "referral_reference", "referred_at"], "refer")


@transaction.atomic
def complaint_close(*, actor: Any, complaint: Complaint) -> Complaint:
    locked = _locked(actor, complaint)
    if locked.is_allegation and locked.referred_at is None:
        raise ValidationError(_("An allegation of ill-treatment must be referred before it is closed."))
    _step(locked, Status.CLOSED)
    locked.closed_at, locked.closed_by = timezone.now(), actor
    return _save(actor, locked, ["closed_at"], "close")


@transaction.atomic
def reprisal_review(
    *, actor: Any, complaint: Complaint, event_kind: str, event_id: int, note: str
) -> ReprisalReview:
    """A supervisor reviewed a move, reclassification or lost place that followed a complaint."""
    grants.require(actor, complaint.prisoner, "view_complaints")
    if event_kind not in ReprisalKind.values:
        raise ValidationError({"event_kind": _("Unknown kind of event.")})
    review = ReprisalReview(
        prisoner_id=complaint.prisoner_id,
        complaint=complaint,
        event_kind=event_kind,
        event_id=event_id,
        note=note,
        reviewed_by=actor,
    )
    review.full_clean(validate_constraints=False)
    if ReprisalReview.objects.filter(event_kind=event_kind, event_id=event_id).exists():
        raise ValidationError(_("This has already been reviewed."))
    review.save()
    audit.record(
        actor,
        AuditAction.CREATE,
        review,
        subject=complaint.prisoner_id,
        after={"event_kind": event_kind, "event_id": event_id, "complaint": complaint.pk, "note": note},
    )
    return review
