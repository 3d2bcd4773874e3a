"""Issue 16 for programmes: the pages and the API note every participant they show, ids in
request bodies resolve through the restriction, the history tab keeps programme rows to
readers of programme records, free texts have a limit."""

import datetime as dt

import pytest
from django.urls import reverse

from core.models import AuditEvent, ReadEvent
from rehabilitation import services
from rehabilitation.models import Enrolment, Referral
from tests.rehabilitation.conftest import make_offering

pytestmark = pytest.mark.django_db


def latest_read(route):
    return ReadEvent.objects.filter(route=route).latest("id")


@pytest.fixture
def group(demo, offering, men):
    """Two participants and one pending referral, and a session with attendance."""
    cm, staff = demo.users["casemanager.a"], demo.users["programme.a"]
    for p in men[:3]:
        services.referral_create(actor=cm, prisoner=p, offering=offering, reason="Needs literacy")
    for referral in Referral.objects.filter(prisoner__in=men[:2]):
        services.referral_assess(actor=staff, referral=referral, suitable=True, note="")
    session = services.session_create(actor=staff, offering=offering, date=dt.date(2026, 12, 2))
    services.attendance_record(
        actor=staff,
        session=session,
        entries={e.pk: {"status": "attended"} for e in Enrolment.objects.filter(offering=offering)},
    )
    return session


def test_the_offering_and_attendance_pages_note_every_participant(demo, client, group, men):
    client.force_login(demo.users["programme.a"])
    page = client.get(reverse("rehabilitation:offering", args=[group.offering_id])).content.decode()
    assert all(p.prison_number in page for p in men[:3])
    assert set(latest_read("rehabilitation:offering").subjects) == {p.pk for p in men[:3]}
    page = client.get(reverse("rehabilitation:attendance", args=[group.pk])).content.decode()
    assert set(latest_read("rehabilitation:attendance").subjects) == {p.pk for p in men[:2]}
    # The catalogue page shows no participant and writes no read.
    count = ReadEvent.objects.count()
    assert client.get(reverse("rehabilitation:list")).status_code == 200
    assert ReadEvent.objects.count() == count


def test_the_api_notes_each_row_and_each_attendance(demo, api, group, men):
    staff = api(demo.users["programme.a"])
    detail = staff.get(f"/api/v1/sessions/{group.pk}/").json()
    assert len(detail["attendance"]) == 2
    assert set(latest_read("session-detail").subjects) == {p.pk for p in men[:2]}
    assert staff.get("/api/v1/enrolments/").json()["count"] == 2
    assert set(latest_read("enrolment-list").subjects) == {p.pk for p in men[:2]}
    assert staff.get("/api/v1/referrals/").json()["count"] == 3
    assert set(latest_read("referral-list").subjects) == {p.pk for p in men[:3]}
    assert api(demo.users["officer.a"]).get(f"/api/v1/sessions/{group.pk}/").status_code == 404
    assert api(demo.users["programme.a"]).get("/api/v1/programmes/").json()["count"] >= 1


def test_ids_in_request_bodies_resolve_through_the_restriction(demo, api, offering, men):
    cm = api(demo.users["casemanager.a"])
    foreign = demo.prisoners["B"][0]
    body = {"prisoner_id": foreign.pk, "offering": offering.pk, "reason": "r"}
    answer = cm.post("/api/v1/referrals/", body, format="json")
    assert answer.status_code == 404 and foreign.prison_number not in answer.content.decode()
    # An officer manages no case: the same answer for a prisoner of their own facility.
    body["prisoner_id"] = men[0].pk
    assert api(demo.users["officer.a"]).post("/api/v1/referrals/", body, format="json").status_code == 404
    created = cm.post("/api/v1/referrals/", body, format="json")
    assert created.status_code == 201 and created.json()["prisoner"]["id"] == men[0].pk
    assert latest_read("referral-list").subjects == [men[0].pk]  # the created row is a read too
    elsewhere = make_offering(demo)
    elsewhere.staff.clear()
    session = {"offering": elsewhere.pk, "date": "2026-12-03"}
    assert api(demo.users["programme.a"]).post("/api/v1/sessions/", session, format="json").status_code == 404
    session["offering"] = offering.pk
    assert api(demo.users["programme.a"]).post("/api/v1/sessions/", session, format="json").status_code == 201


def test_the_history_tab_keeps_programme_rows_to_their_readers(demo, client, group, men):
    types = set(AuditEvent.objects.filter(subject=men[0]).values_list("object_type", flat=True))
    assert "rehabilitation.referral" in types
    url = reverse("prisoner-tab", args=[men[0].pk, "history"])
    client.force_login(demo.users["officer.a"])
    assert "Needs literacy" not in client.get(url).content.decode()
    client.force_login(demo.users["casemanager.a"])
    assert "Needs literacy" in client.get(url).content.decode()


def test_free_texts_have_a_limit(demo, api, client, offering, men):
    cm = api(demo.users["casemanager.a"])
    body = {"prisoner_id": men[0].pk, "offering": offering.pk, "reason": "x" * 4001}
    answer = cm.post("/api/v1/referrals/", body, format="json")
    assert answer.status_code == 400 and "reason" in answer.json()
    client.force_login(demo.users["casemanager.a"])
    client.post(
        reverse("rehabilitation:refer", args=[men[0].pk]), {"offering": offering.pk, "reason": "x" * 4001}
    )
    assert not Referral.objects.exists()


def test_the_offering_page_acts_for_those_who_run_it(demo, client, offering, men):
    referral = services.referral_create(
        actor=demo.users["casemanager.a"], prisoner=men[0], offering=offering, reason="r"
    )
    url = reverse("rehabilitation:offering", args=[offering.pk])
    assess = {"what": "assess", "referral": referral.pk, "suitable": "1", "note": ""}
    client.force_login(demo.users["casemanager.a"])  # refers, does not run the offering
    assert client.post(url, assess).status_code == 404
    client.force_login(demo.users["programme.a"])
    assert client.post(url, assess).status_code == 302
    assert Referral.objects.get(pk=referral.pk).status == "enrolled"
    # Unknown actions find nothing (default deny); reads and runs keep their rules.
    staff = demo.users["programme.a"]
    assert not Referral.objects.restrict(staff, "approve_risk").exists()
    assert Referral.objects.restrict(staff, "view").count() == 1
    assert Referral.objects.restrict(staff, "run_offering").count() == 1
    assert not Referral.objects.restrict(staff, "manage_caseplan").exists()
