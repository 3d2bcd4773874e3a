"""Writes of discipline and separation: every step audited in its transaction.

The prohibited outcomes of the Mandela Rules (43-45), Bangkok Rule 22 and the Havana
Rules are refused here, whatever the catalogue holds or the page offers; each refusal
names its rule.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casemgmt import audit, permissions
from casemgmt.choices import AuditAction, Role
from discipline.choices import (
    SOLITARY_MAX_DAYS,
    AppealOutcome,
    Finding,
    MotherStatus,
    ReviewDecision,
    SanctionCategory,
    SeparationKind,
    Status,
)
from discipline.models import (
    HealthVisit,
    Offence,
    Report,
    Sanction,
    SanctionKind,
    Separation,
    SeparationReview,
)

REPORT_FIELDS = [
    "offence",
    "occurred_at",
    "place",
    "facts",
    "witnesses",
    "evidence",
    "find",
    "incident",
    "status",
]
SEPARATION_FIELDS = [
    "kind",
    "legal_basis",
    "sanction",
    "started_at",
    "planned_end",
    "hours_out",
    "review_days",
]

#: the sanctions refused outright, with the rule that prohibits each
PROHIBITED = {
    SanctionCategory.FOOD: gettext_lazy("Mandela Rule 43(1)(d)"),
    SanctionCategory.CORPORAL: gettext_lazy("Mandela Rule 43(1)(d)"),
    SanctionCategory.DARK_CELL: gettext_lazy("Mandela Rule 43(1)(c)"),
    SanctionCategory.RESTRAINTS: gettext_lazy("Mandela Rule 43(2)"),
    SanctionCategory.FAMILY_CONTACT: gettext_lazy("Mandela Rule 43(3)"),
}


def _refuse(rule: str, message: str, field: str | None = None):
    text = f"{rule}: {message}"
    raise ValidationError({field: text} if field else text, code="prohibited")


def _not_health(actor) -> None:
    if (
        actor is not None
        and Role.HEALTH in actor.roles
        and not ({Role.OFFICER, Role.SUPERVISOR} & actor.roles)
    ):
        _refuse(_("Mandela Rule 46(1)"), _("health care staff take no part in disciplinary proceedings."))


def _now_or(value, field):
    value = value or timezone.now()
    if value > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({field: _("The date cannot be in the future.")})
    return value


def _check_day(value: dt.date, field: str, past_days: int = 366, future_days: int = 0) -> None:
    today = timezone.localdate()
    if value > today + dt.timedelta(days=future_days):
        raise ValidationError({field: _("The date cannot be so far in the future.")})
    if value < today - dt.timedelta(days=past_days):
        raise ValidationError({field: _("The date is implausibly far in the past.")})


# --- reports --------------------------------------------------------------------------


@transaction.atomic
def report_create(
    *,
    actor,
    prisoner,
    offence: Offence,
    occurred_at: dt.datetime,
    place: str,
    facts: str,
    witnesses: str = "",
    evidence: str = "",
    find=None,
    incident=None,
) -> Report:
    """An officer reports an alleged offence of the catalogue (Rule 37)."""
    permissions.require(actor, prisoner, "change_prisoner")
    _not_health(actor)
    if prisoner.facility_id is None:
        raise ValidationError(_("This person is not held in a facility."))
    if not offence.active:
        raise ValidationError({"offence": _("This offence is no longer in the catalogue.")})
    occurred_at = _now_or(occurred_at, "occurred_at")
    if occurred_at < timezone.now() - dt.timedelta(days=366):
        raise ValidationError({"occurred_at": _("The date is implausibly far in the past.")})
    for field, record in (("find", find), ("incident", incident)):
        if record is not None and record.facility_id != prisoner.facility_id:
            raise ValidationError({field: _("Link a record of the facility where the person is held.")})
    report = Report(
        prisoner=prisoner,
        facility_id=prisoner.facility_id,
        offence=offence,
        occurred_at=occurred_at,
        place=place,
        facts=facts,
        witnesses=witnesses,
        evidence=evidence,
        find=find,
        incident=incident,
        reported_by=actor if actor and actor.pk else None,
    )
    report.full_clean()
    report.save()
    audit.record(
        actor,
        AuditAction.CREATE,
        report,
        subject=report.prisoner_id,
        after=audit.snapshot(report, REPORT_FIELDS),
    )
    return report


def _locked(actor, report: Report, action: str) -> Report:
    qs = Report.objects.select_for_update().filter(pk=report.pk)
    if actor is not None:
        qs = qs.restrict(actor, action)
    locked = qs.select_related("offence", "prisoner").first()
    if locked is None:
        raise Http404
    return locked


def _save(actor, report: Report, fields, reason: str) -> Report:
    report.full_clean()
    report.save()
    audit.record(
        actor,
        AuditAction.UPDATE,
        report,
        subject=report.prisoner_id,
        after=audit.snapshot(report, ["status", *fields]),
        reason=reason,
    )
    return report


@transaction.atomic
def report_charge(
    *,
    actor,
    report: Report,
    informed_on: dt.date,
    language: str,
    prepare_until: dt.date,
    interpreter: str = "",
) -> Report:
    """The person was informed of the charge in a language they understand, with time to
    prepare and an interpreter where needed (Rule 41(1), (2), (4))."""
    locked = _locked(actor, report, "report")
    _not_health(actor)
    if locked.status not in (Status.REPORTED, Status.CHARGED):
        raise ValidationError(_("The charge was already heard."))
    _check_day(informed_on, "informed_on")
    if informed_on < timezone.localdate(locked.reported_at) - dt.timedelta(days=1):
        raise ValidationError({"informed_on": _("The person cannot be informed before the report.")})
    if prepare_until < informed_on:
        raise ValidationError({"prepare_until": _("The time to prepare ends after the person is informed.")})
    _check_day(prepare_until, "prepare_until", future_days=60)
    if not language:
        raise ValidationError({"informed_language": _("Name the language the person was informed in.")})
    if locked.prisoner.interpreter_needed and not interpreter.strip():
        _refuse(_("Mandela Rule 41(4)"), _("this person needs an interpreter: name them."), "interpreter")
    locked.informed_on, locked.informed_language = informed_on, language
    locked.prepare_until, locked.interpreter = prepare_until, interpreter
    locked.status = Status.CHARGED
    return _save(
        actor, locked, ["informed_on", "informed_language", "interpreter", "prepare_until"], "charge"
    )


@transaction.atomic
def report_legal_assistance(*, actor, report: Report, legal_assistance: str, given_on: dt.date) -> Report:
    """Legal assistance given for the charge (Rule 41(3)): who, and from when."""
    locked = _locked(actor, report, "report")
    if not legal_assistance.strip():
        raise ValidationError({"legal_assistance": _("Name the lawyer or legal adviser.")})
    _check_day(given_on, "legal_assistance_on")
    if locked.heard_at is not None:
        raise ValidationError(_("The charge was already heard."))
    locked.legal_assistance, locked.legal_assistance_on = legal_assistance, given_on
    return _save(actor, locked, ["legal_assistance", "legal_assistance_on"], "legal assistance")


@transaction.atomic
def report_hear(
    *, actor, report: Report, account: str, finding: str, reasons: str, heard_at: dt.datetime | None = None
) -> Report:
    """The hearing by an authorised person who is not the reporting officer: the person's
    account, and the finding with its reasons."""
    locked = _locked(actor, report, "hear")
    _not_health(actor)
    if actor is not None and locked.reported_by_id == actor.pk:
        _refuse(_("Mandela Rule 41(1)"), _("the officer who reported the offence cannot hear the case."))
    if locked.status == Status.REPORTED:
        _refuse(_("Mandela Rule 41(1)"), _("the person must be informed of the charge before the hearing."))
    if locked.status != Status.CHARGED:
        raise ValidationError(_("The charge was already heard."))
    heard_at = _now_or(heard_at, "heard_at")
    if locked.prepare_until and timezone.localdate(heard_at) < locked.prepare_until:
        _refuse(
            _("Mandela Rule 41(2)"),
            _("the hearing cannot be held before the time to prepare ends (%(date)s).")
            % {"date": locked.prepare_until},
        )
    errors = {}
    if finding not in Finding.values:
        errors["finding"] = _("Choose the finding.")
    if not reasons.strip():
        errors["reasons"] = _("Give the reasons for the finding.")
    if errors:
        raise ValidationError(errors)
    locked.account, locked.finding, locked.reasons = account, finding, reasons
    locked.heard_by, locked.heard_at = actor, heard_at
    locked.status = Status.HEARD if finding == Finding.PROVED else Status.CLOSED
    _save(actor, locked, ["heard_at", "finding", "reasons", "account"], "hearing")
    if finding == Finding.PROVED:
        _feed_case(
            actor,
            locked.prisoner,
            _("Disciplinary offence proved: %(offence)s") % {"offence": locked.offence.name},
            "discipline.report",
            locked.pk,
            reverse("discipline:report", args=[locked.pk]),
        )
    return locked


def _feed_case(actor, prisoner, note: str, subject_type: str, subject_id: int, link: str) -> None:
    """A proven offence or a separation: the next risk review is brought forward with it
    as evidence, and the case manager is told (once: the sweep's unique key)."""
    from casework.models import Allocation
    from classification import services as classification
    from notifications import services as notifications
    from notifications.choices import ReminderKind

    classification.review_flag_raise(actor=actor, prisoner=prisoner, trigger="other", note=note[:300])
    manager = (
        Allocation.objects.filter(prisoner=prisoner, ended_at__isnull=True)
        .values_list("case_manager_id", flat=True)
        .first()
    )
    if manager:
        due = notifications.Due(
            ReminderKind.DISCIPLINE_OUTCOME,
            subject_type,
            subject_id,
            timezone.localdate(),
            manager,
            prisoner.pk,
            link,
        )
        notifications._store(notifications._readable([due]), None)


def _pregnant_at_intake(prisoner) -> bool:
    from intake.models import Admission

    return Admission.objects.filter(
        prisoner=prisoner, status="completed", released_at__isnull=True, pregnancy="yes"
    ).exists()


def _confinement_allowed(prisoner, mother_status: str, days) -> None:
    """Close confinement or segregation as a sanction: never indefinite, never over 15 days,
    never of a child, a pregnant woman, a woman with an infant or a breastfeeding mother."""
    if days is None:
        _refuse(_("Mandela Rule 43(1)(a)"), _("indefinite solitary confinement is prohibited."))
    if days > SOLITARY_MAX_DAYS:
        _refuse(
            _("Mandela Rules 43(1)(b), 44"),
            _("solitary confinement over %(max)s consecutive days is prohibited.")
            % {"max": SOLITARY_MAX_DAYS},
        )
    if prisoner.age is not None and prisoner.age < 18:
        _refuse(
            _("Mandela Rule 45(2), Havana Rule 67"),
            _("close or solitary confinement of a child is prohibited."),
        )
    if (mother_status and mother_status != MotherStatus.NONE) or _pregnant_at_intake(prisoner):
        _refuse(
            _("Bangkok Rule 22"),
            _(
                "close confinement of pregnant women, women with infants and breastfeeding mothers is prohibited."
            ),
        )


@transaction.atomic
def sanctions_impose(
    *,
    actor,
    report: Report,
    sanctions: list[dict],
    applies_to=None,
    mother_status: str = MotherStatus.NONE,
    hours_out: Decimal = Decimal("1"),
) -> list[Sanction]:
    """The sanctions of a proved charge, chosen from the catalogue, imposed once.

    ``sanctions``: ``[{"kind": SanctionKind, "days": int | None}]``; ``applies_to``: the
    people it would apply to (only the person found to have committed the offence)."""
    locked = _locked(actor, report, "hear")
    _not_health(actor)
    if actor is not None and locked.reported_by_id == actor.pk:
        _refuse(_("Mandela Rule 41(1)"), _("the officer who reported the offence cannot hear the case."))
    if not locked.proved or locked.status != Status.HEARD:
        _refuse(_("Mandela Rule 39(1)"), _("no sanction without a proved finding at a hearing."))
    if (
        locked.sanctioned_at is not None
        or Report.objects.filter(
            prisoner_id=locked.prisoner_id,
            offence_id=locked.offence_id,
            occurred_at=locked.occurred_at,
            sanctioned_at__isnull=False,
        )
        .exclude(pk=locked.pk)
        .exists()
    ):
        _refuse(
            _("Mandela Rule 39(1)"),
            _("this offence has already been sanctioned; no one is sanctioned twice."),
        )
    others = {getattr(p, "pk", p) for p in (applies_to or [])} - {locked.prisoner_id}
    if others:
        _refuse(_("Mandela Rule 43(1)(e)"), _("collective punishment is prohibited."))
    if not sanctions:
        raise ValidationError({"sanctions": _("Choose at least one sanction.")})
    confinement_days = 0
    for item in sanctions:
        kind, days = item["kind"], item.get("days")
        if kind.category in PROHIBITED:
            _refuse(
                PROHIBITED[kind.category],
                _("%(sanction)s is prohibited as a sanction.") % {"sanction": kind.get_category_display()},
            )
        if not kind.active:
            raise ValidationError({"sanctions": _("This sanction is no longer in the catalogue.")})
        if kind.category == SanctionCategory.CONFINEMENT:
            confinement_days += days or 0
            _confinement_allowed(locked.prisoner, mother_status, days)
        if kind.max_days is not None and (days is None or days < 1):
            raise ValidationError(
                {"sanctions": _("Give the number of days of %(sanction)s.") % {"sanction": kind.name}}
            )
        if kind.max_days is not None and days > kind.max_days:
            _refuse(
                _("Mandela Rule 37(c)"),
                _("%(sanction)s lasts at most %(max)s days.") % {"sanction": kind.name, "max": kind.max_days},
            )
    if confinement_days > SOLITARY_MAX_DAYS:
        _confinement_allowed(locked.prisoner, mother_status, confinement_days)
    today = timezone.localdate()
    made = []
    for item in sanctions:
        kind, days = item["kind"], item.get("days")
        sanction = Sanction(
            report=locked,
            prisoner_id=locked.prisoner_id,
            kind=kind,
            days=days,
            starts_on=today,
            imposed_by=actor,
        )
        sanction.full_clean()
        sanction.save()
        audit.record(
            actor,
            AuditAction.CREATE,
            sanction,
            subject=locked.prisoner_id,
            after={"report": locked.pk, "kind": kind.code, "category": kind.category, "days": days},
        )
        made.append(sanction)
        if kind.category == SanctionCategory.CONFINEMENT:
            _separation_create(
                actor=actor,
                prisoner=locked.prisoner,
                kind=SeparationKind.DISCIPLINARY,
                legal_basis=f"{locked.offence.regulation}; {kind.name}"[:200],
                started_at=timezone.now(),
                planned_end=today + dt.timedelta(days=days - 1),
                hours_out=hours_out,
                sanction=sanction,
            )
    locked.sanctioned_at = timezone.now()
    _save(actor, locked, ["sanctioned_at"], "sanctions")
    return made


@transaction.atomic
def appeal_lodge(*, actor, report: Report, lodged_on: dt.date, grounds: str) -> Report:
    """The person appeals the finding or the sanctions (recorded by the facility's staff)."""
    locked = _locked(actor, report, "report")
    if locked.status != Status.HEARD:
        raise ValidationError(_("Only a proved charge can be appealed."))
    if not grounds.strip():
        raise ValidationError({"appeal_grounds": _("Write the grounds of the appeal.")})
    _check_day(lodged_on, "appeal_on")
    locked.appeal_on, locked.appeal_grounds, locked.status = lodged_on, grounds, Status.APPEALED
    return _save(actor, locked, ["appeal_on", "appeal_grounds"], "appeal")


@transaction.atomic
def appeal_decide(*, actor, report: Report, outcome: str, reasons: str) -> Report:
    """A higher authority — a supervisor who neither reported nor heard it — decides."""
    locked = _locked(actor, report, "appeal")
    if actor is not None and actor.pk in (locked.heard_by_id, locked.reported_by_id):
        raise ValidationError(
            _("The appeal is decided by a higher authority, not by who reported or heard it.")
        )
    if locked.status != Status.APPEALED:
        raise ValidationError(_("There is no appeal to decide."))
    if outcome not in AppealOutcome.values:
        raise ValidationError({"appeal_outcome": _("Choose the outcome.")})
    if not reasons.strip():
        raise ValidationError({"appeal_reasons": _("Give the reasons of the decision.")})
    locked.appeal_outcome, locked.appeal_reasons = outcome, reasons
    locked.appeal_by, locked.appeal_at, locked.status = actor, timezone.now(), Status.CLOSED
    if outcome == AppealOutcome.QUASHED:
        for sanction in locked.sanctions.filter(cancelled_at__isnull=True):
            sanction.cancelled_at = timezone.now()
            sanction.save(update_fields=["cancelled_at"])
            separation = Separation.objects.filter(sanction=sanction, ended_at__isnull=True).first()
            if separation is not None:
                _end(actor, separation, _("Finding quashed on appeal"))
    return _save(actor, locked, ["appeal_outcome", "appeal_reasons", "appeal_at"], "appeal decided")


# --- separation -----------------------------------------------------------------------


def _separation_create(
    *, actor, prisoner, kind, legal_basis, started_at, planned_end, hours_out, sanction=None, review_days=None
):
    if not legal_basis.strip():
        raise ValidationError({"legal_basis": _("Give the legal basis of the separation.")})
    if Separation.objects.filter(prisoner=prisoner, ended_at__isnull=True).exists():
        raise ValidationError(_("This person is already held apart: end or review that period first."))
    separation = Separation(
        prisoner=prisoner,
        facility_id=prisoner.facility_id,
        kind=kind,
        legal_basis=legal_basis,
        sanction=sanction,
        started_at=started_at,
        planned_end=planned_end,
        hours_out=hours_out,
        review_days=review_days or settings.SEPARATION_REVIEW_DAYS,
        placed_by=actor if actor and actor.pk else None,
    )
    separation.full_clean()
    separation.save()
    audit.record(
        actor,
        AuditAction.CREATE,
        separation,
        subject=prisoner.pk,
        after=audit.snapshot(separation, SEPARATION_FIELDS),
    )
    _feed_case(
        actor,
        prisoner,
        _("Held apart (%(kind)s) from %(date)s")
        % {"kind": separation.get_kind_display(), "date": timezone.localdate(started_at)},
        "discipline.separation",
        separation.pk,
        reverse("discipline:separation", args=[separation.pk]),
    )
    return separation


@transaction.atomic
def separation_start(
    *,
    actor,
    prisoner,
    kind: str,
    legal_basis: str,
    hours_out: Decimal,
    planned_end: dt.date | None = None,
    started_at: dt.datetime | None = None,
    review_days: int | None = None,
) -> Separation:
    """A supervisor holds a person apart for protection, administration or the
    classification's separation regime. A disciplinary separation is only ever a
    sanction imposed at a hearing (``sanctions_impose``)."""
    permissions.require(actor, prisoner, "change_prisoner")
    if actor is not None and Role.SUPERVISOR not in actor.roles:
        raise Http404
    if kind == SeparationKind.DISCIPLINARY:
        _refuse(
            _("Mandela Rule 39(1)"),
            _("a disciplinary separation is imposed only as a sanction at a hearing."),
            "kind",
        )
    if kind not in SeparationKind.values:
        raise ValidationError({"kind": _("Choose the kind of separation.")})
    if prisoner.facility_id is None:
        raise ValidationError(_("This person is not held in a facility."))
    started_at = _now_or(started_at, "started_at")
    if started_at < timezone.now() - dt.timedelta(days=366):
        raise ValidationError({"started_at": _("The date is implausibly far in the past.")})
    if planned_end is not None:
        if planned_end < timezone.localdate(started_at):
            raise ValidationError({"planned_end": _("The planned end is before the start.")})
        _check_day(planned_end, "planned_end", future_days=366)
    return _separation_create(
        actor=actor,
        prisoner=prisoner,
        kind=kind,
        legal_basis=legal_basis,
        started_at=started_at,
        planned_end=planned_end,
        hours_out=hours_out,
        review_days=review_days,
    )


def _locked_separation(actor, separation: Separation, action: str) -> Separation:
    qs = Separation.objects.select_for_update().filter(pk=separation.pk)
    if actor is not None:
        qs = qs.restrict(actor, action)
    locked = qs.first()
    if locked is None:
        raise Http404
    return locked


def _end(actor, locked: Separation, reason: str, ended_at=None) -> Separation:
    if locked.ended_at is not None:
        raise ValidationError(_("This separation has already ended."))
    locked.ended_at, locked.ended_by, locked.end_reason = ended_at or timezone.now(), actor, reason[:200]
    locked.full_clean()
    locked.save()
    audit.record(
        actor,
        AuditAction.UPDATE,
        locked,
        subject=locked.prisoner_id,
        after={"ended_at": locked.ended_at.isoformat(), "end_reason": locked.end_reason},
        reason="end",
    )
    return locked


@transaction.atomic
def separation_end(
    *, actor, separation: Separation, reason: str, ended_at: dt.datetime | None = None
) -> Separation:
    locked = _locked_separation(actor, separation, "appeal")
    if not reason.strip():
        raise ValidationError({"end_reason": _("Say why the separation ends.")})
    ended_at = _now_or(ended_at, "ended_at")
    if ended_at < locked.started_at:
        raise ValidationError({"ended_at": _("The end is before the start.")})
    return _end(actor, locked, reason, ended_at)


@transaction.atomic
def separation_review(*, actor, separation: Separation, decision: str, note: str) -> SeparationReview:
    """A supervisor's review (Rule 45(1): kept under review); ending it ends the period."""
    locked = _locked_separation(actor, separation, "appeal")
    if locked.ended_at is not None:
        raise ValidationError(_("This separation has already ended."))
    if decision not in ReviewDecision.values:
        raise ValidationError({"decision": _("Choose the decision.")})
    review = SeparationReview(
        separation=locked, prisoner_id=locked.prisoner_id, decision=decision, note=note, reviewed_by=actor
    )
    review.full_clean()
    review.save()
    audit.record(
        actor,
        AuditAction.CREATE,
        review,
        subject=locked.prisoner_id,
        after={"decision": decision, "note": note},
    )
    if decision == ReviewDecision.END:
        _end(actor, locked, _("Ended at review"))
    return review


@transaction.atomic
def health_visit_record(
    *, actor, separation: Separation, visited_at: dt.datetime | None = None, adverse_effects: bool = False
) -> HealthVisit:
    """Health care staff visited the separated person today (Rule 46(1))."""
    locked = _locked_separation(actor, separation, "health")
    visited_at = _now_or(visited_at, "visited_at")
    day = timezone.localdate(visited_at)
    if day < timezone.localdate(locked.started_at) or (
        locked.ended_at and day > timezone.localdate(locked.ended_at)
    ):
        raise ValidationError({"visited_at": _("The visit is outside the period of separation.")})
    if HealthVisit.objects.filter(separation=locked, visited_on=day).exists():
        raise ValidationError(_("The visit of this day is already recorded."))
    visit = HealthVisit(
        separation=locked,
        prisoner_id=locked.prisoner_id,
        visited_on=day,
        visited_at=visited_at,
        visited_by=actor,
        adverse_effects=adverse_effects,
    )
    visit.full_clean(validate_constraints=False)
    visit.save()
    audit.record(
        actor,
        AuditAction.CREATE,
        visit,
        subject=locked.prisoner_id,
        after={"separation": locked.pk, "visited_on": day.isoformat(), "adverse_effects": adverse_effects},
    )
    return visit


# --- catalogue (administrators, through the admin site) --------------------------------

__all__ = [
    "SanctionKind",
    "appeal_decide",
    "appeal_lodge",
    "health_visit_record",
    "report_charge",
    "report_create",
    "report_hear",
    "report_legal_assistance",
    "sanctions_impose",
    "separation_end",
    "separation_review",
    "separation_start",
]
