"""Incident reports: draft → submitted → reviewed, addenda keep the original text."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse

from classification.models import ReviewFlag
from custody import selectors, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(demo):
    officer = demo.users["officer.a"]
    report = services.incident_create(
        actor=officer,
        facility=demo.facilities["A"],
        kind="assault",
        location="exercise yard",
        description="One prisoner struck another.",
    )
    services.incident_person_add(
        actor=officer, incident=report, role="perpetrator", prisoner=demo.prisoners["A"][0]
    )
    services.incident_person_add(
        actor=officer, incident=report, role="victim", prisoner=demo.prisoners["A"][2]
    )
    services.incident_person_add(actor=officer, incident=report, role="responder", staff=officer)
    return report


def test_workflow_and_addenda(demo, incident):
    officer, supervisor = demo.users["officer.a"], demo.users["supervisor.a"]
    services.incident_update(
        actor=officer, incident=incident, description="One prisoner struck another twice."
    )
    services.incident_submit(actor=officer, incident=incident)
    with pytest.raises(ValidationError):  # a submitted report is not edited
        services.incident_update(actor=officer, incident=incident, description="changed")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE custody_incident SET description = 'x' WHERE id = %s", [incident.pk])
    incident.refresh_from_db()
    with pytest.raises(ValidationError):  # officers do not review
        services.incident_review(actor=officer, incident=incident, note="ok")
    services.incident_addendum_add(
        actor=officer, incident=incident, text="The victim was seen by the doctor."
    )
    services.incident_review(
        actor=supervisor, incident=incident, note="Disciplinary hearing", flag_for_review=True
    )
    incident.refresh_from_db()
    assert incident.status == "reviewed" and incident.description == "One prisoner struck another twice."
    flagged = set(ReviewFlag.objects.filter(trigger="incident").values_list("prisoner_id", flat=True))
    assert flagged == {demo.prisoners["A"][0].pk, demo.prisoners["A"][2].pk}
    services.incident_addendum_add(actor=supervisor, incident=incident, text="Hearing on Monday.")
    assert incident.addenda.count() == 2


def test_who_sees_incidents(demo, incident, login, api):
    case_manager, programme, officer_b = (
        demo.users["casemanager.a"],
        demo.users["programme.a"],
        demo.users["officer.b"],
    )
    assert not selectors.incident_list(user=case_manager).exists()  # a draft is the facility's
    services.incident_submit(actor=demo.users["officer.a"], incident=incident)
    assert list(selectors.incident_list(user=case_manager)) == [incident]  # her caseload is involved
    assert not selectors.incident_list(user=programme).exists()
    assert not selectors.incident_list(user=officer_b).exists()
    url = reverse("custody:incident", args=[incident.pk])
    assert login(officer_b).get(url).status_code == 404
    assert login(case_manager).get(url).status_code == 200
    assert login(case_manager).post(url, {"what": "addendum", "text": "x"}).status_code == 404
    assert api(programme).get(f"/api/v1/incidents/{incident.pk}/").status_code == 404
    page = login(case_manager).get(reverse("prisoner-tab", args=[demo.prisoners["A"][0].pk, "movements"]))
    assert "exercise yard" in page.content.decode()


def test_incident_through_the_browser_and_api(demo, login, api):
    client = login(demo.users["officer.a"])
    response = client.post(
        reverse("custody:incidents"),
        {
            "facility": demo.facilities["A"].pk,
            "kind": "self_harm",
            "location": "cell 3",
            "description": "cut",
        },
    )
    assert response.status_code == 302
    pk = int(response["Location"].rstrip("/").split("/")[-1])
    url = reverse("custody:incident", args=[pk])
    refused = client.post(url, {"what": "submit"}, follow=True)
    assert "Name at least one person involved" in refused.content.decode()
    number = demo.prisoners["A"][1].prison_number
    assert (
        client.post(url, {"what": "person", "role": "involved", "prison_number": number}).status_code == 302
    )
    assert client.post(url, {"what": "submit"}).status_code == 302
    supervisor = api(demo.users["supervisor.a"])
    reviewed = supervisor.post(f"/api/v1/incidents/{pk}/review/", {"note": "seen"}, format="json")
    assert reviewed.status_code == 200 and reviewed.json()["status"] == "reviewed"
    assert api(demo.users["officer.a"]).get("/api/v1/incidents/").json()["count"] == 1


def test_an_incident_is_on_the_timeline_of_those_involved_for_those_who_may_read_it(demo, incident, login):
    """The timeline shows the incident with the person's role, to whoever may read the
    incident: not the case manager while it is a draft (a draft is the facility's), then
    yes; never to the officers of another facility (they do not see the file either)."""
    perpetrator, victim, bystander = demo.prisoners["A"][0], demo.prisoners["A"][2], demo.prisoners["A"][1]

    def timeline(user, prisoner):
        response = login(user).get(reverse("casework:timeline", args=[prisoner.pk]))
        return response.content.decode() if response.status_code == 200 else None

    incident_url = reverse("custody:incident", args=[incident.pk])
    officer, case_manager = demo.users["officer.a"], demo.users["casemanager.a"]
    assert incident_url in timeline(officer, perpetrator)
    assert "Alleged perpetrator" in timeline(officer, perpetrator) and "Victim" in timeline(officer, victim)
    assert incident_url not in timeline(officer, bystander)
    assert incident_url not in timeline(case_manager, perpetrator)
    services.incident_submit(actor=officer, incident=incident)
    assert incident_url in timeline(case_manager, perpetrator)
    assert timeline(demo.users["officer.b"], perpetrator) is None


def test_the_timelines_shortcut_reads_what_restrict_reads(demo, incident):
    """restrict_for_readable_file (the timeline's reading, for a prisoner the user may
    read) keeps exactly what restrict() keeps of that prisoner's records, draft or not."""
    from core.grants import capabilities_of
    from custody.models import Find, Incident
    from custody.tabs import READ

    def compare():
        for user in demo.users.values():
            for prisoner in demo.prisoners["A"][:3]:
                if not set(READ) & capabilities_of(user, prisoner):
                    continue
                for model, link in ((Incident, "people__prisoner"), (Find, "prisoner")):
                    mine = model.objects.filter(**{link: prisoner})
                    expected = set(mine.restrict(user).values_list("pk", flat=True))
                    assert set(mine.restrict_for_readable_file(user).values_list("pk", flat=True)) == expected

    compare()  # a draft: the facility's staff only
    services.incident_submit(actor=demo.users["officer.a"], incident=incident)
    compare()
