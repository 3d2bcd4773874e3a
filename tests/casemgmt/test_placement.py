"""Rule 11 at the model's edge: a person is only placed in a unit of their category."""

import pytest
from django.core.exceptions import ValidationError

from casemgmt import services
from casemgmt.models import Prisoner
from custody import services as custody_services

pytestmark = pytest.mark.django_db


def test_a_woman_cannot_be_placed_in_a_mens_unit(demo):
    woman = next(p for p in demo.prisoners["A"] if p.sex == "female")
    mens = demo.facilities["A"].units.get(code="M1")
    with pytest.raises(ValidationError) as error:
        custody_services.prisoner_transfer(
            actor=demo.users["supervisor.a"],
            prisoner=woman,
            facility=demo.facilities["A"],
            unit=mens,
            cell=mens.cells.first(),
            reason="test",
        )
    assert "unit" in error.value.message_dict
    woman.refresh_from_db()
    assert woman.unit.sex == "female"  # nothing half-saved


def test_untried_cannot_be_placed_with_convicted(demo):
    remand = next(p for p in demo.prisoners["A"] if p.legal_status == "remand" and p.sex == "male")
    convicted_unit = demo.facilities["A"].units.get(code="M2")
    with pytest.raises(ValidationError):
        custody_services.prisoner_transfer(
            actor=None,
            prisoner=remand,
            facility=demo.facilities["A"],
            unit=convicted_unit,
            cell=convicted_unit.cells.first(),
            reason="test",
        )


def test_a_move_needs_a_reason(demo):
    prisoner = demo.prisoners["A"][0]
    with pytest.raises(ValidationError):
        custody_services.prisoner_transfer(
            actor=None,
            prisoner=prisoner,
            facility=prisoner.facility,
            unit=prisoner.unit,
            cell=prisoner.cell,
            reason="  ",
        )


def test_cell_must_be_in_the_unit(demo):
    prisoner = next(p for p in demo.prisoners["A"] if p.unit.code == "M1")
    other = demo.facilities["A"].units.get(code="R").cells.first()
    with pytest.raises(ValidationError):
        custody_services.prisoner_transfer(
            actor=None,
            prisoner=prisoner,
            facility=prisoner.facility,
            unit=prisoner.unit,
            cell=other,
            reason="test",
        )


def test_prison_numbers_are_unique_and_readable(demo):
    numbers = list(Prisoner.objects.values_list("prison_number", flat=True))
    assert len(numbers) == len(set(numbers))
    assert all(n.startswith("TJ-") and len(n.split("-")) == 3 for n in numbers)


def test_update_refuses_a_stale_version(demo):
    prisoner = demo.prisoners["A"][0]
    services.prisoner_update(
        actor=None, prisoner=prisoner, expected_version=prisoner.version, place_of_birth="Хуҷанд"
    )
    with pytest.raises(ValidationError) as error:
        services.prisoner_update(
            actor=None, prisoner=prisoner, expected_version=prisoner.version, place_of_birth="Бохтар"
        )
    assert error.value.code == "conflict"
