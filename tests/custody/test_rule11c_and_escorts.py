"""Rule 11(c) civil detainees at every movement, an unknown date of birth, and keep-apart on
every escort (court, hospital, temporary release)."""

import pytest
from django.core.exceptions import ValidationError

from casemgmt import services as casemgmt_services
from casemgmt.models import Prisoner
from classification import services as classification_services
from custody import services
from custody.models import Movement

pytestmark = pytest.mark.django_db


def _man_in(demo, unit_code, facility="A"):
    return next(p for p in demo.prisoners[facility] if p.unit.code == unit_code)


def _civil(demo):
    """A man of M2 whose legal status is civil (set in the data, as a wrong order would)."""
    man = _man_in(demo, "M2")
    Prisoner.objects.filter(pk=man.pk).update(legal_status="civil")
    man.refresh_from_db()
    return man


def test_a_civil_detainee_is_refused_in_a_criminal_unit_at_every_placing_movement(demo):
    supervisor = demo.users["supervisor.a"]
    man = _civil(demo)
    m1 = demo.facilities["A"].units.get(code="M1")
    g1 = demo.facilities["B"].units.get(code="G1")
    # A cell move (even by a supervisor with an override) and a transfer: never overridable.
    for kind, facility, unit in (
        ("cell_move", man.facility, man.unit),
        ("cell_move", man.facility, m1),
        ("transfer", demo.facilities["B"], g1),
    ):
        with pytest.raises(ValidationError) as exc:
            services.movement_record(
                actor=supervisor,
                prisoner=man,
                kind=kind,
                facility=facility,
                unit=unit,
                cell=unit.cells.first(),
                reason="move",
                override_reason="I accept",
            )
        assert "civil_apart" in str(exc.value.error_dict) or "criminal" in str(exc.value)
    # At admission too: a released civil detainee re-admitted into a convicted unit.
    services.movement_record(
        actor=supervisor, prisoner=man, kind="release", reason="sentence served", property_signed=True
    )
    man.refresh_from_db()
    with pytest.raises(ValidationError):
        casemgmt_services.prisoner_readmit(
            actor=supervisor,
            prisoner=man,
            facility=man.facility,
            unit=man.facility.units.get(code="M2"),
            cell=None,
            legal_status="civil",
            reason="re-admission",
        )
    # A civil unit takes the civil detainee and refuses a convicted man.
    civil_unit = casemgmt_services.unit_create(
        actor=supervisor,
        facility=demo.facilities["A"],
        code="C1",
        name="Civil",
        sex="male",
        legal_category="civil",
    )
    cell = casemgmt_services.cell_create(actor=supervisor, unit=civil_unit, number="01", capacity=2)
    casemgmt_services.prisoner_readmit(
        actor=supervisor,
        prisoner=man,
        facility=man.facility,
        unit=civil_unit,
        cell=cell,
        legal_status="civil",
        reason="re-admission",
    )
    convicted = _man_in(demo, "M1")  # untried, not civil
    with pytest.raises(ValidationError) as exc:
        services.movement_record(
            actor=supervisor,
            prisoner=convicted,
            kind="cell_move",
            facility=convicted.facility,
            unit=civil_unit,
            cell=cell,
            reason="move",
            override_reason="I accept",
        )
    assert "civil" in str(exc.value)


def test_a_civil_detainee_keeps_the_unit_on_a_trip_out_and_back(demo):
    """Court, hospital and temporary release keep the place: the civil unit is not left."""
    supervisor = demo.users["supervisor.a"]
    man = _man_in(demo, "M1")
    civil_unit = casemgmt_services.unit_create(
        actor=supervisor,
        facility=demo.facilities["A"],
        code="C1",
        name="Civil",
        sex="male",
        legal_category="civil",
    )
    cell = casemgmt_services.cell_create(actor=supervisor, unit=civil_unit, number="01", capacity=2)
    Prisoner.objects.filter(pk=man.pk).update(legal_status="civil")
    man.refresh_from_db()
    services.movement_record(
        actor=supervisor,
        prisoner=man,
        kind="cell_move",
        facility=man.facility,
        unit=civil_unit,
        cell=cell,
        reason="civil detainee",
    )
    for kind in ("court", "hospital", "temp_release"):
        services.movement_record(
            actor=supervisor, prisoner=man, kind=kind, external_place="Somewhere", reason="trip"
        )
        services.movement_record(actor=supervisor, prisoner=man, kind="return", reason="back")
    man.refresh_from_db()
    assert man.unit == civil_unit


def test_an_unknown_date_of_birth_is_a_conflict_a_supervisor_confirms(demo):
    officer, supervisor = demo.users["officer.a"], demo.users["supervisor.a"]
    man = _man_in(demo, "M1")
    Prisoner.objects.filter(pk=man.pk).update(date_of_birth=None)
    man.refresh_from_db()
    other_cell = man.unit.cells.exclude(pk=man.cell_id).first()
    conflicts = services.movement_check(
        prisoner=man, kind="cell_move", facility=man.facility, unit=man.unit, cell=other_cell
    )
    assert "age_unknown" in [c.code for c in conflicts]
    with pytest.raises(ValidationError):
        services.movement_record(
            actor=officer,
            prisoner=man,
            kind="cell_move",
            facility=man.facility,
            unit=man.unit,
            cell=other_cell,
            reason="move",
        )
    with pytest.raises(ValidationError):  # an officer cannot override
        services.movement_record(
            actor=officer,
            prisoner=man,
            kind="cell_move",
            facility=man.facility,
            unit=man.unit,
            cell=other_cell,
            reason="move",
            override_reason="looks adult",
        )
    moved = services.movement_record(
        actor=supervisor,
        prisoner=man,
        kind="cell_move",
        facility=man.facility,
        unit=man.unit,
        cell=other_cell,
        reason="move",
        override_reason="estimated 30, documents requested",
    )
    assert [c["code"] for c in moved.conflicts] == ["age_unknown"]


@pytest.fixture
def pair(demo):
    first, second = _man_in(demo, "M1"), _man_in(demo, "M2")
    classification_services.keep_apart_add(
        actor=demo.users["supervisor.a"], prisoner=first, other=second, scope="cell", reason="co-accused"
    )
    return first, second


@pytest.mark.parametrize("kind", ["court", "hospital", "temp_release"])
def test_a_keep_apart_pair_on_one_escort_is_refused_without_an_override(demo, pair, kind):
    officer, supervisor = demo.users["officer.a"], demo.users["supervisor.a"]
    first, second = pair
    services.movement_record(
        actor=officer, prisoner=first, kind=kind, external_place="Суди ноҳияи Сино", reason="hearing"
    )
    # The same place, spelt with other spaces and case: the same escort and holding.
    conflicts = services.movement_check(
        prisoner=second,
        kind=kind,
        facility=None,
        unit=None,
        cell=None,
        external_place="  суди ноҳияи  Сино ",
    )
    assert [c.code for c in conflicts] == ["keep_apart_escort"]
    assert conflicts[0].other == first.prison_number
    with pytest.raises(ValidationError) as exc:
        services.movement_record(
            actor=officer, prisoner=second, kind=kind, external_place="суди ноҳияи Сино", reason="hearing"
        )
    assert "override_reason" in exc.value.error_dict
    with pytest.raises(ValidationError):  # an officer cannot override
        services.movement_record(
            actor=officer,
            prisoner=second,
            kind=kind,
            external_place="суди ноҳияи Сино",
            reason="hearing",
            override_reason="separate vans",
        )
    moved = services.movement_record(
        actor=supervisor,
        prisoner=second,
        kind=kind,
        external_place="суди ноҳияи Сино",
        reason="hearing",
        override_reason="separate vans and holding cells arranged",
    )
    assert moved.override_by == supervisor
    assert [c["code"] for c in moved.conflicts] == ["keep_apart_escort"]
    # Another place, or once the first is back, no conflict.
    services.movement_record(actor=officer, prisoner=second, kind="return", reason="back")
    services.movement_record(actor=officer, prisoner=first, kind="return", reason="back")
    assert not services.movement_check(
        prisoner=second, kind=kind, facility=None, unit=None, cell=None, external_place="суди ноҳияи Сино"
    )
    assert Movement.objects.filter(prisoner=second, kind=kind).count() == 1


def test_the_escort_check_through_the_api(demo, pair, api):
    first, second = pair
    officer = api(demo.users["officer.a"])
    body = {"prisoner": first.pk, "kind": "court", "external_place": "Court 1", "reason": "hearing"}
    assert officer.post("/api/v1/movements/", body, format="json").status_code == 201
    body["prisoner"] = second.pk
    check = officer.post("/api/v1/movements/check/", body, format="json")
    assert check.status_code == 200
    assert [c["code"] for c in check.json()] == ["keep_apart_escort"]
    assert officer.post("/api/v1/movements/", body, format="json").status_code == 400
