"""The move form's hearing choice: a trip to court names one of the person's upcoming
hearings (the HTML form and the API), linked in the movement's transaction; another
person's hearing, a past one or one already linked is refused and nothing is saved."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from custody.forms import MoveForm
from custody.models import Movement
from legal import services
from legal.models import Hearing


def _hearings(demo, case):
    officer = demo.users["officer.a"]
    now = timezone.now()
    soon = services.hearing_create(
        actor=officer, case=case, scheduled_at=now + dt.timedelta(days=2), court="Суди ноҳияи Сино"
    )
    past = services.hearing_create(actor=officer, case=case, scheduled_at=now - dt.timedelta(days=3))
    other_prisoner = demo.prisoners["A"][1]
    other_case = services.case_create(
        actor=officer, prisoner=other_prisoner, case_number="2-7/2026", court="Суд"
    )
    foreign = services.hearing_create(actor=officer, case=other_case, scheduled_at=now + dt.timedelta(days=1))
    return soon, past, foreign


def test_the_move_form_offers_only_the_persons_upcoming_unlinked_hearings(demo, case):
    soon, past, foreign = _hearings(demo, case)
    form = MoveForm(data={"kind": "court"}, prisoner=case.prisoner)
    offered = [value for value, _label in form.fields["hearing"].choices]
    assert offered == ["", str(soon.pk)]
    assert "hearing" in [f.name for f in form.shown_fields]
    assert "hearing" not in [
        f.name for f in MoveForm(data={"kind": "hospital"}, prisoner=case.prisoner).shown_fields
    ]


def test_a_court_trip_from_the_form_names_its_hearing(demo, case, login):
    soon, _past, _foreign = _hearings(demo, case)
    client = login(demo.users["officer.a"])
    response = client.post(
        reverse("custody:move", args=[case.prisoner_id]),
        {"kind": "court", "external_place": "Суди Сино", "reason": "hearing", "hearing": soon.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    trip = Movement.objects.get(prisoner=case.prisoner, kind="court")
    soon.refresh_from_db()
    assert soon.movement_id == trip.pk
    from core.models import AuditEvent

    assert AuditEvent.objects.filter(
        object_type="legal.hearing", object_id=str(soon.pk), action="update"
    ).exists()


def test_another_persons_or_a_past_hearing_is_refused_and_nothing_is_saved(demo, case, login):
    soon, past, foreign = _hearings(demo, case)
    client = login(demo.users["officer.a"])
    for hearing in (foreign, past):
        response = client.post(
            reverse("custody:move", args=[case.prisoner_id]),
            {"kind": "court", "external_place": "Суди Сино", "reason": "hearing", "hearing": hearing.pk},
        )
        assert response.status_code == 400
    assert not Movement.objects.filter(prisoner=case.prisoner, kind="court").exists()
    assert not Hearing.objects.filter(movement__isnull=False).exists()


def test_the_api_records_a_court_trip_with_its_hearing(demo, case, api):
    soon, _past, foreign = _hearings(demo, case)
    client = api(demo.users["officer.a"])
    refused = client.post(
        "/api/v1/movements/",
        {
            "prisoner": case.prisoner_id,
            "kind": "court",
            "external_place": "Суд",
            "reason": "r",
            "hearing": foreign.pk,
        },
        format="json",
    )
    assert refused.status_code == 400 and "hearing" in refused.data
    assert not Movement.objects.filter(prisoner=case.prisoner, kind="court").exists()
    done = client.post(
        "/api/v1/movements/",
        {
            "prisoner": case.prisoner_id,
            "kind": "court",
            "external_place": "Суд",
            "reason": "r",
            "hearing": soon.pk,
        },
        format="json",
    )
    assert done.status_code == 201
    soon.refresh_from_db()
    assert soon.movement_id == done.data["id"]
    wrong_kind = client.post(
        "/api/v1/movements/",
        {"prisoner": case.prisoner_id, "kind": "return", "reason": "back", "hearing": soon.pk},
        format="json",
    )
    assert wrong_kind.status_code == 400
