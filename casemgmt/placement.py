"""Where a person may be placed (Mandela Rule 11), and what the unit and cell lists of a
placement offer: only what fits the person.

``validate_placement`` is the rule, used by the file's services and by every movement
(``custody``); the lists do not restate it: a unit fits when the rule finds
nothing against it, and a cell's free places count the people held in it exactly as the
capacity conflict of ``custody.placement`` does (``occupants``). The intake's reception
unit and the movement form both draw their lists from here.
"""

from __future__ import annotations

import copy

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casemgmt.choices import CustodyStatus
from casemgmt.models import Cell, Prisoner, Unit

#: Why a placement breaks Rule 11, by code: the code is stored with a recorded movement's
#: conflicts, so each reader sees the reason in their own language (custody.placement).
PLACEMENT_ERRORS = {
    "cell_not_in_unit": gettext_lazy("The cell is not in the chosen unit."),
    "unit_not_in_facility": gettext_lazy("The unit is not in the chosen facility."),
    "women_only": gettext_lazy("This unit holds women only (Mandela Rule 11)."),
    "men_only": gettext_lazy("This unit holds men only (Mandela Rule 11)."),
    "untried_only": gettext_lazy("This unit holds untried prisoners only (Mandela Rule 11)."),
    "convicted_only": gettext_lazy("This unit holds convicted prisoners only (Mandela Rule 11)."),
    "civil_only": gettext_lazy("This unit holds civil detainees only (Mandela Rule 11(c))."),
    "civil_apart": gettext_lazy(
        "A civil detainee is kept apart from criminal prisoners (Mandela Rule 11(c))."
    ),
    "minor_in_adult_unit": gettext_lazy(
        "A person under 18 cannot be placed in an adult unit (Mandela Rule 11)."
    ),
    "adult_in_juvenile_unit": gettext_lazy("An adult cannot be placed in a juvenile unit (Mandela Rule 11)."),
}


def _unit_problem(prisoner: Prisoner) -> str | None:
    """The code of the first Rule 11 problem of the prisoner's unit, or None."""
    if not prisoner.unit_id:
        return None
    unit = prisoner.unit
    if prisoner.facility_id and unit.facility_id != prisoner.facility_id:
        return "unit_not_in_facility"
    if unit.sex != prisoner.sex:
        return "women_only" if unit.sex == "female" else "men_only"
    if unit.legal_category == "civil" and prisoner.legal_status != "civil":
        return "civil_only"
    if unit.legal_category != "civil" and prisoner.legal_status == "civil":
        return "civil_apart"
    if unit.legal_category == "remand" and prisoner.legal_status != "remand":
        return "untried_only"
    if unit.legal_category == "convicted" and prisoner.legal_status == "remand":
        return "convicted_only"
    if unit.age_group == "adult" and prisoner.age is not None and prisoner.age < 18:
        return "minor_in_adult_unit"
    if unit.age_group == "juvenile" and prisoner.age is not None and prisoner.age >= 18:
        return "adult_in_juvenile_unit"
    return None


def validate_placement(prisoner: Prisoner) -> None:
    """Rule 11: a person is placed only in a unit whose category matches them."""
    errors = {}
    if prisoner.cell_id and prisoner.cell.unit_id != prisoner.unit_id:
        errors["cell"] = ValidationError(PLACEMENT_ERRORS["cell_not_in_unit"], code="cell_not_in_unit")
    code = _unit_problem(prisoner)
    if code:
        errors["unit"] = ValidationError(PLACEMENT_ERRORS[code], code=code)
    if errors:
        raise ValidationError(errors)


#: who takes a place in a cell: the people held, including those out for the day
HELD = (CustodyStatus.IN_CUSTODY, CustodyStatus.TEMPORARILY_OUT)


def occupants(cell: Cell, *, exclude: Prisoner | None = None) -> int:
    """The places taken in ``cell`` (not counting ``exclude``, the person being moved)."""
    qs = Prisoner.objects.filter(cell=cell, custody_status__in=HELD)
    if exclude is not None and exclude.pk:
        qs = qs.exclude(pk=exclude.pk)
    return qs.count()


def with_free_places(cells: QuerySet, *, exclude: Prisoner | None = None) -> QuerySet:
    """``cells`` annotated with ``held`` and ``free`` (one query, no loop)."""
    held = Q(prisoners__custody_status__in=HELD)
    if exclude is not None and exclude.pk:
        held &= ~Q(prisoners__pk=exclude.pk)
    return cells.annotate(held=Count("prisoners", filter=held, distinct=True)).annotate(
        free=F("capacity") - F("held")
    )


def fits(person: Prisoner, unit: Unit) -> bool:
    """Rule 11 finds nothing against placing ``person`` in ``unit``."""
    candidate = copy.copy(person)
    candidate.facility, candidate.unit, candidate.cell = unit.facility, unit, None
    try:
        validate_placement(candidate)
    except ValidationError:
        return False
    return True


def fitting_units(person: Prisoner, units: QuerySet) -> list[Unit]:
    """The active units of ``units`` that fit ``person`` (a person of unknown sex fits none)."""
    if not person.sex:
        return []
    return [u for u in units.filter(is_active=True).select_related("facility") if fits(person, u)]


def unit_label(unit: Unit) -> str:
    return unit.name or unit.code


def cell_label(cell: Cell) -> str:
    """ "Cell 12 · 2 of 4 places free" (``cell`` annotated by ``with_free_places``)."""
    return _("Cell %(number)s · %(free)s of %(capacity)s places free") % {
        "number": cell.number,
        "free": max(cell.free, 0),
        "capacity": cell.capacity,
    }


def cell_choices(unit: Unit | None, *, exclude: Prisoner | None = None) -> QuerySet:
    """The active cells of ``unit`` with their free places, by number."""
    if unit is None:
        return Cell.objects.none()
    return with_free_places(
        Cell.objects.filter(unit=unit, is_active=True).select_related("unit"), exclude=exclude
    ).order_by("number")


def placement_problems(person: Prisoner, unit: Unit | None, cell: Cell | None) -> dict[str, list[str]]:
    """What refuses placing ``person`` (unsaved is fine) at ``unit``/``cell`` before anything
    is written: Rule 11 and a full cell, by field — the admission refuses both."""
    errors: dict[str, list[str]] = {}
    if unit is None:
        return errors
    candidate = copy.copy(person)
    candidate.facility, candidate.unit, candidate.cell = unit.facility, unit, cell
    try:
        validate_placement(candidate)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if cell is not None:
        held = occupants(cell, exclude=person)
        if held >= cell.capacity:
            errors.setdefault("cell", []).append(
                _("Cell %(cell)s is full: %(held)s of %(capacity)s places taken.")
                % {"cell": cell.number, "held": held, "capacity": cell.capacity}
            )
    return errors
