"""The placement check run before every move into a unit or cell.

It lists every conflict at once, so the officer sees the whole picture:
Rule 11 (the unit's sex, age group and legal status — never overridable), the
cell's capacity, the named keep-apart links with their scope, and the
separation rules of the current classification. Everything but Rule 11 may be
overridden by a supervisor with a reason.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from casemgmt.choices import CustodyStatus, UnitPurpose
from casemgmt.models import Cell, Facility, Prisoner, Unit
from casemgmt.placement import HELD, PLACEMENT_ERRORS, validate_placement
from casemgmt.placement import occupants as places_taken
from classification.choices import KeepApartScope
from classification.models import Classification
from classification.selectors import keep_apart_links
from custody.choices import OUT_KINDS, ConflictKind
from custody.models import Movement, VulnerabilityDecision
from intake.models import Admission

SEPARATE_UNITS = (UnitPurpose.HIGH_SECURITY, UnitPurpose.SEGREGATION)


#: What each conflict says, by code. A recorded movement keeps the codes and values, so
#: its conflicts read in the language of whoever opens it, not of whoever recorded it.
MESSAGES = {
    **PLACEMENT_ERRORS,  # Rule 11
    "age_unknown": _(
        "The date of birth is unknown, so the age group cannot be checked (Mandela Rule 11): "
        "a supervisor confirms the estimated age."
    ),
    "capacity": _("Cell %(cell)s is full: %(held)s of %(capacity)s places taken."),
    "keep_apart": _("Keep apart from %(number)s (%(scope)s): %(reason)s"),
    "keep_apart_escort": _(
        "Keep apart from %(number)s (%(scope)s): %(reason)s. That person is out at %(place)s now "
        "(the same escort or court holding)."
    ),
    "separation_required": _("The classification requires a separation or high-security unit."),
    "dispersal": _("The classification disperses this person among the general population."),
    "vulnerable_cellmate": _(
        "Held apart from vulnerable prisoners, and %(number)s in this cell is vulnerable."
    ),
    "holds_apart_cellmate": _(
        "This person is vulnerable, and %(number)s in this cell is held apart from vulnerable prisoners."
    ),
}


def describe(code: str, params: dict) -> str | None:
    """The conflict in the active language (None for an unknown code)."""
    template = MESSAGES.get(code)
    if template is None:
        return None
    params = dict(params or {})
    if "scope" in params:
        params["scope"] = str(KeepApartScope(params["scope"]).label).lower()
    return str(template) % params if params else str(template)


def recorded_text(conflict: dict) -> str:
    """A conflict stored on a movement, in the reader's language; a conflict stored before
    the codes were (or of a code since retired) reads as it was written."""
    return describe(conflict.get("code", ""), conflict.get("params")) or conflict.get("message", "")


@dataclass(frozen=True)
class Conflict:
    kind: str
    code: str
    params: dict = field(default_factory=dict)
    overridable: bool = True
    other: str = ""  # the prison number of the other person, if any

    @property
    def message(self) -> str:
        return describe(self.code, self.params)

    def as_dict(self) -> dict:
        """As stored on the movement: the code and values, and the text as it read then."""
        return {**asdict(self), "message": self.message}


def blocking(conflicts: list[Conflict]) -> list[Conflict]:
    return [c for c in conflicts if not c.overridable]


def placement_conflicts(
    prisoner: Prisoner, *, facility: Facility, unit: Unit | None, cell: Cell | None
) -> list[Conflict]:
    """Every reason against placing ``prisoner`` at facility/unit/cell."""
    conflicts: list[Conflict] = []
    candidate = copy.copy(prisoner)
    candidate.facility, candidate.unit, candidate.cell = facility, unit, cell
    try:
        validate_placement(candidate)
    except ValidationError as exc:
        conflicts += [
            Conflict(ConflictKind.RULE_11, error.code, overridable=False)
            for errors in exc.error_dict.values()
            for error in errors
        ]
    if unit is not None and prisoner.date_of_birth is None:
        conflicts.append(Conflict(ConflictKind.RULE_11, "age_unknown"))
    if cell is not None:
        occupants = places_taken(cell, exclude=prisoner)
        if occupants >= cell.capacity:
            conflicts.append(
                Conflict(
                    ConflictKind.CAPACITY,
                    "capacity",
                    {"cell": cell.number, "held": occupants, "capacity": cell.capacity},
                )
            )
    conflicts += _keep_apart(prisoner, facility, unit, cell)
    conflicts += _separation(prisoner, unit, cell)
    return conflicts


def _keep_apart(prisoner, facility, unit, cell) -> list[Conflict]:
    found = []
    for link, other in keep_apart_links(prisoner):
        if other.custody_status not in HELD:
            continue
        same = {
            "cell": cell is not None and other.cell_id == cell.pk,
            "unit": unit is not None and other.unit_id == unit.pk,
            "facility": other.facility_id == facility.pk,
        }[link.scope]
        if same:
            found.append(
                Conflict(
                    ConflictKind.KEEP_APART,
                    "keep_apart",
                    {"number": other.prison_number, "scope": link.scope, "reason": link.reason},
                    other=other.prison_number,
                )
            )
    return found


def vulnerable_people():
    """The people who are vulnerable now: by their latest dated decision
    (``custody.VulnerabilityDecision``), or, before any, by the flag of their open admission."""
    latest = VulnerabilityDecision.objects.filter(prisoner=OuterRef("pk")).order_by("-decided_at", "-id")
    flagged = Admission.objects.filter(
        status="completed", released_at__isnull=True, security_flags__contains=["vulnerable"]
    ).values("prisoner_id")
    return Prisoner.objects.alias(decided=Subquery(latest.values("vulnerable")[:1])).filter(
        Q(decided=True) | Q(decided__isnull=True, pk__in=flagged)
    )


def _separation(prisoner, unit, cell) -> list[Conflict]:
    """What the approved classification says about where the person may live."""
    if unit is None:
        return []
    found = []
    current = Classification.objects.filter(prisoner=prisoner, status="approved").first()
    needs_separation = current is not None and (
        current.regime == "separated" or current.placement == "concentration"
    )
    if needs_separation and unit.purpose not in SEPARATE_UNITS:
        found.append(Conflict(ConflictKind.SEPARATION, "separation_required"))
    if current is not None and current.placement == "dispersal" and unit.purpose in SEPARATE_UNITS:
        found.append(Conflict(ConflictKind.SEPARATION, "dispersal"))
    if cell is None:
        return found
    cellmates = Prisoner.objects.filter(cell=cell, custody_status__in=HELD).exclude(pk=prisoner.pk)
    vulnerable = vulnerable_people()
    if current is not None and current.hold_apart_from_vulnerable:
        for number in vulnerable.filter(pk__in=cellmates).values_list("prison_number", flat=True):
            found.append(
                Conflict(ConflictKind.SEPARATION, "vulnerable_cellmate", {"number": number}, other=number)
            )
    if vulnerable.filter(pk=prisoner.pk).exists():
        holders = Classification.objects.filter(
            prisoner__in=cellmates, status="approved", hold_apart_from_vulnerable=True
        ).values_list("prisoner__prison_number", flat=True)
        for number in holders:
            found.append(
                Conflict(ConflictKind.SEPARATION, "holds_apart_cellmate", {"number": number}, other=number)
            )
    return found


def _place_key(place: str) -> str:
    return " ".join(place.casefold().split())


def escort_conflicts(prisoner: Prisoner, *, external_place: str) -> list[Conflict]:
    """Keep-apart on a trip out (court, hospital, temporary release): the people linked to
    ``prisoner`` who are out at the same place now travel on the same escort or wait in the
    same court holding. Every scope counts: a van or a holding cell is closer than a cell."""
    place = _place_key(external_place)
    if not place:
        return []
    found = []
    for link, other in keep_apart_links(prisoner):
        if other.custody_status != CustodyStatus.TEMPORARILY_OUT:
            continue
        last = Movement.objects.filter(prisoner=other).order_by("-occurred_at", "-pk").first()
        if last is None or last.kind not in OUT_KINDS or _place_key(last.external_place) != place:
            continue
        found.append(
            Conflict(
                ConflictKind.KEEP_APART,
                "keep_apart_escort",
                {
                    "number": other.prison_number,
                    "scope": link.scope,
                    "reason": link.reason,
                    "place": last.external_place,
                },
                other=other.prison_number,
            )
        )
    return found
