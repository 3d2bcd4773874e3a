"""Writes of the family app: keyword-only, ``actor``, one transaction, audited in it.

A confidential contact's audit rows (children, victims) carry ``confidential`` so the
history tab shows them only under ``view_family``; a child's rows carry no names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from casemgmt.choices import CustodyStatus
from classification.selectors import keep_apart_links
from core import audit, grants, writes
from core.choices import AuditAction
from custody.selectors import is_facility_staff
from family.choices import (
    BLOCKING_KINDS,
    FORBIDDEN_REASONS,
    NEEDS_CARER,
    NOT_OVERHEARD,
    NotHeldReason,
    RestrictionKind,
    VisitKind,
    VisitStatus,
    Whereabouts,
)
from family.intake_copy import copy_admission
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
    VisitVisitor,
)
from family.querysets import FAMILY, STAFF

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from casemgmt.models import Facility, Prisoner
    from intake.models import Admission


def disciplinary_message() -> str:
    return _(
        "Contact with family may not be restricted as a disciplinary sanction "
        "(Mandela Rule 43(3), Bangkok Rule 23)."
    )


def _contact_after(contact: Contact, fields: Iterable[str]) -> dict[str, Any]:
    data = audit.snapshot(contact, fields)
    if contact.confidential:
        data = {k: "…" for k in data}
        data["confidential"] = True
    return data


def _require_contact(actor: Any, prisoner: Prisoner, confidential: bool) -> None:
    grants.require(actor, prisoner, STAFF)
    if confidential:
        grants.require(actor, prisoner, FAMILY)


# --- contacts ------------------------------------------------------------------------


@transaction.atomic
def contact_add(*, actor: Any, prisoner: Prisoner, **fields: Any) -> Contact:
    """Add a contact to the file at any time after admission."""
    contact = Contact(prisoner=prisoner, created_by=actor if actor and actor.pk else None, **fields)
    _require_contact(actor, prisoner, contact.relationship == "child" or contact.is_victim)
    _check_birth(contact.date_of_birth)
    contact.full_clean()
    contact.save()
    audit.record(
        actor,
        AuditAction.CREATE,
        contact,
        subject=prisoner,
        object_repr="contact" if contact.confidential else str(contact)[:300],
        after=_contact_after(contact, Contact.FIELDS),
    )
    return contact


def _check_birth(value: dt.date | None) -> None:
    if value and (value > timezone.localdate() or value.year < 1900):
        raise ValidationError({"date_of_birth": [_("Enter a plausible date of birth.")]})


@transaction.atomic
def contact_update(
    *, actor: Any, contact: Contact, reason: str = "", expected_version: int | None = None, **fields: Any
) -> Contact:
    """Correct a contact: the change is kept (``ContactChange``) and audited."""
    locked: Contact = Contact.objects.select_for_update().get(pk=contact.pk)
    _require_contact(actor, locked.prisoner, locked.confidential)
    if expected_version is not None and locked.version != expected_version:
        raise ValidationError(
            _("Someone else changed this contact meanwhile: reload it and make your change again."),
            code="conflict",
        )
    unknown = set(fields) - set(Contact.FIELDS) - {"relationship_note"}
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    before = audit.snapshot(locked, Contact.FIELDS)
    for name, value in fields.items():
        setattr(locked, name, value)
    if locked.relationship == "child" or locked.is_victim:
        grants.require(actor, locked.prisoner, FAMILY)
    _check_birth(locked.date_of_birth)
    locked.full_clean()
    old, new = audit.diff(before, audit.snapshot(locked, Contact.FIELDS))
    if not new:
        return locked
    locked.version += 1
    locked.save()
    ContactChange.objects.create(
        contact=locked,
        prisoner=locked.prisoner,
        changed_by=actor if actor and actor.pk else None,
        changes={k: [old.get(k), new[k]] for k in new},
        reason=reason[:2000],
    )
    if locked.confidential:
        old, new = {k: "…" for k in old}, {k: "…" for k in new}
        new["confidential"] = True
    audit.record(
        actor,
        AuditAction.UPDATE,
        locked,
        subject=locked.prisoner,
        object_repr="contact" if locked.confidential else str(locked)[:300],
        before=old,
        after=new,
        reason=reason,
    )
    return locked


# --- restrictions ----------------------------------------------------------------------


@transaction.atomic
def restriction_impose(
    *,
    actor: Any,
    prisoner: Prisoner,
    kind: str,
    reason_kind: str,
    reason: str,
    review_on: dt.date,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    contact: Contact | None = None,
) -> Restriction:
    """Restrict the prisoner's visits, or one contact. Never as a disciplinary sanction."""
    grants.require(actor, prisoner, STAFF)
    if contact is not None:
        if contact.prisoner_id != prisoner.pk:
            raise ValidationError({"contact": [_("This contact is not one of this person's.")]})
        if contact.confidential:
            grants.require(actor, prisoner, FAMILY)
    if reason_kind in FORBIDDEN_REASONS:
        raise ValidationError({"reason_kind": [disciplinary_message()]}, code="disciplinary")
    today = timezone.localdate()
    starts_on = starts_on or today
    errors = {}
    if not reason.strip():
        errors["reason"] = [_("Give the reason in full.")]
    if starts_on < today - dt.timedelta(days=366) or starts_on > today + dt.timedelta(days=366):
        errors["starts_on"] = [_("Enter a start date within a year of today.")]
    if ends_on and ends_on < starts_on:
        errors["ends_on"] = [_("The end cannot be before the start.")]
    if review_on < starts_on:
        errors["review_on"] = [_("The review cannot be before the start.")]
    elif review_on > starts_on + dt.timedelta(days=366):
        errors["review_on"] = [_("A restriction is reviewed at least once a year.")]
    if errors:
        raise ValidationError(errors)
    restriction = Restriction(
        prisoner=prisoner,
        contact=contact,
        kind=kind,
        reason_kind=reason_kind,
        reason=reason,
        starts_on=starts_on,
        ends_on=ends_on,
        review_on=review_on,
        imposed_by=actor if actor and actor.pk else None,
    )
    restriction.full_clean()
    restriction.save()
    after = audit.snapshot(
        restriction, ["kind", "reason_kind", "starts_on", "ends_on", "review_on", "contact"]
    )
    if contact is not None and contact.confidential:
        after["confidential"] = True
    audit.record(actor, AuditAction.CREATE, restriction, subject=prisoner, after=after, reason=reason)
    return restriction


def _locked_restriction(actor: Any, restriction: Restriction) -> Restriction:
    qs = Restriction.objects.select_for_update(of=("self",)).filter(pk=restriction.pk)
    if actor is not None:
        qs = qs.restrict(actor, "change")
    locked: Restriction | None = qs.first()
    if locked is None:
        raise Http404
    return locked


@transaction.atomic
def restriction_review(
    *, actor: Any, restriction: Restriction, next_review_on: dt.date, note: str = ""
) -> Restriction:
    """Reviewed and kept: the next review date."""
    locked = _locked_restriction(actor, restriction)
    if locked.ended_at is not None:
        raise ValidationError(_("This restriction has been lifted."))
    today = timezone.localdate()
    if next_review_on <= today or next_review_on > today + dt.timedelta(days=366):
        raise ValidationError({"next_review_on": [_("Enter a review date within the next year.")]})
    before = {"review_on": locked.review_on}
    locked.review_on = next_review_on
    locked.save(update_fields=["review_on"])
    audit.record(
        actor,
        AuditAction.UPDATE,
        locked,
        subject=locked.prisoner_id,
        object_repr="restriction reviewed",
        before={"review_on": str(before["review_on"])},
        after={
            "review_on": str(next_review_on),
            "confidential": bool(locked.contact and locked.contact.confidential),
        },
        reason=note,
    )
    return locked


@transaction.atomic
def restriction_lift(*, actor: Any, restriction: Restriction, reason: str) -> Restriction:
    locked = _locked_restriction(actor, restriction)
    if locked.ended_at is not None:
        return locked
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the restriction is lifted.")]})
    locked.ended_at = timezone.now()
    locked.ended_by = actor if actor and actor.pk else None
    locked.end_reason = reason
    locked.full_clean()
    locked.save()
    audit.record(
        actor,
        AuditAction.UPDATE,
        locked,
        subject=locked.prisoner_id,
        object_repr="restriction lifted",
        after={
            "ended_at": str(locked.ended_at),
            "confidential": bool(locked.contact and locked.contact.confidential),
        },
        reason=reason,
    )
    return locked


def restrictions_in_force(prisoner: Prisoner, on: dt.date) -> QuerySet[Restriction]:
    return Restriction.objects.filter(prisoner=prisoner, ended_at__isnull=True, starts_on__lte=on).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=on)
    )


# --- children ----------------------------------------------------------------------------


def _placement_errors(
    prisoner: Prisoner,
    whereabouts: str,
    location: str,
    carer: str,
    since: dt.date | None,
    planned_exit_on: dt.date | None,
    date_of_birth: dt.date | None,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if whereabouts in NEEDS_CARER and not carer.strip():
        errors["carer"] = [_("Name the guardian or carer (Bangkok Rule 3).")]
    if whereabouts not in (Whereabouts.IN_PRISON, Whereabouts.UNKNOWN) and not location.strip():
        errors["location"] = [_("Say where the child is.")]
    if since and since > today:
        errors["since"] = [_("The date cannot be in the future.")]
    if whereabouts == Whereabouts.IN_PRISON:
        if prisoner.sex != "female":
            errors["whereabouts"] = [_("Only a mother may keep her child with her in prison.")]
        elif prisoner.facility_id is None or prisoner.custody_status not in (
            CustodyStatus.IN_CUSTODY,
            CustodyStatus.TEMPORARILY_OUT,
        ):
            errors["whereabouts"] = [_("The mother is not held in a facility.")]
        if date_of_birth is None:
            errors["date_of_birth"] = [_("A child living in prison needs a date of birth.")]
        elif planned_exit_on and planned_exit_on > age_limit_date(date_of_birth):
            errors["planned_exit_on"] = [
                _("The child reaches the age limit (%(years)s years) on %(date)s.")
                % {"years": settings.FAMILY_CHILD_AGE_LIMIT_YEARS, "date": age_limit_date(date_of_birth)}
            ]
    return errors


def age_limit_date(date_of_birth: dt.date) -> dt.date:
    years = settings.FAMILY_CHILD_AGE_LIMIT_YEARS
    try:
        return date_of_birth.replace(year=date_of_birth.year + years)
    except ValueError:  # 29 February
        return date_of_birth.replace(year=date_of_birth.year + years, day=28)


def _apply_placement(
    child: Child,
    prisoner: Prisoner,
    whereabouts: str,
    location: str,
    carer: str,
    carer_contact: str,
    since: dt.date | None,
    planned_exit_on: dt.date | None,
) -> None:
    child.whereabouts = whereabouts
    child.location = location
    child.carer = carer
    child.carer_contact = carer_contact
    child.since = since
    child.facility_id = prisoner.facility_id if whereabouts == Whereabouts.IN_PRISON else None
    child.planned_exit_on = planned_exit_on if whereabouts == Whereabouts.IN_PRISON else None
    if whereabouts == Whereabouts.IN_PRISON and child.date_of_birth and not child.planned_exit_on:
        child.planned_exit_on = age_limit_date(child.date_of_birth)


@transaction.atomic
def child_add(
    *,
    actor: Any,
    prisoner: Prisoner,
    name: str,
    whereabouts: str,
    name_latin: str = "",
    date_of_birth: dt.date | None = None,
    age_years: int | None = None,
    sex: str = "",
    location: str = "",
    carer: str = "",
    carer_contact: str = "",
    since: dt.date | None = None,
    planned_exit_on: dt.date | None = None,
    notes: str = "",
    intake_child_id: int | None = None,
) -> Child:
    """Add a child to the register (Bangkok Rule 3), e.g. one born since admission."""
    grants.require(actor, prisoner, FAMILY)
    grants.require(actor, prisoner, STAFF)
    _check_birth(date_of_birth)
    since = since or timezone.localdate()
    errors = _placement_errors(prisoner, whereabouts, location, carer, since, planned_exit_on, date_of_birth)
    if date_of_birth is None and age_years is None:
        errors["date_of_birth"] = [_("Enter the date of birth or the age.")]
    if errors:
        raise ValidationError(errors)
    child = Child(
        prisoner=prisoner,
        name=name,
        name_latin=name_latin,
        date_of_birth=date_of_birth,
        age_years=age_years,
        sex=sex,
        notes=notes,
        intake_child_id=intake_child_id,
        created_by=actor if actor and actor.pk else None,
    )
    _apply_placement(child, prisoner, whereabouts, location, carer, carer_contact, since, planned_exit_on)
    child.full_clean()
    child.save()
    _placement_row(actor, child)
    audit.record(
        actor,
        AuditAction.CREATE,
        child,
        subject=prisoner,
        object_repr="child",
        after={
            "whereabouts": whereabouts,
            "since": str(since),
            "planned_exit_on": str(child.planned_exit_on or ""),
        },
    )
    return child


def _placement_row(actor: Any, child: Child) -> ChildPlacement:
    return ChildPlacement.objects.create(
        child=child,
        prisoner_id=child.prisoner_id,
        whereabouts=child.whereabouts,
        location=child.location,
        carer=child.carer,
        carer_contact=child.carer_contact,
        facility_id=child.facility_id,
        since=child.since or timezone.localdate(),
        planned_exit_on=child.planned_exit_on,
        recorded_by=actor if actor and actor.pk else None,
    )


@transaction.atomic
def child_move(
    *,
    actor: Any,
    child: Child,
    whereabouts: str,
    location: str = "",
    carer: str = "",
    carer_contact: str = "",
    since: dt.date | None = None,
    planned_exit_on: dt.date | None = None,
) -> Child:
    """Where the child is now and with whom (e.g. left the prison to a guardian)."""
    qs = Child.objects.select_for_update().filter(pk=child.pk)
    if actor is not None:
        qs = qs.restrict(actor, "change")
    locked: Child | None = qs.select_related("prisoner").first()
    if locked is None:
        raise Http404
    since = since or timezone.localdate()
    errors = _placement_errors(
        locked.prisoner, whereabouts, location, carer, since, planned_exit_on, locked.date_of_birth
    )
    if locked.since and since < locked.since:
        errors.setdefault("since", []).append(_("The date cannot be before the last change."))
    if errors:
        raise ValidationError(errors)
    before = {"whereabouts": locked.whereabouts, "since": str(locked.since or "")}
    _apply_placement(
        locked, locked.prisoner, whereabouts, location, carer, carer_contact, since, planned_exit_on
    )
    locked.full_clean()
    locked.save()
    _placement_row(actor, locked)
    audit.record(
        actor,
        AuditAction.UPDATE,
        locked,
        subject=locked.prisoner_id,
        object_repr="child: whereabouts",
        before=before,
        after={"whereabouts": whereabouts, "since": str(since)},
    )
    return locked


@transaction.atomic
def child_health_check(
    *, actor: Any, child: Child, checked_on: dt.date, checked_by: str, notes: str = ""
) -> ChildHealthCheck:
    qs = Child.objects.filter(pk=child.pk)
    if actor is not None:
        qs = qs.restrict(actor, "change")
    found = qs.first()
    if found is None:
        raise Http404
    if checked_on > timezone.localdate() or (found.date_of_birth and checked_on < found.date_of_birth):
        raise ValidationError({"checked_on": [_("Enter a date between the child's birth and today.")]})
    check = ChildHealthCheck(
        child=found,
        prisoner_id=found.prisoner_id,
        checked_on=checked_on,
        checked_by=checked_by,
        notes=notes,
        recorded_by=actor if actor and actor.pk else None,
    )
    writes.create(
        actor,
        check,
        subject=found.prisoner_id,
        object_repr="child: health check",
        after={"checked_on": str(checked_on)},
    )
    return check


def children_in_prison(facility_ids: Any = None) -> QuerySet[Child]:
    """Children living in prison with their mother now (the roll, Rule 10 statistics)."""
    qs = Child.objects.filter(whereabouts=Whereabouts.IN_PRISON, prisoner__custody_status__in=HELD)
    if facility_ids is not None:
        qs = qs.filter(facility_id__in=facility_ids)
    return qs


HELD = (CustodyStatus.IN_CUSTODY, CustodyStatus.TEMPORARILY_OUT)


# --- visits ------------------------------------------------------------------------------


def _facility_staff(actor: Any, facility: Facility) -> None:
    if actor is not None and not is_facility_staff(actor, facility.pk):
        raise Http404


@transaction.atomic
def session_create(
    *,
    actor: Any,
    facility: Facility,
    kind: str,
    room: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    capacity: int,
) -> VisitSession:
    """A visiting session, by the facility's officers or supervisors."""
    _facility_staff(actor, facility)
    errors = {}
    if ends_at <= starts_at:
        errors["ends_at"] = [_("The session must end after it starts.")]
    if starts_at < timezone.now() - dt.timedelta(days=1) or starts_at > timezone.now() + dt.timedelta(
        days=366
    ):
        errors["starts_at"] = [_("Enter a start within the next year.")]
    if errors:
        raise ValidationError(errors)
    session = VisitSession(
        facility=facility,
        kind=kind,
        room=room,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        created_by=actor if actor and actor.pk else None,
    )
    writes.create(
        actor,
        session,
        fields=["facility", "kind", "room", "starts_at", "ends_at", "capacity"],
    )
    return session


def booking_problems(
    *, session: VisitSession, prisoner: Prisoner, visitors: Iterable[Contact], children_count: int = 0
) -> list[str]:
    """Every reason against this booking (empty: it may be booked). The session's row
    must be locked by the caller when the answer is acted on."""
    problems: list[str] = []
    day = timezone.localdate(session.starts_at)
    # the custody status and location (the custody checks' own notion of being held)
    if prisoner.custody_status not in HELD:
        problems.append(_("The person is not in custody."))
    elif prisoner.facility_id != session.facility_id:
        problems.append(_("The person is not held at the facility of this session."))
    if session.ends_at <= timezone.now():
        problems.append(_("The session is over."))
    booked = Visit.objects.filter(session=session, status=VisitStatus.BOOKED)
    if booked.filter(prisoner=prisoner).exists():
        problems.append(_("The person already has a visit in this session."))
    if booked.count() >= session.capacity:
        problems.append(_("The session is full."))
    # keep-apart: the one check placement and enrolment use
    for _link, other in keep_apart_links(prisoner, among=booked.values("prisoner_id")):
        problems.append(
            _("Keep apart from %(number)s, who has a visit in this session.")
            % {"number": other.prison_number}
        )
    in_force = list(restrictions_in_force(prisoner, day))
    family_visit = session.kind not in (*NOT_OVERHEARD, VisitKind.OFFICIAL)
    for r in in_force:
        if r.contact_id is None and r.kind in BLOCKING_KINDS and family_visit:
            problems.append(
                _("The person's visits are restricted: %(kind)s.") % {"kind": r.get_kind_display()}
            )
    if not visitors:
        problems.append(_("Name at least one visitor."))
    if children_count and session.kind in NOT_OVERHEARD:
        problems.append(_("Children do not come to a legal or consular visit."))
    for contact in visitors:
        if contact.prisoner_id != prisoner.pk or not contact.active:
            problems.append(_("%(name)s is not a current contact of this person.") % {"name": contact.name})
            continue
        if not contact.may_visit:
            problems.append(_("%(name)s is not approved to visit.") % {"name": contact.name})
        for r in in_force:
            if r.contact_id == contact.pk and r.kind in BLOCKING_KINDS:
                problems.append(_("%(name)s is banned from visiting.") % {"name": contact.name})
    return problems


def _conditions(prisoner: Prisoner, visitors: Iterable[Contact], day: dt.date) -> str:
    kinds = {
        r.kind
        for r in restrictions_in_force(prisoner, day)
        if r.contact_id is None or r.contact_id in {c.pk for c in visitors}
    }
    return ", ".join(sorted(k for k in kinds if k in (RestrictionKind.CLOSED, RestrictionKind.SUPERVISED)))


@transaction.atomic
def visit_book(
    *,
    actor: Any,
    session: VisitSession,
    prisoner: Prisoner,
    visitors: Iterable[Contact],
    children_count: int = 0,
) -> Visit:
    """Book a visit with named visitors from the approved contacts, after every check."""
    grants.require(actor, prisoner, STAFF)
    _facility_staff(actor, session.facility)
    locked = VisitSession.objects.select_for_update().get(pk=session.pk)  # the last place is taken once
    visitors = list(visitors)
    problems = booking_problems(
        session=locked, prisoner=prisoner, visitors=visitors, children_count=children_count
    )
    if problems:
        raise ValidationError(problems, code="refused")
    visit = Visit(
        session=locked,
        prisoner=prisoner,
        children_count=children_count,
        not_overheard=locked.kind in NOT_OVERHEARD,
        conditions=_conditions(prisoner, visitors, timezone.localdate(locked.starts_at)),
        booked_by=actor if actor and actor.pk else None,
    )
    visit.full_clean()
    visit.save()
    VisitVisitor.objects.bulk_create([VisitVisitor(visit=visit, contact=c) for c in visitors])
    audit.record(
        actor,
        AuditAction.CREATE,
        visit,
        subject=prisoner,
        object_repr="visit booked",
        after={
            "session": locked.pk,
            "visitors": [c.pk for c in visitors],
            "children_count": children_count,
            "not_overheard": visit.not_overheard,
            "conditions": visit.conditions,
        },
    )
    return visit


def _locked_visit(actor: Any, visit: Visit) -> Visit:
    qs = Visit.objects.select_for_update(of=("self",)).filter(pk=visit.pk).select_related("session")
    if actor is not None:
        qs = qs.restrict(actor, "change")
    locked: Visit | None = qs.first()
    if locked is None:
        raise Http404
    return locked


@transaction.atomic
def visit_record(
    *,
    actor: Any,
    visit: Visit,
    held: bool,
    attended: Iterable[Any] = (),
    not_held_reason: str = "",
    note: str = "",
) -> Visit:
    """Record that the visit took place, with who attended — or why it did not."""
    locked = _locked_visit(actor, visit)
    if locked.status != VisitStatus.BOOKED:
        raise ValidationError(_("This visit has been recorded already."), code="closed")
    if locked.session.starts_at > timezone.now():
        raise ValidationError(_("The visit has not started yet."))
    attended = {getattr(c, "pk", c) for c in attended}
    rows = list(locked.visitor_rows.all())
    if held:
        if not attended:
            raise ValidationError({"attended": [_("Say who attended.")]})
        if attended - {r.contact_id for r in rows}:
            raise ValidationError({"attended": [_("Only the booked visitors can attend.")]})
        locked.status = VisitStatus.HELD
        locked.not_held_reason = ""
    else:
        if not not_held_reason:
            raise ValidationError({"not_held_reason": [_("Say why the visit did not take place.")]})
        if not_held_reason == NotHeldReason.OTHER and not note.strip():
            raise ValidationError({"note": [_("Say why the visit did not take place.")]})
        locked.status = VisitStatus.NOT_HELD
        locked.not_held_reason = not_held_reason
        attended = set()
    locked.outcome_note = note
    locked.recorded_by = actor if actor and actor.pk else None
    locked.recorded_at = timezone.now()
    locked.full_clean()
    locked.save()
    for r in rows:
        r.attended = r.contact_id in attended
    VisitVisitor.objects.bulk_update(rows, ["attended"])
    audit.record(
        actor,
        AuditAction.UPDATE,
        locked,
        subject=locked.prisoner_id,
        object_repr="visit recorded",
        after={
            "status": locked.status,
            "not_held_reason": locked.not_held_reason,
            "attended": sorted(attended),
        },
    )
    return locked


@transaction.atomic
def visit_cancel(*, actor: Any, visit: Visit, reason: str) -> Visit:
    locked = _locked_visit(actor, visit)
    if locked.status != VisitStatus.BOOKED:
        raise ValidationError(_("Only a booked visit can be cancelled."), code="closed")
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the visit is cancelled.")]})
    locked.status = VisitStatus.CANCELLED
    locked.outcome_note = reason
    locked.recorded_by = actor if actor and actor.pk else None
    locked.recorded_at = timezone.now()
    locked.full_clean()
    locked.save()
    audit.record(
        actor,
        AuditAction.UPDATE,
        locked,
        subject=locked.prisoner_id,
        object_repr="visit cancelled",
        after={"status": "cancelled"},
        reason=reason,
    )
    return locked


# --- consular notification ------------------------------------------------------------------


def is_foreign(prisoner: Prisoner) -> bool:
    return any(code != settings.NATIONAL_CITIZENSHIP for code in prisoner.citizenships or [])


@transaction.atomic
def consular_notify(
    *, actor: Any, prisoner: Prisoner, notified_on: dt.date, consulate: str, consent: str, notes: str = ""
) -> ConsularNotification:
    """A foreign national's consulate notified (Mandela Rule 62)."""
    grants.require(actor, prisoner, STAFF)
    if not is_foreign(prisoner):
        raise ValidationError(_("The person holds no foreign citizenship."))
    if notified_on > timezone.localdate() or notified_on < timezone.localdate() - dt.timedelta(days=3650):
        raise ValidationError({"notified_on": [_("Enter a plausible date, not in the future.")]})
    note = ConsularNotification(
        prisoner=prisoner,
        notified_on=notified_on,
        consulate=consulate,
        consent=consent,
        notes=notes,
        recorded_by=actor if actor and actor.pk else None,
    )
    writes.create(actor, note, subject=prisoner, fields=["notified_on", "consulate", "consent"])
    return note


# --- from the intake -----------------------------------------------------------------------


def import_admission(*, actor: Any, admission: Admission, prisoner: Prisoner) -> tuple[int, int]:
    """Write the admission's contacts and children into the file (called when the admission
    completes, inside its transaction). Idempotent: a record copied once is not copied again."""
    contacts, children = copy_admission(
        admission.pk,
        prisoner,
        actor,
        intake_contact=admission.contacts.model,
        intake_child=admission.childs.model,
        contact_model=Contact,
        child_model=Child,
        placement_model=ChildPlacement,
    )
    if contacts or children:
        audit.record(
            actor,
            AuditAction.CREATE,
            None,
            subject=prisoner,
            object_type="family.contact",
            object_id=str(admission.pk),
            object_repr="contacts and children from the admission",
            after={"contacts": contacts, "children": children, "confidential": bool(children)},
        )
    return contacts, children
