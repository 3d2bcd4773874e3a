"""Movements: the placement check at every move, overrides, transfers, release, the roll."""

from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.utils import DatabaseError
from django.urls import reverse

from casemgmt import services as casemgmt_services
from casemgmt.models import Cell, Prisoner
from classification import services as classification_services
from core.models import AuditEvent
from custody import selectors, services
from custody.models import Movement

pytestmark = pytest.mark.django_db


def _man_in(demo, unit_code, facility="A"):
    return next(p for p in demo.prisoners[facility] if p.unit.code == unit_code)


def _move_next_to(demo, actor, prisoner, other, **extra):
    return services.movement_record(
        actor=actor,
        prisoner=prisoner,
        kind="cell_move",
        facility=other.facility,
        unit=other.unit,
        cell=other.cell,
        reason="cell repairs",
        **extra,
    )


@pytest.fixture
def pair(demo):
    """Two remand men of unit M1 in different cells with a keep-apart link (same cell)."""
    first = _man_in(demo, "M1")
    cells = list(first.unit.cells.exclude(pk=first.cell_id))
    second = next(p for p in demo.prisoners["A"] if p.unit.code == "R")
    # Put a second man into M1 (another cell) with the supervisor's plain move.
    services.movement_record(
        actor=demo.users["supervisor.a"],
        prisoner=second,
        kind="cell_move",
        facility=second.facility,
        unit=first.unit,
        cell=cells[0],
        reason="allocation after reception",
    )
    second.refresh_from_db()
    classification_services.keep_apart_add(
        actor=demo.users["supervisor.a"], prisoner=first, other=second, scope="cell", reason="co-accused"
    )
    return first, second


def test_keep_apart_blocks_a_cell_move_and_a_supervisor_overrides_it(demo, pair):
    first, second = pair
    officer, supervisor = demo.users["officer.a"], demo.users["supervisor.a"]
    conflicts = services.movement_check(
        prisoner=second, kind="cell_move", facility=first.facility, unit=first.unit, cell=first.cell
    )
    assert [c.kind for c in conflicts] == ["keep_apart"] and conflicts[0].other == first.prison_number
    with pytest.raises(ValidationError) as error:
        _move_next_to(demo, officer, second, first)
    assert "override_reason" in error.value.message_dict
    # An officer cannot override, even with a reason.
    with pytest.raises(ValidationError):
        _move_next_to(demo, officer, second, first, override_reason="no other cell")
    second.refresh_from_db()
    assert second.cell_id != first.cell_id  # nothing half-saved
    movement = _move_next_to(demo, supervisor, second, first, override_reason="flooding: only dry cell")
    second.refresh_from_db()
    assert second.cell_id == first.cell_id
    assert movement.override_by == supervisor and movement.conflicts[0]["kind"] == "keep_apart"
    event = AuditEvent.objects.get(object_type="custody.movement", object_id=str(movement.pk))
    assert event.action == "transfer" and event.actor == supervisor
    assert event.after["override_reason"] == "flooding: only dry cell"


def test_a_woman_cannot_be_moved_into_a_mens_unit_even_with_an_override(demo):
    woman = next(p for p in demo.prisoners["A"] if p.sex == "female")
    mens = demo.facilities["A"].units.get(code="M1")
    with pytest.raises(ValidationError) as error:
        services.movement_record(
            actor=demo.users["supervisor.a"],
            prisoner=woman,
            kind="cell_move",
            facility=woman.facility,
            unit=mens,
            cell=mens.cells.first(),
            reason="test",
            override_reason="I insist",
        )
    assert "unit" in error.value.message_dict
    conflicts = services.movement_check(
        prisoner=woman, kind="cell_move", facility=woman.facility, unit=mens, cell=mens.cells.first()
    )
    assert any(c.kind == "rule11" and not c.overridable for c in conflicts)
    assert not Movement.objects.filter(prisoner=woman, kind="cell_move").exists()


def test_a_full_cell_is_a_conflict(demo):
    prisoner = _man_in(demo, "M1")
    target = prisoner.unit.cells.exclude(pk=prisoner.cell_id).first()
    fill = target.capacity - Prisoner.objects.filter(cell=target).count()
    template = _man_in(demo, "M1")

    for i in range(fill):
        casemgmt_services.prisoner_admit(
            actor=None,
            family_name=f"Пур{i}",
            given_name="Умед",
            sex="male",
            legal_status="remand",
            date_of_birth=template.date_of_birth,
            facility=target.unit.facility,
            unit=target.unit,
            cell=target,
        )
    conflicts = services.movement_check(
        prisoner=prisoner, kind="cell_move", facility=prisoner.facility, unit=target.unit, cell=target
    )
    assert [c.kind for c in conflicts] == ["capacity"]


def test_a_transfer_moves_access_from_the_old_facility_to_the_new(demo):
    prisoner = next(p for p in demo.prisoners["A"] if p.sex == "male" and p.legal_status != "remand")
    unit = demo.facilities["B"].units.get(code="G1")
    api = __import__("rest_framework.test", fromlist=["APIClient"]).APIClient()
    api.force_authenticate(demo.users["officer.a"])
    response = api.post(
        "/api/v1/movements/",
        {
            "prisoner": prisoner.pk,
            "kind": "transfer",
            "facility": demo.facilities["B"].pk,
            "cell": unit.cells.first().pk,
            "reason": "order 12/2026",
            "authorised_by": "Head of the service",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert not Prisoner.objects.restrict(demo.users["officer.a"]).filter(pk=prisoner.pk).exists()
    assert Prisoner.objects.restrict(demo.users["officer.b"]).filter(pk=prisoner.pk).exists()
    # The officers of B now see the history, those of A no longer do.
    assert selectors.movement_list(user=demo.users["officer.b"]).filter(prisoner=prisoner).count() == 2
    assert not selectors.movement_list(user=demo.users["officer.a"]).filter(prisoner=prisoner).exists()


def test_out_and_back_and_release_close_the_admission_and_return_property(demo):
    prisoner = _man_in(demo, "M1")
    officer = demo.users["officer.a"]
    services.movement_record(
        actor=officer, prisoner=prisoner, kind="court", external_place="Суди ш. Душанбе", reason="hearing"
    )
    prisoner.refresh_from_db()
    assert prisoner.custody_status == "temporarily_out" and prisoner.cell_id is not None
    roll = selectors.roll(user=officer, facility=prisoner.facility)
    assert [p.pk for p in roll["out"]] == [prisoner.pk] and roll["out"][0].out_place == "Суди ш. Душанбе"
    with pytest.raises(ValidationError):  # cannot go to hospital while at court
        services.movement_record(
            actor=officer, prisoner=prisoner, kind="hospital", external_place="x", reason="x"
        )
    services.movement_record(actor=officer, prisoner=prisoner, kind="return", reason="back from court")
    from intake.models import Admission, PropertyItem

    admission = Admission.objects.create(
        facility=prisoner.facility,
        status="completed",
        prisoner=prisoner,
        created_by=officer,
        admitted_at=prisoner.created_at,
    )
    PropertyItem.objects.create(
        admission=admission, prisoner=prisoner, recorded_by=officer, description="Watch"
    )
    with pytest.raises(ValidationError) as error:
        services.movement_record(actor=officer, prisoner=prisoner, kind="release", reason="acquitted")
    assert "property_signed" in error.value.message_dict
    release = services.movement_record(
        actor=officer, prisoner=prisoner, kind="release", reason="acquitted", property_signed=True
    )
    prisoner.refresh_from_db()
    admission.refresh_from_db()
    assert prisoner.custody_status == "released" and prisoner.cell_id is None
    assert admission.released_at == release.occurred_at
    assert PropertyItem.objects.get(prisoner=prisoner).returned_at == release.occurred_at


def test_movements_are_append_only(demo):
    movement = Movement.objects.first()
    with pytest.raises(DatabaseError), connection.cursor() as cursor:
        cursor.execute("UPDATE custody_movement SET reason = 'x' WHERE id = %s", [movement.pk])


def _replay(movements):
    """Where each person is, computed from the movements alone."""
    where = {}
    for m in sorted(movements, key=lambda m: (m.occurred_at, m.pk)):
        if m.kind == "release":
            where.pop(m.prisoner_id, None)
        elif m.kind in ("admission", "cell_move", "transfer"):
            where[m.prisoner_id] = (m.to_facility_id, m.to_unit_id, "in")
        elif m.kind in ("court", "hospital", "temp_release"):
            where[m.prisoner_id] = (*where[m.prisoner_id][:2], "out")
        elif m.kind == "return":
            where[m.prisoner_id] = (*where[m.prisoner_id][:2], "in")
    return where


def test_roll_counts_equal_the_movements(demo, pair):
    officer = demo.users["officer.a"]
    first, second = pair
    services.movement_record(
        actor=officer, prisoner=first, kind="hospital", external_place="Шифохона", reason="x"
    )
    services.movement_record(actor=officer, prisoner=second, kind="release", reason="bail")
    facility = demo.facilities["A"]
    where = _replay(Movement.objects.all())
    expected = Counter((unit, state) for fac, unit, state in where.values() if fac == facility.pk)
    roll = selectors.roll(user=officer, facility=facility)
    for row in roll["rows"]:
        assert row["present"] == expected[(row["unit"].pk, "in")]
        assert row["out"] == expected[(row["unit"].pk, "out")]
    assert roll["totals"]["held"] == sum(expected.values())


def test_who_sees_movements(demo, login, api):
    prisoner = demo.prisoners["A"][0]  # on the case manager's caseload
    url = reverse("prisoner-tab", args=[prisoner.pk, "movements"])
    for name in ("officer.a", "supervisor.a", "casemanager.a"):
        assert login(demo.users[name]).get(url).status_code == 200, name
    # The case manager reads, but the form is only for those who record.
    page = login(demo.users["casemanager.a"]).get(url).content.decode()
    assert "Admission" in page and "Record the movement" not in page
    assert login(demo.users["programme.a"]).get(url).status_code == 404
    assert login(demo.users["officer.b"]).get(url).status_code == 404
    assert api(demo.users["programme.a"]).get("/api/v1/movements/").json()["count"] == 0
    assert api(demo.users["casemanager.a"]).get("/api/v1/movements/").json()["count"] == len(
        demo.prisoners["A"][:15]
    )
    assert login(demo.users["programme.a"]).get(reverse("custody:roll-index")).status_code == 404
    response = login(demo.users["officer.a"]).get(reverse("custody:roll", args=[demo.facilities["B"].pk]))
    assert response.status_code == 404


def test_the_move_form_lists_conflicts_and_records(demo, pair, login):
    first, second = pair
    client = login(demo.users["officer.a"])
    data = {"kind": "cell_move", "facility": first.facility_id, "cell": first.cell_id, "reason": "repairs"}
    check = client.post(reverse("custody:move-check", args=[second.pk]), data, HTTP_HX_REQUEST="true")
    assert "Keep apart from" in check.content.decode()
    refused = client.post(reverse("custody:move", args=[second.pk]), data, HTTP_HX_REQUEST="true")
    assert "a supervisor must override" in refused.content.decode()
    other = first.unit.cells.exclude(pk__in=[first.cell_id, second.cell_id]).first()
    done = client.post(
        reverse("custody:move", args=[second.pk]), {**data, "cell": other.pk}, HTTP_HX_REQUEST="true"
    )
    assert done.status_code == 204 and done["HX-Redirect"].endswith("/movements/")


# Navigation (session, user with its roles, unread), facility, units, capacities, counts, out list,
# the read event (one insert: the names on the out list).
ROLL_QUERIES = 10  # +1: the children living there (family app, ROLL_FIGURES)
# Navigation (3), count, page of movements, its places (facilities, units, cells: one query
# each, core.related.attach; the people who recorded them would be one more, none here),
# the read event.
MOVEMENT_LIST_QUERIES = 9


def test_roll_and_movement_list_are_flat(demo, login, count_queries):

    client = login(demo.users["officer.a"])
    facility = demo.facilities["A"]
    roll_url, list_url = reverse("custody:roll", args=[facility.pk]), reverse("custody:movements")

    def measure():
        with count_queries() as roll:
            assert client.get(roll_url).status_code == 200
        with count_queries() as listing:
            assert client.get(list_url).status_code == 200
        return roll.count, listing.count

    template = _man_in(demo, "M1")
    # One person out already, so the first roll names someone too (and writes its read event).
    services.movement_record(actor=None, prisoner=template, kind="court", external_place="Суд", reason="x")
    small = measure()
    # A full cell is refused at admission: give the template's cell room for twenty more.
    Cell.objects.filter(pk=template.cell_id).update(capacity=50)
    template.cell.refresh_from_db()
    for i in range(20):
        p = casemgmt_services.prisoner_admit(
            actor=None,
            family_name=f"Нуров{i}",
            given_name="Умед",
            sex="male",
            legal_status="remand",
            date_of_birth=template.date_of_birth,
            facility=facility,
            unit=template.unit,
            cell=template.cell,
        )
        if i % 4 == 0:
            services.movement_record(actor=None, prisoner=p, kind="court", external_place="Суд", reason="x")
    assert measure() == small == (ROLL_QUERIES, MOVEMENT_LIST_QUERIES)


def test_roll_pages_and_the_movement_filter(demo, login):
    client = login(demo.users["supervisor.a"])
    unit = demo.facilities["A"].units.get(code="M1")
    page = client.get(reverse("custody:unit-roll", args=[unit.pk])).content.decode()
    for prisoner in Prisoner.objects.filter(unit=unit):
        assert prisoner.prison_number in page
    assert client.get(reverse("custody:roll-index")).status_code == 302  # one facility: straight to it
    listing = client.get(reverse("custody:movements"), {"kind": "court"})
    assert listing.status_code == 200 and list(listing.context["movements"]) == []
    assert login(demo.users["officer.b"]).get(reverse("custody:unit-roll", args=[unit.pk])).status_code == 404


def test_a_reason_the_system_wrote_reads_in_the_readers_language(demo):
    """prisoner_create writes the admission movement's reason as a code; the page shows it
    translated, never the English code."""
    from django.utils import translation

    movement = Movement.objects.filter(kind="admission", reason="admission").first()
    assert movement is not None
    with translation.override("ru"):
        assert movement.reason_text == "Приём"
    assert movement.reason_text == "Admission"


def test_recorded_conflicts_read_in_the_readers_language(demo, pair, login):
    """A movement keeps its conflicts as codes and values: the supervisor who overrode them
    in Russian and a reader in Tajik or English each read them in their own language."""
    from django.utils import translation

    first, second = pair
    supervisor = demo.users["supervisor.a"]
    with translation.override("ru"):
        movement = _move_next_to(demo, supervisor, second, first, override_reason="затопление")
    stored = movement.conflicts[0]
    assert stored["code"] == "keep_apart" and stored["params"]["scope"] == "cell"
    assert stored["message"].startswith("Раздельно с")  # as the supervisor read it
    client = login(supervisor)
    url = reverse("prisoner-tab", args=[second.pk, "movements"])
    for language, expected in (
        ("en", f"Keep apart from {first.prison_number} (not in the same cell): co-accused"),
        ("tg", f"Алоҳида аз {first.prison_number} (дар камераҳои алоҳида): co-accused"),
    ):
        client.cookies.load({"django_language": language})
        page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert expected in page
    with translation.override("tg"):
        from custody.placement import recorded_text

        tajik = recorded_text(stored)
    assert tajik != stored["message"] and first.prison_number in tajik
    # A conflict stored before the codes reads as it was written.
    assert recorded_text({"kind": "capacity", "message": "Камера 4 заполнена"}) == "Камера 4 заполнена"


def test_the_move_form_asks_only_what_the_kind_needs(demo, login):
    """Property questions for a release only; a place outside for trips out and release; a
    cell for moves inside and transfers. A change of kind redraws the form (htmx check)."""
    prisoner = demo.prisoners["A"][0]
    client = login(demo.users["supervisor.a"])
    tab = client.get(reverse("prisoner-tab", args=[prisoner.pk, "movements"])).content.decode()
    assert 'name="cell"' in tab and 'name="property_signed"' not in tab  # the first kind: cell move
    assert 'name="override_reason"' in tab  # a supervisor may override
    check = reverse("custody:move-check", args=[prisoner.pk])

    def fields(kind):
        html = client.post(check, {"kind": kind}, HTTP_HX_REQUEST="true").content.decode()
        names = ("cell", "facility", "external_place", "property_signed", "property_note", "override_reason")
        return {name for name in names if f'name="{name}"' in html}

    # a supervisor may proceed past the release checks' warnings (custody.release_checks)
    assert fields("release") == {"external_place", "property_signed", "property_note", "override_reason"}
    release = client.post(check, {"kind": "release"}, HTTP_HX_REQUEST="true").content.decode()
    assert "No conflict with this placement" not in release  # a release places no one
    cell_move = client.post(check, {"kind": "cell_move"}, HTTP_HX_REQUEST="true").content.decode()
    assert "No conflict with this placement" in cell_move
    # A trip out is checked against keep-apart on the escort (issue 22): a supervisor may override.
    assert fields("court") == {"external_place", "override_reason"}
    assert fields("return") == set()
    assert fields("transfer") == {"facility", "cell", "override_reason"}
    officer = login(demo.users["officer.a"])
    html = officer.post(check, {"kind": "transfer"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'name="cell"' in html and 'name="override_reason"' not in html
