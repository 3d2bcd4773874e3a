"""The API and the pages end to end; the read audit of every new page as the roles the
central matrix does not have (adjudicator, health); statistics and standards rows."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import ReadEvent
from discipline import services

pytestmark = pytest.mark.django_db

NUMBER = re.compile(r"TJ-\d{4}-\d{6}")


def test_the_whole_proceedings_through_the_api(demo, api, catalogue, staff, man):
    officer, adjudicator = api(demo.users["officer.a"]), api(staff["adjudicator"])
    when = (timezone.now() - dt.timedelta(hours=1)).isoformat()
    r = officer.post(
        "/api/v1/disciplinary-reports/",
        {
            "prisoner": man.pk,
            "offence": catalogue["serious"].pk,
            "occurred_at": when,
            "place": "Yard",
            "facts": "Hit another man.",
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    today = timezone.localdate().isoformat()
    r = officer.post(
        f"/api/v1/disciplinary-reports/{pk}/charge/",
        {"informed_on": today, "language": "tg", "prepare_until": today},
        format="json",
    )
    assert r.status_code == 200 and r.json()["status"] == "charged"
    r = officer.post(
        f"/api/v1/disciplinary-reports/{pk}/hear/", {"finding": "proved", "reasons": "x"}, format="json"
    )
    assert r.status_code == 404  # officers report, they do not hear
    r = adjudicator.post(
        f"/api/v1/disciplinary-reports/{pk}/hear/",
        {"finding": "proved", "reasons": "Two witnesses.", "account": "He hit me first."},
        format="json",
    )
    assert r.status_code == 200 and r.json()["finding"] == "proved"
    r = adjudicator.post(
        f"/api/v1/disciplinary-reports/{pk}/sanction/",
        {"sanctions": [{"kind": catalogue["food"].pk, "days": 2}]},
        format="json",
    )
    assert r.status_code == 400 and "Mandela Rule 43(1)(d)" in r.content.decode()
    r = adjudicator.post(
        f"/api/v1/disciplinary-reports/{pk}/sanction/",
        {"sanctions": [{"kind": catalogue["cell"].pk, "days": 3}]},
        format="json",
    )
    assert r.status_code == 200 and r.json()["sanctions"][0]["days"] == 3
    r = api(demo.users["supervisor.a"]).get("/api/v1/disciplinary-reports/statistics/")
    assert r.json()["serious_without_legal"] == 1 and r.json()["separations"] == 1
    sep = api(staff["health"]).get("/api/v1/separations/?current=1").json()["results"][0]
    r = api(staff["health"]).post(f"/api/v1/separations/{sep['id']}/visit/", {}, format="json")
    assert r.status_code == 200 and len(r.json()["health_visits"]) == 1
    assert api(staff["health"]).get(f"/api/v1/disciplinary-reports/{pk}/").status_code == 404


def test_bad_input_is_a_clear_400(demo, api, catalogue, man):
    r = api(demo.users["officer.a"]).post(
        "/api/v1/disciplinary-reports/",
        {
            "prisoner": man.pk,
            "offence": catalogue["offence"].pk,
            "occurred_at": (timezone.now() + dt.timedelta(days=3)).isoformat(),
            "place": "x" * 201,
            "facts": "y",
        },
        format="json",
    )
    assert r.status_code == 400 and "place" in r.json()


def test_pages_write_one_read_event_naming_every_prisoner_shown(demo, login, catalogue, staff, proved, man):
    r = proved()
    services.sanctions_impose(
        actor=demo.users["supervisor.a"], report=r, sanctions=[{"kind": catalogue["cell"], "days": 2}]
    )
    sep = man.separations.get()
    begun = timezone.now() - dt.timedelta(days=3)
    type(sep).objects.filter(pk=sep.pk).update(started_at=begun, counted_from=begun)
    urls = [
        reverse("discipline:register"),
        reverse("discipline:register") + "?without_legal=on",
        reverse("discipline:separations"),
        reverse("discipline:separations") + "?over=on",
        reverse("discipline:missed-visits"),
        reverse("discipline:statistics"),
        reverse("discipline:report", args=[r.pk]),
        reverse("discipline:separation", args=[sep.pk]),
        reverse("discipline:create", args=[man.pk]),
        reverse("discipline:separate", args=[man.pk]),
        reverse("prisoner-tab", args=[man.pk, "discipline"]),
        reverse("prisoner-tab", args=[man.pk, "timeline"]),
        "/api/v1/disciplinary-reports/",
        "/api/v1/separations/",
        f"/api/v1/separations/{sep.pk}/",
    ]
    for user in (
        demo.users["supervisor.a"],
        staff["adjudicator"],
        staff["health"],
        demo.users["casemanager.a"],
    ):
        client = login(user)
        for url in urls:
            before = ReadEvent.objects.count()
            response = client.get(url)
            if response.status_code != 200:
                continue
            shown = set(NUMBER.findall(response.content.decode()))
            events = ReadEvent.objects.order_by("pk")[before:]
            assert len(events) <= 1, url
            if shown:
                assert events, (user.username, url)
                from casemgmt.models import Prisoner

                noted = set(
                    Prisoner.objects.filter(pk__in=events[0].subjects).values_list("prison_number", flat=True)
                )
                assert shown <= noted, (user.username, url, shown - noted)


def test_the_steps_through_the_pages(demo, login, catalogue, staff, report):
    r = report()
    client = login(staff["adjudicator"])
    response = client.post(
        reverse("discipline:report-step", args=[r.pk, "hear"]),
        {"finding": "proved", "reasons": "Seen on camera.", "account": ""},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("discipline:report-step", args=[r.pk, "sanction"]),
        {"kind": catalogue["long_cell"].pk, "days": 20, "mother_status": "none"},
        follow=True,
    )
    assert "Mandela Rules 43(1)(b), 44" in response.content.decode()
    r.refresh_from_db()
    assert r.sanctioned_at is None
    health = login(staff["health"])
    assert health.post(reverse("discipline:report-step", args=[r.pk, "hear"]), {}).status_code == 404


def test_standards_rows(demo, catalogue, proved, staff):
    from casemgmt.models import Prisoner
    from reports import standards

    r = proved(offence=catalogue["serious"])
    services.sanctions_impose(
        actor=demo.users["supervisor.a"], report=r, sanctions=[{"kind": catalogue["caution"]}]
    )
    sup = demo.users["supervisor.a"]
    rows = {
        row["code"]: row
        for row in standards.summary(user=sup, prisoners=Prisoner.objects.all(), today=timezone.localdate())
    }
    assert rows["discipline_legal"]["applies"] == 1 and rows["discipline_legal"]["complete"] == 0
    assert rows["discipline_informed"]["complete"] == 1
    assert rows["discipline_lawful"]["complete"] == 1
    for code in ("separation_limit", "separation_reviewed", "separation_health", "separation_mothers"):
        assert code in rows
