"""The pages and the API of deaths, injuries after admission and vulnerability decisions."""

import datetime as dt

import pytest
from django.utils import timezone

from casemgmt.models import Alert, Prisoner
from custody.models import Death, InjuryRecord, VulnerabilityDecision

pytestmark = pytest.mark.django_db


def _man_in(demo, unit_code, facility="A"):
    return next(p for p in demo.prisoners[facility] if p.unit.code == unit_code)


def test_the_death_page_records_and_completes_and_others_get_404(demo, login):
    man = _man_in(demo, "M1")
    url = f"/custody/prisoners/{man.pk}/death/"
    for user in ("officer.a", "casemanager.a", "programme.a", "officer.b"):
        assert login(demo.users[user]).get(url).status_code == 404
    supervisor = login(demo.users["supervisor.a"])
    assert supervisor.get(url).status_code == 200
    bad = supervisor.post(url, {"place": "", "circumstances": ""})
    assert bad.status_code == 400
    # A minute ahead (within the clock's tolerance): the demo's admission was seconds ago.
    now = (timezone.localtime() + dt.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M")
    done = supervisor.post(url, {"died_at": now, "place": "Cell 3", "circumstances": "Found at the count"})
    assert done.status_code == 302, done.content.decode()[:3000]
    man.refresh_from_db()
    assert man.custody_status == "deceased"
    tab = supervisor.get(f"/prisoners/{man.pk}/movements/").content.decode()
    assert "No referral for an independent investigation is recorded" in tab
    later = supervisor.post(
        url,
        {
            "investigation_referral": "Prosecutor, case 5/26",
            "investigation_referred_at": now,
            "authority_notified": "Prosecutor",
            "authority_notified_at": now,
        },
    )
    assert later.status_code == 302, later.content.decode()[:3000]
    death = Death.objects.get(prisoner=man)
    assert death.investigation_referral == "Prosecutor, case 5/26"
    # The officer's tab shows the death but no movement form.
    officer_tab = login(demo.users["officer.a"]).get(f"/prisoners/{man.pk}/movements/").content.decode()
    assert "Record a movement" not in officer_tab


def test_the_death_api(demo, api):
    man = _man_in(demo, "M1")
    body = {"prisoner": man.pk, "died_at": timezone.now().isoformat(), "place": "Cell", "circumstances": "x"}
    assert api(demo.users["officer.a"]).post("/api/v1/deaths/", body, format="json").status_code == 404
    supervisor = api(demo.users["supervisor.a"])
    created = supervisor.post("/api/v1/deaths/", body, format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert api(demo.users["officer.a"]).get(f"/api/v1/deaths/{pk}/").status_code == 200
    assert api(demo.users["programme.a"]).get(f"/api/v1/deaths/{pk}/").status_code == 404
    half = supervisor.post(f"/api/v1/deaths/{pk}/later/", {"body_handed_to": "Brother"}, format="json")
    assert half.status_code == 400
    full = supervisor.post(
        f"/api/v1/deaths/{pk}/later/",
        {"body_handed_to": "Brother", "body_handed_at": timezone.now().isoformat()},
        format="json",
    )
    assert full.status_code == 200 and full.json()["body_handed_to"] == "Brother"
    assert supervisor.post("/api/v1/deaths/", body, format="json").status_code == 400
    assert supervisor.delete(f"/api/v1/deaths/{pk}/").status_code == 405


def test_the_injury_page_and_api(demo, login, api):
    man = _man_in(demo, "M1")
    url = f"/custody/prisoners/{man.pk}/injuries/"
    assert login(demo.users["programme.a"]).get(url).status_code == 404
    officer = login(demo.users["officer.a"])
    assert officer.get(url).status_code == 200
    done = officer.post(
        url,
        {
            "occasion": "use_of_force",
            "recorder": "officer",
            "description": "Bruise",
            "ill_treatment_complaint": "on",
            "complaint_details": "Hit",
        },
    )
    assert done.status_code == 302
    assert Alert.objects.filter(object_type="custody.injuryrecord").count() == 1
    answer = api(demo.users["officer.a"]).post(
        "/api/v1/injury-records/",
        {"prisoner": man.pk, "occasion": "transfer_in", "recorder": "medical", "description": "Graze"},
        format="json",
    )
    assert answer.status_code == 201, answer.content
    assert InjuryRecord.objects.filter(prisoner=man).count() == 2
    assert api(demo.users["officer.b"]).get("/api/v1/injury-records/").json()["count"] == 0


def test_the_vulnerability_page_and_api(demo, login, api):
    man = _man_in(demo, "M1")
    url = f"/custody/prisoners/{man.pk}/vulnerability/"
    assert login(demo.users["officer.a"]).get(url).status_code == 404
    supervisor = login(demo.users["supervisor.a"])
    assert supervisor.get(url).status_code == 200
    assert supervisor.post(url, {"vulnerable": "1", "reason": ""}).status_code == 400
    assert supervisor.post(url, {"vulnerable": "1", "reason": "Threats"}).status_code == 302
    answer = api(demo.users["supervisor.a"]).post(
        "/api/v1/vulnerability/",
        {"prisoner": man.pk, "vulnerable": False, "reason": "Reviewed"},
        format="json",
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["placement_conflicts"] == []
    assert VulnerabilityDecision.objects.filter(prisoner=man).count() == 2
    assert Prisoner.objects.get(pk=man.pk).custody_status == "in_custody"
