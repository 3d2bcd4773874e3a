"""Who sees what: confidential complaints (Rule 56(3)), the routed authorities, the API."""

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from complaints import services
from complaints.api.serializers import EXISTENCE_FIELDS
from complaints.models import Complaint
from core.models import ReadEvent

pytestmark = pytest.mark.django_db

SECRET = "The deputy governor takes our parcels."


@pytest.fixture
def confidential(make):
    return make(route="central", confidential=True, category="staff_conduct", words=SECRET)


def test_facility_staff_see_that_it_exists_and_its_deadline_never_its_content(demo, confidential, login, api):
    for name in ("officer.a", "supervisor.a"):
        user = demo.users[name]
        client = login(user)
        assert client.get(reverse("complaints:detail", args=[confidential.pk])).status_code == 404
        tab = client.get(
            reverse("prisoner-tab", args=[confidential.prisoner_id, "complaints"])
        ).content.decode()
        register = client.get(reverse("complaints:register")).content.decode()
        due = date_format(confidential.acknowledge_due, "SHORT_DATE_FORMAT")
        for body in (tab, register):
            assert "Confidential" in body and due in body
            assert SECRET not in body and "Its content is for the authority" in body
        rest = api(user)
        assert rest.get(f"/api/v1/complaints/{confidential.pk}/").status_code == 404
        rows = rest.get("/api/v1/complaints/").json()["results"]
        row = next(r for r in rows if r["id"] == confidential.pk)
        assert set(row) == set(EXISTENCE_FIELDS)
        assert row["next_deadline"] == confidential.acknowledge_due.isoformat()
        assert SECRET not in str(rows)
        # Filtering by category or route cannot reveal a confidential complaint's content.
        assert rest.get("/api/v1/complaints/", {"category": "staff_conduct"}).json()["results"] == []


def test_facility_staff_cannot_act_on_it(demo, confidential, api):
    rest = api(demo.users["supervisor.a"])
    assert rest.post(f"/api/v1/complaints/{confidential.pk}/acknowledge/").status_code == 404


def test_the_routed_authority_reads_and_answers_it_across_facilities(
    demo, confidential, make, authorities, login, api
):
    central, inspector = authorities["central"], authorities["inspector"]
    other = make(
        prisoner=demo.prisoners["B"][0], actor=demo.users["officer.b"], route="central", words="From colony 3"
    )
    director = make(words="For the director")
    client = login(central)
    page = client.get(reverse("complaints:detail", args=[confidential.pk]))
    assert page.status_code == 200 and SECRET in page.content.decode()
    assert confidential.prisoner_id in ReadEvent.objects.order_by("-id").first().subjects
    assert client.get(reverse("complaints:detail", args=[director.pk])).status_code == 404
    rest = api(central)
    ids = {r["id"] for r in rest.get("/api/v1/complaints/").json()["results"]}
    assert ids == {confidential.pk, other.pk}
    assert rest.post(f"/api/v1/complaints/{confidential.pk}/acknowledge/").status_code == 200
    answered = rest.post(
        f"/api/v1/complaints/{confidential.pk}/answer/", {"answer": "Investigated; parcels returned."}
    )
    assert answered.status_code == 200 and answered.json()["status"] == "answered"
    # The inspector sees nothing routed elsewhere; the central administration no file.
    assert api(inspector).get("/api/v1/complaints/").json()["results"] == []
    assert api(inspector).get(f"/api/v1/complaints/{confidential.pk}/").status_code == 404
    assert client.get(reverse("prisoner-detail", args=[confidential.prisoner_id])).status_code == 404


def test_programme_staff_and_case_managers_do_not_read_complaints(demo, make, api):
    c = make()
    for name in ("programme.a", "casemanager.a", "officer.b"):
        rest = api(demo.users[name])
        assert rest.get(f"/api/v1/complaints/{c.pk}/").status_code == 404, name
        assert c.pk not in {r["id"] for r in rest.get("/api/v1/complaints/").json()["results"]}


def test_api_create_and_workflow(demo, api):
    prisoner = demo.prisoners["A"][2]
    officer = api(demo.users["officer.a"])
    created = officer.post(
        "/api/v1/complaints/",
        {"prisoner": prisoner.pk, "category": "health", "words": "Toothache", "route": "director"},
        format="json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert officer.post(f"/api/v1/complaints/{pk}/acknowledge/").status_code == 404
    too_long = officer.post(
        "/api/v1/complaints/",
        {"prisoner": prisoner.pk, "category": "health", "words": "x" * 20001},
        format="json",
    )
    assert too_long.status_code == 400 and "words" in too_long.json()
    foreign = api(demo.users["officer.b"]).post(
        "/api/v1/complaints/", {"prisoner": prisoner.pk, "category": "health", "words": "x"}, format="json"
    )
    assert foreign.status_code == 404
    sup = api(demo.users["supervisor.a"])
    assert sup.post(f"/api/v1/complaints/{pk}/acknowledge/").status_code == 200
    refer = sup.post(f"/api/v1/complaints/{pk}/refer/", {"referred_to": "Ombudsman", "reference": "O-1"})
    assert refer.status_code == 400  # not answered yet
    assert sup.post(f"/api/v1/complaints/{pk}/answer/", {"answer": "Dentist on Tuesday"}).status_code == 200
    assert sup.post(f"/api/v1/complaints/{pk}/copy-given/").json()["copy_given_at"]
    assert sup.post(f"/api/v1/complaints/{pk}/close/").json()["status"] == "closed"
    assert ReadEvent.objects.filter(subjects__contains=[prisoner.pk]).exists()


def test_assigning_a_handler(demo, make, api, authorities):
    sup = demo.users["supervisor.a"]
    c = make(category="staff_conduct", about_staff=demo.users["officer.a"])
    rest = api(sup)
    refused = rest.post(f"/api/v1/complaints/{c.pk}/assign/", {"handler": demo.users["officer.a"].pk})
    assert refused.status_code == 400
    refused = rest.post(f"/api/v1/complaints/{c.pk}/assign/", {"handler": authorities["central"].pk})
    assert refused.status_code == 400  # may not handle a complaint to the director
    assert rest.post(f"/api/v1/complaints/{c.pk}/assign/", {"handler": sup.pk}).json()["handler"] == sup.pk


def test_a_confidential_allegation_still_alerts_and_reaches_its_authority(demo, make, authorities):
    c = make(route="inspection", confidential=True, category="ill_treatment", words="Beaten")
    assert c.referral_due
    visible = Complaint.objects.restrict(authorities["inspector"], "handle")
    assert list(visible) == [c]
    services.complaint_acknowledge(actor=authorities["inspector"], complaint=c)
