"""Issue 16 for risk and classification: each read is recorded once by the bases, the
history tab shows risk rows only to readers of the risk, free texts have a limit."""

import pytest
from django.urls import reverse

from casemgmt import history
from classification import services
from classification.models import Assessment
from core.models import AuditEvent, ReadEvent

pytestmark = pytest.mark.django_db


def latest_read(route):
    return ReadEvent.objects.filter(route=route).latest("id")


def test_the_assessment_page_and_api_write_one_read_event_each(demo, client, api, submitted):
    cm = demo.users["casemanager.a"]
    client.force_login(cm)
    before = ReadEvent.objects.count()
    assert client.get(reverse("classification:assessment", args=[submitted.pk])).status_code == 200
    assert ReadEvent.objects.count() == before + 1
    event = latest_read("classification:assessment")
    assert event.subjects == [submitted.prisoner_id] and event.actor == cm
    assert event.records["classification.assessment"] == [str(submitted.pk)]
    listed = api(cm).get("/api/v1/assessments/")
    assert listed.status_code == 200 and listed.json()["count"] == 1
    assert latest_read("assessment-list").subjects == [submitted.prisoner_id]
    api(cm).get(f"/api/v1/assessments/{submitted.pk}/")
    assert latest_read("assessment-detail").subjects == [submitted.prisoner_id]
    # A refused read (404) writes nothing.
    client.force_login(demo.users["officer.a"])
    count = ReadEvent.objects.count()
    assert client.get(reverse("classification:assessment", args=[submitted.pk])).status_code == 404
    assert ReadEvent.objects.count() == count


def test_a_keep_apart_link_names_the_other_person_in_the_read(demo, client, allocated):
    sup = demo.users["supervisor.a"]
    other = next(p for p in demo.prisoners["A"] if p.pk != allocated.pk)
    services.keep_apart_add(actor=sup, prisoner=allocated, other=other, scope="unit", reason="co-accused")
    client.force_login(sup)
    page = client.get(reverse("prisoner-tab", args=[allocated.pk, "risk"])).content.decode()
    assert other.prison_number in page
    assert set(latest_read("prisoner-tab").subjects) == {allocated.pk, other.pk}
    # The officer's header shows the constraint too (the number they must respect).
    client.force_login(demo.users["officer.a"])
    page = client.get(reverse("prisoner-detail", args=[allocated.pk])).content.decode()
    assert other.prison_number in page
    assert set(latest_read("prisoner-detail").subjects) == {allocated.pk, other.pk}


def test_the_history_tab_shows_risk_rows_to_readers_of_the_risk_only(demo, client, submitted):
    sup = demo.users["supervisor.a"]
    prisoner = submitted.prisoner
    other = next(p for p in demo.prisoners["A"] if p.pk != prisoner.pk)
    services.keep_apart_add(actor=sup, prisoner=prisoner, other=other, scope="unit", reason="Same cell gang")
    services.review_flag_request(actor=sup, prisoner=prisoner, trigger="incident")
    types = set(AuditEvent.objects.filter(subject=prisoner).values_list("object_type", flat=True))
    risk = {t for t in types if t.startswith("classification.")}
    assert {"classification.assessment", "classification.keepapart", "classification.reviewflag"} <= risk
    assert all(t in history.registered() for t in risk)
    url = reverse("prisoner-tab", args=[prisoner.pk, "history"])
    client.force_login(demo.users["officer.a"])
    page = client.get(url).content.decode()
    assert "Same cell gang" not in page and "Test instrument" not in page
    client.force_login(sup)
    page = client.get(url).content.decode()
    assert "Same cell gang" in page
    link_rows = AuditEvent.objects.filter(object_type="classification.keepapart", subject=prisoner)
    assert all(other.prison_number not in e.object_repr for e in link_rows)  # this file's link only
    assert set(latest_read("prisoner-tab").subjects) == {prisoner.pk, other.pk}  # the header names them


def test_the_catalogue_is_for_any_member_of_staff(demo, api, instrument):
    for user in (demo.users["officer.b"], demo.users["programme.a"], demo.users["admin"]):
        assert api(user).get("/api/v1/instruments/").json()["count"] >= 1
    assert api(None).get("/api/v1/instruments/").status_code in (401, 403)
    user = demo.users["officer.b"]
    user.is_active = False
    assert Assessment.objects.restrict(user, "view_risk").count() == 0
    from classification.models import Instrument

    assert Instrument.objects.restrict(user, "catalogue").count() == 0
    assert Instrument.objects.restrict(demo.users["officer.b"], "change").count() == 0  # no other action


def test_an_over_long_text_is_refused_with_a_message(demo, api, client, instrument, allocated):
    cm = demo.users["casemanager.a"]
    created = api(cm).post(
        "/api/v1/assessments/", {"prisoner": allocated.pk, "instrument": instrument.code}, format="json"
    )
    pk = created.json()["id"]
    answer = api(cm).patch(f"/api/v1/assessments/{pk}/", {"formulation": "x" * 20001}, format="json")
    assert answer.status_code == 400 and "formulation" in answer.json()
    client.force_login(cm)
    page = client.post(reverse("classification:assessment", args=[pk]), {"sources": "x" * 4001, "version": 1})
    assert page.status_code == 400
    assert not Assessment.objects.filter(pk=pk, sources__startswith="xxx").exists()


def test_an_id_in_a_request_body_resolves_through_the_restriction(demo, api, instrument):
    foreign = demo.prisoners["B"][0]
    answer = api(demo.users["casemanager.a"]).post(
        "/api/v1/assessments/", {"prisoner": foreign.pk, "instrument": instrument.code}, format="json"
    )
    assert answer.status_code == 404 and foreign.prison_number not in answer.content.decode()
    missing = api(demo.users["casemanager.a"]).post(
        "/api/v1/assessments/", {"prisoner": 10**9, "instrument": instrument.code}, format="json"
    )
    assert missing.status_code == 404
