"""Writes of discipline and separation: every step audited in its transaction.

The prohibited outcomes of the Mandela Rules (43-45), Bangkok Rule 22 and the Havana
Rules are refused here, whatever the catalogue holds or the page offers; each refusal
names its rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import grants, writes
from discipline.choices import (
    SOLITARY_MAX_DAYS,
    Finding,
    MotherStatus,
    SanctionCategory,
    SeparationKind,
    Status,
)
from discipline.models import Offence, Report, Sanction, SanctionKind
from discipline.rules import (
    check_day,
    feed_case,
    locked_report,
    not_health,
    now_or,
    refuse,
    save_report,
)
from discipline.separations import separation_open
from intake.models import Admission

if TYPE_CHECKING:
    from casemgmt.models import Prisoner
    from custody.models import Find, Incident

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
#: the sanctions refused outright, with the rule that prohibits each
PROHIBITED = {
    SanctionCategory.FOOD: gettext_lazy("Mandela Rule 43(1)(d)"),
    SanctionCategory.CORPORAL: gettext_lazy("Mandela Rule 43(1)(d)"),
    SanctionCategory.DARK_CELL: gettext_lazy("Mandela Rule 43(1)(c)"),
    SanctionCategory.RESTRAINTS: gettext_lazy("Mandela Rule 43(2)"),
    SanctionCategory.FAMILY_CONTACT: gettext_lazy("Mandela Rule 43(3)"),
}


# --- reports --------------------------------------------------------------------------


@transaction.atomic
def report_create(
    *,
    actor: Any,
    prisoner: Prisoner,
    offence: Offence,
    occurred_at: dt.datetime,
    place: str,
    facts: str,
    witnesses: str = "",
    evidence: str = "",
    find: Find | None = None,
    incident: Incident | None = None,
) -> Report:
    """An officer reports an alleged offence of the catalogue (Rule 37)."""
    grants.require(actor, prisoner, "change_prisoner")
    not_health(actor)
    if prisoner.facility_id is None:
        raise ValidationError(_("This person is not held in a facility."))
    if not offence.active:
        raise ValidationError({"offence": _("This offence is no longer in the catalogue.")})
    occurred_at = now_or(occurred_at, "occurred_at")
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
    writes.create(actor, report, subject=report.prisoner_id, fields=REPORT_FIELDS)
    return report


@transaction.atomic
def report_charge(
    *,
    actor: Any,
    report: Report,
    informed_on: dt.date,
    language: str,
    prepare_until: dt.date,
    interpreter: str = "",
) -> Report:
    """The person was informed of the charge in a language they understand, with time to
    prepare and an interpreter where needed (Rule 41(1), (2), (4))."""
    locked = locked_report(actor, report, "report")
    not_health(actor)
    if locked.status not in (Status.REPORTED, Status.CHARGED):
        raise ValidationError(_("The charge was already heard."))
    check_day(informed_on, "informed_on")
    if informed_on < timezone.localdate(locked.reported_at) - dt.timedelta(days=1):
        raise ValidationError({"informed_on": _("The person cannot be informed before the report.")})
    if prepare_until < informed_on:
        raise ValidationError({"prepare_until": _("The time to prepare ends after the person is informed.")})
    check_day(prepare_until, "prepare_until", future_days=60)
    if not language:
        raise ValidationError({"informed_language": _("Name the language the person was informed in.")})
    if locked.prisoner.interpreter_needed and not interpreter.strip():
        refuse(_("Mandela Rule 41(4)"), _("this person needs an interpreter: name them."), "interpreter")
    locked.informed_on, locked.informed_language = informed_on, language
    locked.prepare_until, locked.interpreter = prepare_until, interpreter
    locked.status = Status.CHARGED
    return save_report(
        actor, locked, ["informed_on", "informed_language", "interpreter", "prepare_until"], "charge"
    )


@transaction.atomic
def report_legal_assistance(
    *, actor: Any, report: Report, legal_assistance: str, given_on: dt.date
) -> Report:
    """Legal assistance given for the charge (Rule 41(3)): who, and from when."""
    locked = locked_report(actor, report, "report")
    if not legal_assistance.strip():
        raise ValidationError({"legal_assistance": _("Name the lawyer or legal adviser.")})
    check_day(given_on, "legal_assistance_on")
    if locked.heard_at is not None:
        raise ValidationError(_("The charge was already heard."))
    locked.legal_assistance, locked.legal_assistance_on = legal_assistance, given_on
    return save_report(actor, locked, ["legal_assistance", "legal_assistance_on"], "legal assistance")


@transaction.atomic
def report_hear(
    *,
    actor: Any,
    report: Report,
    account: str,
    finding: str,
    reasons: str,
    heard_at: dt.datetime | None = None,
) -> Report:
    """The hearing by an authorised person who is not the reporting officer: the person's
    account, and the finding with its reasons."""
    locked = locked_report(actor, report, "hear")
    not_health(actor)
    if actor is not None and locked.reported_by_id == actor.pk:
        refuse(_("Mandela Rule 41(1)"), _("the officer who reported the offence cannot hear the case."))
    if locked.status == Status.REPORTED:
        refuse(_("Mandela Rule 41(1)"), _("the person must be informed of the charge before the hearing."))
    if locked.status != Status.CHARGED:
        raise ValidationError(_("The charge was already heard."))
    heard_at = now_or(heard_at, "heard_at")
    if locked.prepare_until and timezone.localdate(heard_at) < locked.prepare_until:
        refuse(
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
    save_report(actor, locked, ["heard_at", "finding", "reasons", "account"], "hearing")
    if finding == Finding.PROVED:
        feed_case(
            actor,
            locked.prisoner,
            _("Disciplinary offence proved: %(offence)s") % {"offence": locked.offence.name},
            "discipline.report",
            locked.pk,
            reverse("discipline:report", args=[locked.pk]),
        )
    return locked


def _pregnant_at_intake(prisoner: Prisoner) -> bool:
    return Admission.objects.filter(
        prisoner=prisoner, status="completed", released_at__isnull=True, pregnancy="yes"
    ).exists()


def _confinement_allowed(prisoner: Prisoner, mother_status: str, days: int | None) -> None:
    """Close confinement or segregation as a sanction: never indefinite, never over 15 days,
    never of a child, a pregnant woman, a woman with an infant or a breastfeeding mother."""
    if days is None:
        refuse(_("Mandela Rule 43(1)(a)"), _("indefinite solitary confinement is prohibited."))
    if days > SOLITARY_MAX_DAYS:
        refuse(
            _("Mandela Rules 43(1)(b), 44"),
            _("solitary confinement over %(max)s consecutive days is prohibited.")
            % {"max": SOLITARY_MAX_DAYS},
        )
    if prisoner.age is not None and prisoner.age < 18:
        refuse(
            _("Mandela Rule 45(2), Havana Rule 67"),
            _("close or solitary confinement of a child is prohibited."),
        )
    if (mother_status and mother_status != MotherStatus.NONE) or _pregnant_at_intake(prisoner):
        refuse(
            _("Bangkok Rule 22"),
            _(
                "close confinement of pregnant women, women with infants and breastfeeding mothers is prohibited."
            ),
        )


@transaction.atomic
def sanctions_impose(
    *,
    actor: Any,
    report: Report,
    sanctions: list[dict[str, Any]],
    applies_to: Iterable[Any] | None = None,
    mother_status: str = MotherStatus.NONE,
    hours_out: Decimal = Decimal("1"),
) -> list[Sanction]:
    """The sanctions of a proved charge, chosen from the catalogue, imposed once.

    ``sanctions``: ``[{"kind": SanctionKind, "days": int | None}]``; ``applies_to``: the
    people it would apply to (only the person found to have committed the offence)."""
    locked = locked_report(actor, report, "hear")
    not_health(actor)
    if actor is not None and locked.reported_by_id == actor.pk:
        refuse(_("Mandela Rule 41(1)"), _("the officer who reported the offence cannot hear the case."))
    if not locked.proved or locked.status != Status.HEARD:
        refuse(_("Mandela Rule 39(1)"), _("no sanction without a proved finding at a hearing."))
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
        refuse(
            _("Mandela Rule 39(1)"),
            _("this offence has already been sanctioned; no one is sanctioned twice."),
        )
    others = {getattr(p, "pk", p) for p in (applies_to or [])} - {locked.prisoner_id}
    if others:
        refuse(_("Mandela Rule 43(1)(e)"), _("collective punishment is prohibited."))
    if not sanctions:
        raise ValidationError({"sanctions": _("Choose at least one sanction.")})
    confinement_days = 0
    for item in sanctions:
        kind, days = item["kind"], item.get("days")
        if kind.category in PROHIBITED:
            refuse(
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
            refuse(
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
        writes.create(
            actor,
            sanction,
            subject=locked.prisoner_id,
            after={"report": locked.pk, "kind": kind.code, "category": kind.category, "days": days},
        )
        made.append(sanction)
        if kind.category == SanctionCategory.CONFINEMENT:
            separation_open(
                actor=actor,
                prisoner=locked.prisoner,
                kind=SeparationKind.DISCIPLINARY,
                legal_basis=f"{locked.offence.regulation}; {kind.name}"[:200],
                started_at=timezone.now(),
                # a confinement has its days: _confinement_allowed refused None above
                planned_end=today + dt.timedelta(days=cast(int, days) - 1),
                hours_out=hours_out,
                sanction=sanction,
            )
    locked.sanctioned_at = timezone.now()
    save_report(actor, locked, ["sanctioned_at"], "sanctions")
    return made


# The separation log and the appeals live in their own modules; their services are
# named here too, so callers have one place to look.
from discipline.appeals import appeal_decide, appeal_lodge  # noqa: E402
from discipline.separations import (  # noqa: E402
    health_visit_record,
    separation_end,
    separation_review,
    separation_start,
)

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
