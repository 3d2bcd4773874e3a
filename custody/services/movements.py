"""Movements: the one service that changes where a prisoner is.

``movement_record`` locks the prisoner (and the target cell, so two officers
cannot fill the last place at once), runs the placement check, writes the
``Movement`` and the prisoner's denormalised location in the same transaction,
moves the facility's grant on a transfer, and audits. On release it records the
hour, closes the admission and returns the property inventory.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casemgmt.choices import CustodyStatus
from casemgmt.models import Cell, Facility, Prisoner, Unit
from casemgmt.permissions import Capability, grant_facility, revoke_facility
from casemgmt.placement import HELD, validate_placement
from core import audit
from core.choices import AuditAction
from core.grants import capabilities_of, require
from custody import court_hearings, release_checks
from custody.choices import OUT_KINDS, PLACING_KINDS, ConflictKind, MovementKind
from custody.models import Movement
from custody.placement import Conflict, escort_conflicts, placement_conflicts
from intake.models import Admission, PropertyItem

# Supervisors approve departures from the placement rules: the capability of the
# people who approve the classification (and so its placement constraints).
OVERRIDE_CAPABILITY = Capability.APPROVE_RISK
CLOCK_SKEW = dt.timedelta(minutes=5)
LOCATION_FIELDS = [f"{end}_{part}" for end in ("from", "to") for part in ("facility", "unit", "cell")]


def movement_check(
    *,
    prisoner: Prisoner,
    kind: str,
    facility: Facility | None,
    unit: Unit | None,
    cell: Cell | None,
    external_place: str = "",
) -> list[Conflict]:
    """The conflicts a move would meet (for the live list in the form); nothing is written."""
    if kind in OUT_KINDS:
        return escort_conflicts(prisoner, external_place=external_place)
    if kind not in PLACING_KINDS:
        return []
    if kind == MovementKind.CELL_MOVE:
        facility = prisoner.facility
    if facility is None:
        return []
    return placement_conflicts(prisoner, facility=facility, unit=unit, cell=cell)


def _status_errors(prisoner: Prisoner, kind: str, facility: Facility | None) -> str | None:
    if prisoner.custody_status == CustodyStatus.DECEASED:
        return _("This person has died: the file is closed to movements.")
    held = prisoner.facility_id is not None and prisoner.custody_status in HELD
    present = held and prisoner.custody_status == CustodyStatus.IN_CUSTODY
    if kind == MovementKind.ADMISSION and held:
        return _("This person is recorded as in custody already.")
    if kind in (MovementKind.CELL_MOVE, MovementKind.TRANSFER, *OUT_KINDS) and not present:
        return _("This person is not present in the facility.")
    if kind == MovementKind.TRANSFER and facility is not None and facility.pk == prisoner.facility_id:
        return _("Choose another facility: a move inside this one is a cell move.")
    if kind == MovementKind.RETURN and prisoner.custody_status != CustodyStatus.TEMPORARILY_OUT:
        return _("This person is not out of the facility.")
    if kind in (MovementKind.RELEASE, MovementKind.DEATH) and not held:
        return _("This person is not in custody.")
    return None


def _target(
    prisoner: Prisoner, kind: str, facility: Facility | None, unit: Unit | None, cell: Cell | None
) -> tuple[Facility | None, Unit | None, Cell | None, str]:
    """Where the person will be: (facility, unit, cell, custody status)."""
    if kind == MovementKind.CELL_MOVE:
        return prisoner.facility, unit, cell, CustodyStatus.IN_CUSTODY
    if kind in (MovementKind.ADMISSION, MovementKind.TRANSFER):
        return facility, unit, cell, CustodyStatus.IN_CUSTODY
    if kind in OUT_KINDS:
        return prisoner.facility, prisoner.unit, prisoner.cell, CustodyStatus.TEMPORARILY_OUT
    if kind == MovementKind.RETURN:
        return prisoner.facility, prisoner.unit, prisoner.cell, CustodyStatus.IN_CUSTODY
    # Release or death: the facility stays as the one that last held the person (it keeps
    # the file).
    if kind == MovementKind.DEATH:
        return prisoner.facility, None, None, CustodyStatus.DECEASED
    return prisoner.facility, None, None, CustodyStatus.RELEASED


@transaction.atomic
def movement_record(
    *,
    actor: Any,
    prisoner: Prisoner,
    kind: str,
    reason: str,
    facility: Facility | None = None,
    unit: Unit | None = None,
    cell: Cell | None = None,
    external_place: str = "",
    occurred_at: dt.datetime | None = None,
    authorised_by: str = "",
    override_reason: str = "",
    property_signed: bool = False,
    property_note: str = "",
    legal_status: str | None = None,
    hearing: int | None = None,
) -> Movement:
    """Record a movement and place the person accordingly. Conflicts of the placement
    block the move unless a supervisor overrides them with a reason; a Rule 11
    conflict (sex, age, legal status) can never be overridden. At admission only Rule
    11 blocks (a reception cannot refuse a person with a valid order): the other
    conflicts are recorded on the movement for the supervisors to resolve. A trip to
    court may name its ``hearing`` (``custody.court_hearings``), linked in this transaction."""
    if kind not in MovementKind.values:
        raise ValidationError({"kind": [_("Choose the kind of movement.")]})
    if kind != MovementKind.ADMISSION:
        # Defence in depth: the mover holds change_prisoner on the file. An admission is a
        # step of the intake's completion (``prisoner_create``/``prisoner_readmit``): the
        # receiving facility holds no grant yet — the admission gives it.
        require(actor, prisoner, Capability.CHANGE)
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for the move.")]})
    now = timezone.now()
    occurred_at = occurred_at or now
    if occurred_at > now + CLOCK_SKEW:
        raise ValidationError({"occurred_at": [_("The date and hour cannot be in the future.")]})
    locked = (
        Prisoner.objects.select_for_update(of=("self",))
        .select_related("facility", "unit", "cell")
        .get(pk=prisoner.pk)
    )
    problem = _status_errors(locked, kind, facility)
    if problem:
        raise ValidationError(problem, code="status")
    last = (
        Movement.objects.filter(prisoner=locked)
        .order_by("-occurred_at")
        .values_list("occurred_at", flat=True)
    )
    if last and occurred_at < last[0]:
        raise ValidationError(
            {"occurred_at": [_("The date and hour are before the person's last movement.")]}
        )
    if hearing and kind != MovementKind.COURT:
        raise ValidationError({"hearing": [_("Only a trip to court names a hearing.")]})
    if kind in OUT_KINDS and not external_place.strip():
        raise ValidationError({"external_place": [_("Say where the person is going.")]})
    if kind in PLACING_KINDS and (facility if kind != MovementKind.CELL_MOVE else locked.facility) is None:
        raise ValidationError({"facility": [_("Choose the facility.")]})
    if kind in (MovementKind.CELL_MOVE, MovementKind.TRANSFER) and unit is None:
        raise ValidationError({"unit": [_("Choose the unit.")]})
    if kind == MovementKind.CELL_MOVE and cell is None:
        raise ValidationError({"cell": [_("Choose the cell.")]})
    to_facility, to_unit, to_cell, status = _target(locked, kind, facility, unit, cell)
    conflicts: list[Conflict] = []
    if kind in PLACING_KINDS:
        if cell is not None:
            cell = Cell.objects.select_for_update().get(pk=cell.pk)  # the last place is taken once
            to_cell = cell
        candidate = Prisoner(
            **{f.attname: getattr(locked, f.attname) for f in Prisoner._meta.concrete_fields}
        )
        candidate.facility, candidate.unit, candidate.cell = to_facility, to_unit, to_cell
        if legal_status:
            candidate.legal_status = legal_status
        validate_placement(candidate)  # Rule 11: never overridden
        # a placing move has its facility (refused above without one)
        conflicts = placement_conflicts(
            candidate, facility=cast(Facility, to_facility), unit=to_unit, cell=to_cell
        )
        full = [c for c in conflicts if c.kind == ConflictKind.CAPACITY]
        if kind == MovementKind.ADMISSION and full:
            # A full cell is refused at admission as at a move (the cell row is locked above,
            # so two admissions cannot take its last place together).
            raise ValidationError({"cell": [c.message for c in full]}, code="capacity")
        if kind != MovementKind.ADMISSION and conflicts and not override_reason.strip():
            raise ValidationError(
                {"override_reason": [c.message for c in conflicts]}, code="placement_conflict"
            )
    release_reason = override_reason  # the release checks' own (below)
    if kind in OUT_KINDS:
        # Keep-apart on the escort and in the court holding, overridable like a cell move.
        conflicts = escort_conflicts(locked, external_place=external_place)
        if conflicts and not override_reason.strip():
            raise ValidationError(
                {"override_reason": [c.message for c in conflicts]}, code="placement_conflict"
            )
    override_reason = override_reason.strip() if conflicts and kind != MovementKind.ADMISSION else ""
    if override_reason and (actor is None or OVERRIDE_CAPABILITY not in capabilities_of(actor, locked)):
        raise ValidationError(
            {"override_reason": [_("Only a supervisor of the facility can override these conflicts.")]},
            code="placement_conflict",
        )
    movement = Movement(
        prisoner=locked,
        kind=kind,
        occurred_at=occurred_at,
        from_facility=locked.facility,
        from_unit=locked.unit,
        from_cell=locked.cell,
        to_facility=to_facility,
        to_unit=to_unit,
        to_cell=to_cell,
        external_place=external_place.strip(),
        reason=reason.strip(),
        authorised_by=authorised_by.strip(),
        conflicts=[c.as_dict() for c in conflicts],
        override_reason=override_reason,
        override_by=actor if override_reason else None,
        created_by=actor if actor is not None and actor.pk else None,
    )
    if kind == MovementKind.RELEASE:
        _release_checks(actor, locked, movement, release_reason)
        _release_property(actor, locked, movement, property_signed, property_note)
    # The places and people come from locked rows and the check constraints are the
    # database's own: validate the fields, not their existence again (a seed of 200
    # files admits 200 people).
    movement.full_clean(
        exclude=[*LOCATION_FIELDS, "prisoner", "override_by", "created_by"], validate_constraints=False
    )
    movement.save()
    _place(actor, locked, movement, status, legal_status)
    if hearing:
        court_hearings.link(actor, movement, hearing)
    return movement


def _place(actor: Any, prisoner: Prisoner, movement: Movement, status: str, legal_status: str | None) -> None:
    """Write the denormalised present location, audit, and move the facility's grant."""
    keys = ["facility", "unit", "cell", "custody_status", "legal_status"]
    before = audit.snapshot(prisoner, keys)
    old_facility = prisoner.facility
    prisoner.facility, prisoner.unit, prisoner.cell = movement.to_facility, movement.to_unit, movement.to_cell
    prisoner.custody_status = status
    if legal_status:
        prisoner.legal_status = legal_status
    prisoner.version += 1
    prisoner.full_clean(
        exclude=["facility", "unit", "cell"], validate_unique=False
    )  # placement checked above
    prisoner.save()
    old, new = audit.diff(before, audit.snapshot(prisoner, keys))
    audit.record(
        actor,
        AuditAction.TRANSFER,
        movement,
        subject=prisoner,
        object_repr=f"{movement.get_kind_display()}",
        before=old,
        after={
            **new,
            "kind": movement.kind,
            "occurred_at": movement.occurred_at,
            "external_place": movement.external_place,
            "conflicts": [c["message"] for c in movement.conflicts],
            "override_reason": movement.override_reason,
        },
        reason=movement.reason,
    )
    reason = movement.reason
    if movement.kind == MovementKind.ADMISSION:
        if old_facility is not None and old_facility != prisoner.facility:
            revoke_facility(actor, prisoner, old_facility, reason=f"moved out: {reason}")
        grant_facility(actor, prisoner, prisoner.facility, reason=f"admitted: {reason}")
    elif movement.kind == MovementKind.TRANSFER:
        revoke_facility(actor, prisoner, old_facility, reason=f"moved out: {reason}")
        grant_facility(actor, prisoner, prisoner.facility, reason=f"moved in: {reason}")


def _release_checks(actor: Any, prisoner: Prisoner, movement: Movement, override_reason: str) -> None:
    """The registered release checks (``custody.release_checks``): a blocking finding stops
    the release; the others only when no supervisor proceeds with a reason."""
    findings = release_checks.run(prisoner, movement.occurred_at)
    if not findings:
        return
    stop = [f.message for f in findings if not f.overridable]
    if stop:
        raise ValidationError({"__all__": stop}, code="release_check")
    if not override_reason.strip():
        raise ValidationError({"override_reason": [f.message for f in findings]}, code="release_check")
    if actor is None or OVERRIDE_CAPABILITY not in capabilities_of(actor, prisoner):
        raise ValidationError(
            {"override_reason": [_("Only a supervisor of the facility can proceed despite these warnings.")]},
            code="release_check",
        )
    movement.conflicts = [f.as_dict() for f in findings]
    movement.override_reason, movement.override_by = override_reason.strip(), actor


def _release_property(actor: Any, prisoner: Prisoner, movement: Movement, signed: bool, note: str) -> None:
    """Rule 7(c) and (e): the admission closes at the hour of release and the property
    still held is handed back, signed for (or the refusal noted)."""
    items = PropertyItem.objects.filter(prisoner=prisoner, returned_at__isnull=True)
    count = items.count()
    if count and not signed and not note.strip():
        raise ValidationError(
            {
                "property_signed": [
                    _("The property is returned: record the prisoner's signature or why it is missing.")
                ]
            }
        )
    movement.property_signed, movement.property_note = signed, note.strip()
    if count:
        items.update(returned_at=movement.occurred_at)
    closed = Admission.objects.filter(prisoner=prisoner, status="completed", released_at__isnull=True)
    admission_ids = list(closed.values_list("pk", flat=True))
    closed.update(released_at=movement.occurred_at)
    audit.record(
        actor,
        AuditAction.UPDATE,
        None,
        object_type="intake.admission",
        object_id=",".join(map(str, admission_ids)),
        object_repr="released: property returned",
        subject=prisoner,
        after={"released_at": movement.occurred_at, "items_returned": count, "signed": signed},
        reason=note,
    )


def prisoner_transfer(
    *,
    actor: Any,
    prisoner: Prisoner,
    facility: Facility,
    unit: Unit | None = None,
    cell: Cell | None = None,
    reason: str,
    override_reason: str = "",
) -> Prisoner:
    """Move a prisoner: a cell move inside the facility, a transfer to another one (the
    facility's grant follows the prisoner)."""
    kind = "cell_move" if facility.pk == prisoner.facility_id else "transfer"
    movement = movement_record(
        actor=actor,
        prisoner=prisoner,
        kind=kind,
        facility=facility,
        unit=unit,
        cell=cell,
        reason=reason,
        override_reason=override_reason,
    )
    return movement.prisoner
