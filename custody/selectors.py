"""Reads of security operations, each from a restricted queryset."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, QuerySet, Subquery, Sum
from django.utils.translation import gettext as _

from casemgmt.choices import CustodyStatus
from casemgmt.models import Cell, Facility, Prisoner, Unit
from casemgmt.permissions import Capability
from core import related
from core.querysets import get_visible
from custody.choices import OUT_KINDS
from custody.models import Find, Incident, Movement, Search
from custody.querysets import security_facility_ids

#: what a movement's row shows beside its prisoner (joined): read by their ids for a page
#: (``core.related.attach``); joined, the ten-table statement took 20 ms to plan (issue #25)
MOVEMENT_PLACES = (
    "from_facility",
    "from_unit",
    "from_cell",
    "to_facility",
    "to_unit",
    "to_cell",
    "created_by",
    "override_by",
)


def prisoner_for(*, user: Any, pk: Any, capability: str) -> Prisoner:
    """A prisoner named by id in a request, among those on whom the user holds
    ``capability``; 404 otherwise, exactly as for an id that does not exist."""
    prisoner: Prisoner = get_visible(Prisoner.objects.restrict(user, capability), pk)
    return prisoner


def prisoner_by_number(*, user: Any, number: str, capability: str = Capability.CHANGE) -> Prisoner | None:
    """A prisoner named by prison number in a form (or None for a blank number), among
    those the user may record against; an unknown number and a file the user may not see
    read alike."""
    number = (number or "").strip()
    if not number:
        return None
    found: Prisoner | None = Prisoner.objects.restrict(user, capability).filter(prison_number=number).first()
    if found is None:
        raise ValidationError({"prison_number": [_("No prisoner you may see has that prison number.")]})
    return found


def named_prisoner_ids(numbers: Iterable[str | None]) -> list[int]:
    """The ids of the prisoners named by prison number in a conflict list (for the read
    audit of a response that shows them); no query when none is named."""
    named = {n for n in numbers if n}
    if not named:
        return []
    return list(Prisoner.objects.filter(prison_number__in=named).values_list("pk", flat=True))


def movement_list(*, user: Any, action: str = "view") -> QuerySet[Movement]:
    """The movements ``user`` may see, with their prisoner; a page of them takes its places
    from ``movement_page``."""
    return Movement.objects.restrict(user, action).select_related("prisoner")


def movement_page(movements: Iterable[Movement]) -> list[Movement]:
    """A page of movements with the places and people each row shows (``MOVEMENT_PLACES``)."""
    return related.attach(movements, *MOVEMENT_PLACES)


def prisoner_movements(*, user: Any, prisoner: Prisoner, limit: int = 200) -> list[Movement]:
    return movement_page(movement_list(user=user).filter(prisoner=prisoner)[:limit])


def roll_facilities(user: Any) -> QuerySet[Facility]:
    """Facilities whose roll the user keeps: their officers and supervisors."""
    if not user.is_authenticated:
        return Facility.objects.none()
    return Facility.objects.filter(pk__in=security_facility_ids(user)).order_by("name")


def roll_facility_get(*, user: Any, pk: Any) -> Facility:
    facility: Facility = get_visible(roll_facilities(user), pk)
    return facility


def roll_unit_get(*, user: Any, pk: Any) -> Unit:
    """A unit of a facility whose roll the user keeps (404 otherwise)."""
    unit: Unit = get_visible(
        Unit.objects.filter(facility__in=roll_facilities(user)).select_related("facility"), pk
    )
    return unit


def is_facility_staff(user: Any, facility_id: int) -> bool:
    """Whether the user is an officer or supervisor of the facility (records there)."""
    return roll_facilities(user).filter(pk=facility_id).exists()


def _last_out() -> QuerySet[Movement]:
    return Movement.objects.filter(prisoner=OuterRef("pk"), kind__in=[k.value for k in OUT_KINDS]).order_by(
        "-occurred_at", "-id"
    )


#: Figures other apps add to a facility's roll (in their ``AppConfig.ready()``): each a
#: callable(facility) -> (label, number), e.g. the children living there with their mothers.
ROLL_FIGURES: list[Callable[[Facility], tuple[Any, int]]] = []


def roll(*, user: Any, facility: Facility) -> dict[str, Any]:
    """The live roll of a facility: per unit the places, who is in and who is out,
    and the list of those out of the facility with where and since when. Four queries
    whatever the population."""
    units = list(Unit.objects.filter(facility=facility, is_active=True).order_by("code"))
    capacity = dict(
        Cell.objects.filter(unit__facility=facility, is_active=True)
        .values_list("unit")
        .annotate(total=Sum("capacity"))
        .values_list("unit", "total")
    )
    counts: defaultdict[int | None, defaultdict[str, int]] = defaultdict(lambda: defaultdict(int))
    for unit_id, status, n in (
        Prisoner.objects.filter(
            facility=facility, custody_status__in=[CustodyStatus.IN_CUSTODY, CustodyStatus.TEMPORARILY_OUT]
        )
        .values_list("unit", "custody_status")
        .annotate(n=Count("pk"))
    ):
        counts[unit_id][status] = n
    rows: list[dict[str, Any]] = []
    for unit in units:
        present = counts[unit.pk][CustodyStatus.IN_CUSTODY]
        out = counts[unit.pk][CustodyStatus.TEMPORARILY_OUT]
        places = capacity.get(unit.pk, 0)
        rows.append({"unit": unit, "capacity": places, "present": present, "out": out, "held": present + out})
    unplaced = counts[None]
    if unplaced:
        rows.append(
            {
                "unit": None,
                "capacity": 0,
                "present": unplaced[CustodyStatus.IN_CUSTODY],
                "out": unplaced[CustodyStatus.TEMPORARILY_OUT],
                "held": sum(unplaced.values()),
            }
        )
    out_list = list(
        Prisoner.objects.restrict(user)
        .filter(facility=facility, custody_status=CustodyStatus.TEMPORARILY_OUT)
        .select_related("unit", "cell")
        .annotate(
            out_kind=Subquery(_last_out().values("kind")[:1]),
            out_place=Subquery(_last_out().values("external_place")[:1]),
            out_since=Subquery(_last_out().values("occurred_at")[:1]),
        )
        .order_by("out_since", "family_name")
    )
    totals = {key: sum(r[key] for r in rows) for key in ("capacity", "present", "out", "held")}
    figures = [figure(facility) for figure in ROLL_FIGURES]
    return {"rows": rows, "out": out_list, "totals": totals, "figures": figures}


def unit_roll(*, user: Any, unit: Unit) -> list[dict[str, Any]]:
    """Cells of a unit with their places and the people in each (two queries)."""
    cells = list(Cell.objects.filter(unit=unit, is_active=True).order_by("number"))
    people: defaultdict[int | None, list[Prisoner]] = defaultdict(list)
    for p in (
        Prisoner.objects.restrict(user)
        .filter(unit=unit, custody_status__in=[CustodyStatus.IN_CUSTODY, CustodyStatus.TEMPORARILY_OUT])
        .order_by("family_name", "given_name")
    ):
        people[p.cell_id].append(p)
    return [{"cell": c, "people": people[c.pk], "free": c.capacity - len(people[c.pk])} for c in cells]


FIND_RELATED = ("facility", "prisoner", "search", "recorded_by")
INCIDENT_RELATED = ("facility", "reported_by", "reviewed_by")


def search_rows(queryset: QuerySet[Search]) -> QuerySet[Search]:
    """Searches as the log shows them (a restricted queryset in, the same rows out)."""
    return (
        queryset.select_related("facility", "cell__unit", "prisoner", "recorded_by")
        .annotate(find_count=Count("finds"))
        .order_by("-searched_at", "-id")
    )


def search_list(*, user: Any) -> QuerySet[Search]:
    return search_rows(Search.objects.restrict(user))


def find_list(*, user: Any) -> QuerySet[Find]:
    return Find.objects.restrict(user).select_related(*FIND_RELATED)


def prisoner_finds(*, user: Any, prisoner: Prisoner) -> list[Find]:
    return list(find_list(user=user).filter(prisoner=prisoner)[:100])


def incident_list(*, user: Any) -> QuerySet[Incident]:
    return Incident.objects.restrict(user).select_related(*INCIDENT_RELATED)


def prisoner_incidents(*, user: Any, prisoner: Prisoner) -> list[Incident]:
    return list(incident_list(user=user).filter(people__prisoner=prisoner).distinct()[:100])
