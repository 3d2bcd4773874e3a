"""What the unit and cell lists of a placement offer: only what fits the person.

The rule is not restated here: a unit fits when ``validate_placement`` (Rule 11) finds
nothing against it, and a cell's free places count the people held in it exactly as the
capacity conflict of ``custody.placement`` does (``occupants``). The intake's reception
unit and the movement form both draw their lists from here.
"""

from __future__ import annotations

import copy

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext as _

from casemgmt.choices import CustodyStatus
from casemgmt.models import Cell, Prisoner, Unit

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
    from casemgmt.services import validate_placement

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
    from casemgmt.services import validate_placement

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
