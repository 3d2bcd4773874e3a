"""Rule 46 over a period (the standards row, the statistics and the list of missed days,
per facility); the statistics' links to the serious charges heard without legal
assistance and to the separations over 15 days."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from discipline import selectors, services
from reports import selectors as report_selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def ten_days(demo, staff, man):
    """Held apart since ten days ago, visited on three of the ten past days."""
    sep = services.separation_start(
        actor=demo.users["supervisor.a"],
        prisoner=man,
        kind="protective",
        legal_basis="Order no. 7",
        hours_out=Decimal("3"),
        started_at=timezone.now() - dt.timedelta(days=10),
    )
    for days_ago in (10, 6, 1):
        services.health_visit_record(
            actor=staff["health"], separation=sep, visited_at=timezone.now() - dt.timedelta(days=days_ago)
        )
    return sep


def test_missed_visits_are_counted_over_the_period(demo, ten_days):
    sup, today = demo.users["supervisor.a"], timezone.localdate()
    whole = selectors.health_visits_over(user=sup)
    assert (whole["since"], whole["until"]) == (today - dt.timedelta(days=29), today)
    assert whole["days"] == 10 and len(whole["missed"]) == 7
    assert [(f.code, n) for f, n in whole["by_facility"]] == [(ten_days.facility.code, 7)]
    part = selectors.health_visits_over(
        user=sup, since=today - dt.timedelta(days=7), until=today - dt.timedelta(days=5)
    )
    assert part["days"] == 3 and [day for _s, day in part["missed"]] == [
        today - dt.timedelta(days=7),
        today - dt.timedelta(days=5),
    ]
    assert selectors.health_visits_over(user=demo.users["officer.b"])["days"] == 0


def test_the_standards_row_counts_days_and_links_to_the_missed_days(demo, ten_days):
    sup, today = demo.users["supervisor.a"], timezone.localdate()
    rows = {r["code"]: r for r in report_selectors.standards_view(user=sup)}
    row = rows["separation_health"]
    assert (row["applies"], row["complete"], row["incomplete"], row["percent"]) == (10, 3, 7, 30)
    assert row["url"].startswith(reverse("discipline:missed-visits"))
    assert f"since={today - dt.timedelta(days=29)}" in row["url"]
    rows = report_selectors.standards_view(
        user=sup, since=today - dt.timedelta(days=2), until=today, facility=ten_days.facility
    )
    row = next(r for r in rows if r["code"] == "separation_health")
    assert (row["applies"], row["complete"]) == (2, 1) and f"facility={ten_days.facility_id}" in row["url"]


def test_the_standards_page_takes_a_period(demo, login, ten_days):
    today = timezone.localdate()
    client = login(demo.users["supervisor.a"])
    page = client.get(reverse("reports:standards")).content.decode()
    assert "counted in days over the period" in page and reverse("discipline:missed-visits") in page
    since = (today - dt.timedelta(days=3)).isoformat()
    page = client.get(reverse("reports:standards"), {"since": since, "until": today.isoformat()})
    assert page.status_code == 200 and f"since={since}" in page.content.decode()


def test_the_list_of_missed_days_per_facility(demo, login, ten_days, man):
    client = login(demo.users["supervisor.a"])
    page = client.get(reverse("discipline:missed-visits")).content.decode()
    assert page.count(man.prison_number) == 7 and ten_days.facility.name in page
    stats = client.get(reverse("discipline:statistics")).content.decode()
    assert reverse("discipline:missed-visits") in stats
    other = login(demo.users["officer.b"]).get(reverse("discipline:missed-visits")).content.decode()
    assert man.prison_number not in other


def test_the_register_lists_serious_charges_heard_without_legal_assistance(demo, login, catalogue, proved):
    bare = proved(offence=catalogue["serious"])
    proved(offence=catalogue["offence"])
    client = login(demo.users["supervisor.a"])
    stats = client.get(reverse("discipline:statistics")).content.decode()
    assert "without_legal=on" in stats
    page = client.get(reverse("discipline:register"), {"without_legal": "on"}).content.decode()
    assert reverse("discipline:report", args=[bare.pk]) in page and page.count('href="/discipline/') >= 1
    rows = selectors.reports(user=demo.users["supervisor.a"], without_legal=True)
    assert list(rows) == [bare]


def test_the_separations_over_15_days_ended_or_running(demo, login, ten_days, man):
    from discipline.models import Separation

    begun = timezone.now() - dt.timedelta(days=40)
    Separation.objects.filter(pk=ten_days.pk).update(
        started_at=begun, counted_from=begun, ended_at=timezone.now() - dt.timedelta(days=20)
    )
    client = login(demo.users["supervisor.a"])
    assert man.prison_number not in client.get(reverse("discipline:separations")).content.decode()
    page = client.get(reverse("discipline:separations"), {"over": "on"}).content.decode()
    assert man.prison_number in page and "over 15 days" in page
    assert "over=on" in client.get(reverse("discipline:statistics")).content.decode()


def test_sanctions_by_kind_and_facility_count_appeals_apart(demo, catalogue, staff, report):
    adjudicator, sup = staff["adjudicator"], demo.users["supervisor.a"]
    r = services.report_hear(actor=adjudicator, report=report(), account="", finding="proved", reasons="x")
    services.sanctions_impose(
        actor=adjudicator, report=r, sanctions=[{"kind": catalogue["privileges"], "days": 10}]
    )
    r = services.appeal_lodge(
        actor=demo.users["officer.a"], report=r, lodged_on=timezone.localdate(), grounds="x"
    )
    services.appeal_decide(
        actor=sup, report=r, outcome="varied", reasons="x", reductions={r.sanctions.get().pk: 5}
    )
    (row,) = selectors.statistics(user=sup)["sanctions"]
    assert (row["kind__name"], row["n"], row["reduced"], row["cancelled"]) == (
        catalogue["privileges"].name,
        1,
        1,
        0,
    )


def test_the_api_lists_the_missed_days_and_notes_the_files_read(demo, api, ten_days, man):
    from core.models import ReadEvent

    today = timezone.localdate()
    before = ReadEvent.objects.count()
    r = api(demo.users["supervisor.a"]).get(
        "/api/v1/separations/missed-visits/", {"since": (today - dt.timedelta(days=7)).isoformat()}
    )
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["days"] == 7 and len(body["missed"]) == 5
    assert body["by_facility"] == [{"facility": ten_days.facility_id, "missed": 5}]
    assert {row["prison_number"] for row in body["missed"]} == {man.prison_number}
    event = ReadEvent.objects.order_by("pk")[before:].get()
    assert man.pk in event.subjects
    bad = api(demo.users["supervisor.a"]).get("/api/v1/separations/missed-visits/", {"since": "nonsense"})
    assert bad.status_code == 400
