"""What happens to the file after admission: a death in custody (Mandela Rules 71-72),
injuries seen after admission, and the person's vulnerability as a dated decision."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casemgmt import alerts
from casemgmt.choices import CustodyStatus
from casemgmt.models import Facility, Prisoner
from casemgmt.permissions import Capability
from core import audit
from core.choices import AuditAction
from core.grants import require
from custody.choices import MovementKind
from custody.models import DEATH_PAIRS, Death, InjuryRecord, VulnerabilityDecision
from custody.placement import placement_conflicts
from custody.services.movements import CLOCK_SKEW, OVERRIDE_CAPABILITY, movement_record
from intake.models import Admission

if TYPE_CHECKING:
    from custody.placement import Conflict

DEATH_FIELDS = ["died_at", "place", "circumstances", *[name for pair in DEATH_PAIRS for name in pair]]
# Filled after the record: who was told, the referral, the handovers.
DEATH_LATER_FIELDS = [name for pair in DEATH_PAIRS for name in pair]


def _past(value: dt.datetime | None, field: str) -> None:
    if value is not None and value > timezone.now() + CLOCK_SKEW:
        raise ValidationError({field: [_("The date and hour cannot be in the future.")]})


def _check_pairs(death: Death) -> None:
    errors = {}
    for who, when in DEATH_PAIRS:
        has_who, has_when = bool(getattr(death, who).strip()), getattr(death, when) is not None
        if has_who != has_when:
            field = when if has_who else who
            errors[field] = [_("Give both who and when.")]
        if has_when:
            _past(getattr(death, when), when)
        if has_when and getattr(death, when) < death.died_at - CLOCK_SKEW:
            errors[when] = [_("This cannot be before the death.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def death_record(
    *, actor: Any, prisoner: Prisoner, died_at: dt.datetime, place: str, circumstances: str, **later: Any
) -> Death:
    """A supervisor records a death in custody: the file is closed to movements and
    programmes (a ``death`` movement: status deceased, no cell), the open admission ends,
    and the facility's supervisors are told that an independent investigation must be
    referred (its absence shows on the standards view)."""
    require(actor, prisoner, OVERRIDE_CAPABILITY)  # supervisors of the holding facility
    unknown = set(later) - set(DEATH_LATER_FIELDS)
    if unknown:
        raise ValueError(sorted(unknown))
    if died_at is None:
        raise ValidationError({"died_at": [_("Give the date and hour of death.")]})
    _past(died_at, "died_at")
    if not place.strip():
        raise ValidationError({"place": [_("Say where the person died.")]})
    if not circumstances.strip():
        raise ValidationError({"circumstances": [_("Describe the circumstances as known.")]})
    facility = prisoner.facility
    death = Death(
        prisoner=prisoner,
        facility=facility,
        died_at=died_at,
        place=place.strip(),
        circumstances=circumstances.strip(),
        recorded_by=actor,
        **{k: (v.strip() if isinstance(v, str) else v) for k, v in later.items()},
    )
    death.full_clean(exclude=["prisoner", "facility", "recorded_by"], validate_constraints=False)
    _check_pairs(death)
    if Death.objects.filter(prisoner=prisoner).exists():
        raise ValidationError(_("A death is already recorded on this file."))
    try:
        movement = movement_record(
            actor=actor,
            prisoner=prisoner,
            kind=MovementKind.DEATH,
            reason="death in custody",
            external_place=place.strip(),
            occurred_at=died_at,
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "occurred_at" in exc.error_dict:
            raise ValidationError({"died_at": exc.error_dict["occurred_at"]}) from exc
        raise
    # a death movement is refused for a person not held (in a facility)
    death.facility = cast(Facility, movement.from_facility or facility)
    death.save()

    Admission.objects.filter(prisoner=prisoner, status="completed", released_at__isnull=True).update(
        released_at=died_at
    )
    audit.record(
        actor, AuditAction.CREATE, death, subject=prisoner, after=audit.snapshot(death, DEATH_FIELDS)
    )
    alerts.alert_create(
        actor=actor,
        facility=death.facility,
        kind=alerts.AlertKind.DEATH,
        code="death_recorded",
        link=f"/custody/prisoners/{prisoner.pk}/death/",
        object_type="custody.death",
        object_id=str(death.pk),
    )
    return death


@transaction.atomic
def death_update(*, actor: Any, death: Death, **changes: Any) -> Death:
    """Add what is learnt later: who was told and when, the investigation's referral, the
    handover of the body and property. What is filled is never changed (the record of
    who was told stays as it was); the facts of the death itself never change."""
    require(actor, death.prisoner, OVERRIDE_CAPABILITY)
    locked: Death = Death.objects.select_for_update().get(pk=death.pk)
    unknown = set(changes) - set(DEATH_LATER_FIELDS)
    if unknown:
        raise ValueError(sorted(unknown))
    before = audit.snapshot(locked, DEATH_LATER_FIELDS)
    errors: dict[str, list[str]] = {}
    for key, value in changes.items():
        value = value.strip() if isinstance(value, str) else value
        old = getattr(locked, key)
        if old not in ("", None) and value != old:
            errors[key] = [_("Already recorded: it is not changed.")]
            continue
        setattr(locked, key, value)
    if errors:
        raise ValidationError(errors)
    locked.full_clean(exclude=["prisoner", "facility", "recorded_by"], validate_constraints=False)
    _check_pairs(locked)
    locked.save()
    old, new = audit.diff(before, audit.snapshot(locked, DEATH_LATER_FIELDS))
    if new:
        audit.record(actor, AuditAction.UPDATE, locked, subject=locked.prisoner_id, before=old, after=new)
    return locked


def file_closed(prisoner: Prisoner) -> bool:
    return prisoner.custody_status == CustodyStatus.DECEASED


@transaction.atomic
def injury_record(
    *,
    actor: Any,
    prisoner: Prisoner,
    seen_at: dt.datetime | None,
    occasion: str,
    recorder: str,
    description: str,
    body_location: str = "",
    examined_by: str = "",
    ill_treatment_complaint: bool = False,
    complaint_details: str = "",
) -> InjuryRecord:
    """Injuries seen after admission, by an officer or medical staff of the holding facility.
    A complaint of ill-treatment alerts the facility's supervisors at once; the record is
    never deleted and a complaint never rewritten (trigger)."""
    require(actor, prisoner, Capability.CHANGE)
    seen_at = seen_at or timezone.now()
    _past(seen_at, "seen_at")
    if ill_treatment_complaint and not complaint_details.strip():
        raise ValidationError({"complaint_details": [_("Write the complaint in the person's words.")]})
    record = InjuryRecord(
        prisoner=prisoner,
        facility=prisoner.facility,
        seen_at=seen_at,
        occasion=occasion,
        recorder=recorder,
        description=description.strip(),
        body_location=body_location.strip(),
        examined_by=examined_by.strip(),
        ill_treatment_complaint=ill_treatment_complaint,
        complaint_details=complaint_details.strip(),
        recorded_by=actor,
    )
    record.full_clean(exclude=["prisoner", "facility", "recorded_by"])
    if prisoner.facility_id is None:
        raise ValidationError(_("This person is not held in a facility."))
    record.save()
    audit.record(
        actor,
        AuditAction.CREATE,
        record,
        subject=prisoner,
        after={
            "occasion": occasion,
            "recorder": recorder,
            "body_location": record.body_location,
            "ill_treatment_complaint": ill_treatment_complaint,
        },
    )
    if ill_treatment_complaint:
        alerts.alert_create(
            actor=actor,
            facility=prisoner.facility,
            kind=alerts.AlertKind.ILL_TREATMENT,
            code="ill_treatment_after_admission",
            link=f"/custody/prisoners/{prisoner.pk}/injuries/",
            object_type="custody.injuryrecord",
            object_id=str(record.pk),
        )
    return record


def is_vulnerable(prisoner: Prisoner) -> bool:
    """The latest decision; before any, the intake's flag."""
    latest: VulnerabilityDecision | None = VulnerabilityDecision.objects.filter(prisoner=prisoner).first()
    if latest is not None:
        return latest.vulnerable
    return Admission.objects.filter(
        prisoner=prisoner,
        status="completed",
        released_at__isnull=True,
        security_flags__contains=["vulnerable"],
    ).exists()


@transaction.atomic
def vulnerability_decide(
    *,
    actor: Any,
    prisoner: Prisoner,
    vulnerable: bool,
    reason: str,
    needs: str = "",
    review_on: dt.date | None = None,
) -> tuple[VulnerabilityDecision, list[Conflict]]:
    """Decide (or review) whether the person is vulnerable, with the reason and needs; the
    present placement is checked again at once and its conflicts are returned (the cell
    stays as it is: a move is a movement, with its own check and override)."""
    require(actor, prisoner, Capability.ASSESS_RISK)  # case managers and supervisors
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for the decision.")]})
    if review_on is not None and review_on < timezone.localdate():
        raise ValidationError({"review_on": [_("The review date cannot be in the past.")]})
    decision = VulnerabilityDecision(
        prisoner=prisoner,
        vulnerable=vulnerable,
        reason=reason.strip(),
        needs=needs.strip(),
        review_on=review_on,
        decided_by=actor,
    )
    decision.full_clean(exclude=["prisoner", "decided_by"])
    decision.save()
    conflicts: list[Conflict] = []
    if prisoner.unit_id and prisoner.custody_status != CustodyStatus.DECEASED:
        conflicts = [
            c
            for c in placement_conflicts(
                # a person placed in a unit is in its facility
                prisoner,
                facility=cast(Facility, prisoner.facility),
                unit=prisoner.unit,
                cell=prisoner.cell,
            )
            if c.code in ("vulnerable_cellmate", "holds_apart_cellmate")
        ]
    audit.record(
        actor,
        AuditAction.CREATE,
        decision,
        subject=prisoner,
        after={
            "vulnerable": vulnerable,
            "review_on": review_on,
            "placement_conflicts": [c.message for c in conflicts],
        },
        reason=reason.strip(),
    )
    return decision, conflicts
