"""Writes of rehabilitation: the referral → enrolment pathway, sessions, attendance, outcomes."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casemgmt import permissions
from casemgmt.choices import CustodyStatus, Role
from casemgmt.models import Prisoner
from casemgmt.permissions import Capability
from classification.models import Classification
from classification.selectors import keep_apart_links
from classification.services import review_flag_raise
from core import audit, grants, writes
from core.choices import AuditAction
from rehabilitation.choices import ENROLMENT_TRANSITIONS, AttendanceStatus, EnrolmentStatus, ReferralStatus
from rehabilitation.models import Attendance, Enrolment, Offering, Outcome, Referral, Session, StatusChange

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet

    from casework.models import Goal


def _history(actor: Any, referral: Referral, status: str, reason: str = "") -> None:
    change = StatusChange(
        referral=referral, by=actor if actor and actor.pk else None, status=status, reason=reason
    )
    _clean(change, "reason")
    change.save()
    audit.record(
        actor,
        AuditAction.UPDATE,
        referral,
        subject=referral.prisoner_id,
        after={"status": status},
        reason=reason,
    )


def _grant_staff(actor: Any, offering: Offering, prisoner: Prisoner) -> None:
    for member in offering.staff.all():
        grants.access_grant(
            actor=actor,
            prisoners=[prisoner],
            user=member,
            capabilities=permissions.PROGRAMME_STAFF_CAPABILITIES,
            reason=f"programme: {offering.pk}",
        )


def _revoke_staff(actor: Any, offering: Offering, prisoner: Prisoner) -> None:
    """Programme staff keep access while the prisoner is in any of their offerings."""
    for member in offering.staff.all():
        still = Referral.objects.filter(
            prisoner=prisoner,
            offering__staff=member,
            status__in=[ReferralStatus.PENDING, ReferralStatus.WAITING, ReferralStatus.ENROLLED],
        ).exists()
        if not still and Role.PROGRAMME_STAFF in member.roles:
            grants.access_revoke(
                actor=actor,
                prisoners=[prisoner],
                user=member,
                capabilities=permissions.PROGRAMME_STAFF_CAPABILITIES,
                reason=f"programme ended: {offering.pk}",
            )


def eligibility_problems(offering: Offering, prisoner: Prisoner) -> list[str]:
    """What the programme's rules and the placement constraints say against this prisoner."""
    programme = offering.programme
    problems = []
    if programme.eligible_sexes and prisoner.sex not in programme.eligible_sexes:
        problems.append(_("The programme is not for this prisoner's sex."))
    if programme.eligible_legal_statuses and prisoner.legal_status not in programme.eligible_legal_statuses:
        problems.append(_("The programme is not for this legal status."))
    if programme.languages and not set(programme.languages) & set(prisoner.languages):
        problems.append(_("The prisoner does not speak a language the programme is given in."))
    if programme.eligible_levels:
        current = Classification.objects.filter(prisoner=prisoner, status="approved").first()
        if current is None or current.security_level not in programme.eligible_levels:
            problems.append(_("The prisoner's security level is outside the programme's rules."))
    if offering.facility_id != prisoner.facility_id:
        problems.append(_("The prisoner is not held at the facility running this offering."))
    participants = Enrolment.objects.filter(offering=offering, status=EnrolmentStatus.ACTIVE).values(
        "prisoner_id"
    )
    for _link, other in keep_apart_links(prisoner, among=participants):
        problems.append(
            _("Keep apart from %(number)s, who takes part already.") % {"number": other.prison_number}
        )
    return problems


@transaction.atomic
def referral_create(
    *, actor: Any, prisoner: Prisoner, offering: Offering, reason: str, plan_goal: Goal | None = None
) -> Referral:
    grants.require(actor, prisoner, Capability.MANAGE_CASEPLAN)
    _refuse_closed(prisoner)
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why this programme.")]})
    if Referral.objects.filter(
        prisoner=prisoner,
        offering=offering,
        status__in=[ReferralStatus.PENDING, ReferralStatus.WAITING, ReferralStatus.ENROLLED],
    ).exists():
        raise ValidationError(_("This prisoner is already referred to this offering."))
    referral = Referral(
        prisoner=prisoner, offering=offering, reason=reason, referred_by=actor, plan_goal=plan_goal
    )
    referral.full_clean()
    referral.save()
    _history(actor, referral, ReferralStatus.PENDING, reason)
    _grant_staff(actor, offering, prisoner)  # the staff must see whom they assess
    return referral


@transaction.atomic
def referral_assess(
    *, actor: Any, referral: Referral, suitable: bool, note: str, exception_reason: str = ""
) -> Referral:
    """Programme staff decide suitability; a suitable prisoner is enrolled at once when a
    place is free, else put on the waiting list (first come by referral date)."""
    grants.require(actor, referral.prisoner, Capability.VIEW_PROGRAMME)
    locked: Referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if locked.status != ReferralStatus.PENDING:
        raise ValidationError(_("This referral has already been assessed."))
    if not suitable:
        if not note.strip():
            raise ValidationError({"suitability_note": [_("Give the reason it is not suitable.")]})
        locked.status, locked.suitability_note, locked.assessed_by = ReferralStatus.NOT_SUITABLE, note, actor
        _clean(locked, "suitability_note")
        locked.save()
        _history(actor, locked, locked.status, note)
        _revoke_staff(actor, locked.offering, locked.prisoner)
        return locked
    locked.suitability_note, locked.assessed_by = note, actor
    _clean(locked, "suitability_note")
    locked.save()
    return _enrol(actor=actor, referral=locked, exception_reason=exception_reason)


def _refuse_closed(prisoner: Prisoner) -> None:
    """A death in custody closes the file to programmes (Mandela Rule 71)."""
    if prisoner.custody_status == CustodyStatus.DECEASED:
        raise ValidationError(_("This person has died: the file is closed to programmes."), code="closed")


def _clean(obj: Model, *names: str) -> None:
    """Check these fields (their length limits) of a row saved without ``full_clean``."""
    obj.clean_fields(exclude=[f.name for f in obj._meta.fields if f.name not in names])


def enrol(*, actor: Any, referral: Referral, exception_reason: str = "") -> Referral:
    """Take a place (a person's request: the staff of the offering, or a supervisor)."""
    grants.require(actor, referral.prisoner, Capability.VIEW_PROGRAMME)
    return _enrol(actor=actor, referral=referral, exception_reason=exception_reason)


@transaction.atomic
def _enrol(*, actor: Any, referral: Referral, exception_reason: str = "") -> Referral:
    """The offering row is locked, so two staff enrolling the last place at the same
    moment cannot both get it: the second goes on the waiting list."""
    offering = Offering.objects.select_for_update().get(pk=referral.offering_id)
    locked: Referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if locked.status not in (ReferralStatus.PENDING, ReferralStatus.WAITING):
        raise ValidationError(_("This referral cannot be enrolled now."))
    _refuse_closed(locked.prisoner)
    problems = eligibility_problems(offering, locked.prisoner)
    if problems:
        if not exception_reason.strip():
            raise ValidationError({"exception_reason": problems}, code="ineligible")
        if Role.SUPERVISOR not in actor.roles:
            raise ValidationError(
                {
                    "exception_reason": [
                        _("Only a supervisor can make an exception to the rules: %(p)s")
                        % {"p": " ".join(problems)}
                    ]
                },
                code="ineligible",
            )
        locked.exception_reason, locked.exception_by = exception_reason, actor
        _clean(locked, "exception_reason")
    taken = Enrolment.objects.filter(
        offering=offering, status__in=[EnrolmentStatus.ACTIVE, EnrolmentStatus.SUSPENDED]
    ).count()
    if taken >= offering.capacity:
        if locked.status != ReferralStatus.WAITING:
            locked.status = ReferralStatus.WAITING
            locked.save()
            _history(actor, locked, locked.status)  # the status says it: no free place
        return locked
    locked.status = ReferralStatus.ENROLLED
    locked.save()
    Enrolment.objects.create(referral=locked, prisoner=locked.prisoner, offering=offering)
    _history(actor, locked, locked.status, locked.exception_reason)
    return locked


def waiting_list(offering: Offering) -> QuerySet[Referral]:
    return Referral.objects.filter(offering=offering, status=ReferralStatus.WAITING).order_by(
        "referred_at", "id"
    )


@transaction.atomic
def enrolment_change(
    *,
    actor: Any,
    enrolment: Enrolment,
    to: str,
    reason: str,
    outcomes: dict[Any, dict[str, Any]] | None = None,
) -> Enrolment:
    """Suspend, resume, withdraw or complete. Completion rates every programme goal;
    completion and withdrawal (the person leaves, or is removed) both mark the case for an
    early risk review. A freed place goes to the waiting list."""
    grants.require(actor, enrolment.prisoner, Capability.VIEW_PROGRAMME)
    locked: Enrolment = (
        Enrolment.objects.select_for_update().select_related("offering__programme").get(pk=enrolment.pk)
    )
    if to not in ENROLMENT_TRANSITIONS[locked.status]:
        raise ValidationError(_("This change is not possible now."))
    if to != EnrolmentStatus.ACTIVE and not reason.strip():
        raise ValidationError({"reason": [_("Give the reason.")]})
    if to == EnrolmentStatus.COMPLETED:
        goals = list(locked.offering.programme.goals.all())
        outcomes = outcomes or {}
        missing = [g for g in goals if str(g.pk) not in {str(k) for k in outcomes}]
        if missing:
            raise ValidationError({"outcomes": [_("Rate every goal of the programme.")]})
        for goal in goals:
            entry = outcomes.get(goal.pk) or outcomes.get(str(goal.pk)) or {}
            outcome = Outcome(
                enrolment=locked, goal=goal, rating=entry.get("rating", ""), note=entry.get("note", "")
            )
            outcome.full_clean()
            outcome.save()
    locked.status = to
    if to in (EnrolmentStatus.WITHDRAWN, EnrolmentStatus.COMPLETED):
        locked.ended_at, locked.end_reason = timezone.now(), reason
        _clean(locked, "end_reason")
    locked.save()
    _history(actor, locked.referral, to, reason)
    if to in (EnrolmentStatus.WITHDRAWN, EnrolmentStatus.COMPLETED):
        review_flag_raise(
            actor=actor,
            prisoner=locked.prisoner,
            trigger="programme",
            # the trigger names the event: the programme, and whether it was left
            note=f"{locked.offering.programme} ({to})"[:300],
        )
    if to in (EnrolmentStatus.WITHDRAWN, EnrolmentStatus.COMPLETED):
        _fill_from_waiting(actor, locked.offering)
    return locked


def _fill_from_waiting(actor: Any, offering: Offering) -> None:
    for referral in waiting_list(offering)[:1]:
        try:
            with transaction.atomic():
                _enrol(actor=actor, referral=referral)  # the system's move, not the actor's request
        except ValidationError:
            pass  # not eligible any more: stays on the list for a person to look at


@transaction.atomic
def session_create(
    *, actor: Any, offering: Offering, date: dt.date, starts_at: dt.time | None = None, topic: str = ""
) -> Session:
    session = Session(offering=offering, date=date, starts_at=starts_at, topic=topic)
    writes.create(actor, session, after={"offering": offering.pk, "date": date})
    return session


@transaction.atomic
def attendance_record(
    *, actor: Any, session: Session, entries: dict[int, dict[str, Any]]
) -> list[Attendance]:
    """The whole group on one screen: {enrolment_id: {"status", "note"}}."""
    participants = {
        e.pk: e
        for e in Enrolment.objects.filter(offering=session.offering, status__in=[EnrolmentStatus.ACTIVE])
    }
    errors: dict[str, list[str]] = {}
    saved: list[Attendance] = []
    for enrolment_id, entry in entries.items():
        enrolment = participants.get(int(enrolment_id))
        if enrolment is None:
            errors[str(enrolment_id)] = [_("Not a participant of this offering.")]
            continue
        if entry.get("status") not in AttendanceStatus.values:
            errors[str(enrolment_id)] = [_("Choose how the person attended.")]
            continue
        if entry["status"] == AttendanceStatus.OTHER and not entry.get("note", "").strip():
            errors[str(enrolment_id)] = [_("Say what the other reason is.")]
            continue
        try:
            _clean(Attendance(note=entry.get("note", "")), "note")
        except ValidationError as exc:
            errors[str(enrolment_id)] = exc.messages
            continue
        row, _created = Attendance.objects.update_or_create(
            session=session,
            enrolment=enrolment,
            defaults={"status": entry["status"], "note": entry.get("note", ""), "recorded_by": actor},
        )
        saved.append(row)
    if errors:
        raise ValidationError(errors)
    audit.record(actor, AuditAction.UPDATE, session, after={"recorded": len(saved)})
    return saved


@transaction.atomic
def attendance_all_present(
    *, actor: Any, session: Session, exceptions: dict[int, dict[str, Any]]
) -> list[Attendance]:
    """Everyone enrolled attended, but the exceptions ({enrolment_id: {"status", "note"}}):
    one row a participant, written by ``attendance_record`` (one audit event, all or nothing)."""
    active = Enrolment.objects.filter(offering=session.offering, status=EnrolmentStatus.ACTIVE)
    entries: dict[int, dict[str, Any]] = {
        pk: {"status": AttendanceStatus.ATTENDED, "note": ""} for pk in active.values_list("pk", flat=True)
    }
    for enrolment_id, entry in exceptions.items():
        if not str(enrolment_id).isdigit():
            raise ValidationError({str(enrolment_id): [_("Not a participant of this offering.")]})
        entries[int(enrolment_id)] = entry
    return attendance_record(actor=actor, session=session, entries=entries)
