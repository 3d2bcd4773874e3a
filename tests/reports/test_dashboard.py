"""Every figure of the dashboard against the fixture population, and the list behind it."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db.models import Sum
from django.http import QueryDict

from casemgmt.filters import PrisonerFilter
from casemgmt.models import Cell, Prisoner
from casemgmt.selectors import prisoner_list
from core.grants import access_grant
from reports import selectors
from tests.reports.conftest import month_start


def counts(rows):
    return {r["key"]: r["count"] for r in rows}


def listed(user, url) -> int:
    """How many prisoners the prisoner list shows for a figure's link."""
    parts = urlsplit(url)
    assert parts.path == "/prisoners/"
    params = QueryDict(parts.query)
    f = PrisonerFilter(params, queryset=prisoner_list(user=user), user=user)
    assert f.is_valid(), f.errors
    return f.qs.count()


def figures_with_links(d):
    yield d["total"]["count"], d["total"]["url"]
    for key in (
        "sex",
        "age_band",
        "legal_status",
        "nationality",
        "security_level",
        "judgement",
        "reviews",
        "admissions",
        "releases",
    ):
        for row in d[key]:
            yield row["count"], row["url"]
    for row in d["occupancy"]:
        yield row["count"], row["url"]
    for row in d["programmes"]["rows"]:
        yield row["count"], row["url"]
    a = d["programmes"]["attendance"]
    yield a["participants"], a["url"]


def test_every_figure_for_the_supervisor_of_facility_a(world):
    sup = world.demo.users["supervisor.a"]
    d = selectors.dashboard(user=sup)
    today = world.today

    assert d["total"]["count"] == 5  # pa5 is released
    assert counts(d["sex"]) == {"male": 3, "female": 2}
    assert counts(d["legal_status"]) == {"remand": 3, "convicted": 1, "appeal": 1, "civil": 0}
    assert counts(d["age_band"]) == {
        "under_18": 1,
        "18_24": 1,
        "25_34": 1,
        "35_44": 1,
        "45_54": 1,
        "55_plus": 0,
        "unknown": 0,
    }
    assert counts(d["nationality"]) == {"Тоҷик": 4, "Ӯзбек": 1}

    by_unit = {r["unit"].split()[0]: r for r in d["occupancy"]}
    assert {code: r["count"] for code, r in by_unit.items()} == {"R": 1, "M1": 1, "M2": 1, "W1": 1, "W2": 1}
    for code, row in by_unit.items():
        capacity = Cell.objects.filter(unit_id=row["unit_id"]).aggregate(s=Sum("capacity"))["s"]
        assert row["capacity"] == capacity and row["percent"] == round(100 / capacity), code
    assert {r["facility_id"] for r in d["occupancy"]} == {world.demo.facilities["A"].pk}

    assert d["risk_total"] == 5
    assert counts(d["security_level"]) == {"standard": 1, "enhanced": 0, "high": 1, "none": 3}
    assert counts(d["judgement"]) == {"low": 1, "moderate": 0, "high": 1, "none": 3}
    # pa1 classification overdue, pa0 initial assessment overdue; pa2 due in 5 days,
    # pa4 (no admission: 14 days from the file's creation) due soon; pa3 due in 30 days.
    assert counts(d["reviews"]) == {"overdue": 2, "due_soon": 2}

    admissions = {r["month"]: r["count"] for r in d["admissions"]}
    assert len(admissions) == 12
    assert admissions[month_start(today, 0)] == 1
    assert admissions[month_start(today, 2)] == 2
    assert admissions[month_start(today, 3)] == 1
    assert sum(admissions.values()) == 4
    releases = {r["month"]: r["count"] for r in d["releases"]}
    assert releases[month_start(today, 1)] == 1 and sum(releases.values()) == 1

    assert counts(d["programmes"]["rows"]) == {"referred": 4, "enrolled": 3, "completed": 1, "withdrawn": 1}
    assert d["programmes"]["attendance"] == {
        "recorded": 3,
        "present": 2,
        "rate": 67,
        "participants": 2,
        "url": d["programmes"]["attendance"]["url"],
    }
    tta = d["time_to_assessment"]
    assert (tta["admitted"], tta["assessed"], tta["waiting"], tta["mean_days"]) == (4, 1, 3, 4.0)

    for count, url in figures_with_links(d):
        assert listed(sup, url) == count, url


def test_facility_filter_and_period(world):
    sup = world.demo.users["supervisor.a"]
    b = world.demo.facilities["B"]
    d = selectors.dashboard(user=sup, facility=b)
    assert d["total"]["count"] == 0 and d["occupancy"] == []  # B is not theirs to see
    since = month_start(world.today, 2)
    d = selectors.dashboard(user=sup, facility=world.demo.facilities["A"], since=since, until=world.today)
    assert len(d["admissions"]) == 3 and sum(r["count"] for r in d["admissions"]) == 3
    assert d["releases"][1]["count"] == 1 and sum(r["count"] for r in d["releases"]) == 1
    for count, url in figures_with_links(d):
        assert listed(sup, url) == count, url
        assert f"facility={world.demo.facilities['A'].pk}" in url


def test_an_administrator_counts_only_the_files_granted_to_them(world):
    admin = world.demo.users["admin"]
    assert selectors.dashboard(user=admin)["total"]["count"] == 0
    access_grant(actor=None, prisoners=world.demo.prisoners["B"], capabilities=["view_prisoner"], user=admin)
    d = selectors.dashboard(user=admin)
    assert d["total"]["count"] == 6
    assert {r["facility_id"] for r in d["occupancy"]} == {world.demo.facilities["B"].pk}
    # No view_risk: the risk figures count nobody, and their lists show nobody.
    assert d["risk_total"] == 0 and counts(d["security_level"])["none"] == 0
    for count, url in figures_with_links(d):
        assert listed(admin, url) == count, url


def test_an_officer_cannot_list_by_risk_he_may_not_read(world):
    officer = world.demo.users["officer.a"]
    assert listed(officer, "/prisoners/?current=1&security_level=high") == 0
    sup = world.demo.users["supervisor.a"]
    assert listed(sup, "/prisoners/?current=1&security_level=high") == 1


def test_fixed_number_of_queries_whatever_the_population(world, count_queries):
    sup = world.demo.users["supervisor.a"]
    selectors.dashboard(user=sup)  # warm caches (content types)
    with count_queries() as first:
        selectors.dashboard(user=sup)
    a = world.demo.facilities["A"]
    unit = world.pa[1].unit
    for i in range(15):
        Prisoner.objects.create(
            prison_number=f"X-{i}",
            family_name="X",
            given_name="Y",
            sex="male",
            legal_status="remand",
            facility=a,
            unit=unit,
        )
    with count_queries() as second:
        selectors.dashboard(user=sup)
    assert first.count == second.count == 9  # the population and nationality in one pass; the occupancy two


def test_the_page_is_flat_too(world, login, count_queries):
    client = login(world.demo.users["supervisor.a"])
    client.get("/reports/")
    with count_queries() as first:
        assert client.get("/reports/").status_code == 200
    a, unit = world.demo.facilities["A"], world.pa[1].unit
    Prisoner.objects.bulk_create(
        Prisoner(
            prison_number=f"Y-{i}",
            family_name="X",
            given_name="Y",
            sex="male",
            legal_status="remand",
            facility=a,
            unit=unit,
        )
        for i in range(20)
    )
    with count_queries() as second:
        client.get("/reports/")
    # session, user with its roles, the two-factor device of the verified session, the unread
    # bell, the work queue's badge (one query for all its sources), whether the reader sees
    # any facility (the no-access notice), the facility choices, and the 9 of the figures
    assert first.count == second.count == 16


def test_the_page_and_the_api(world, login, api):
    sup = world.demo.users["supervisor.a"]
    page = login(sup).get("/reports/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="chart-sex" type="application/json"' in html
    assert "<script>" not in html  # no inline script
    assert "/prisoners/?current=1&amp;sex=female" in html
    response = api(sup).get("/api/v1/reports/statistics/")
    assert response.status_code == 200
    assert response.json()["total"]["count"] == 5
    assert response.json()["sex"][1] == {
        "key": "female",
        "label": "Female",
        "count": 2,
        "url": "/prisoners/?current=1&sex=female",
    }
    assert (
        api(sup).get(f"/api/v1/reports/statistics/?facility={world.demo.facilities['B'].pk}").status_code
        == 404
    )
    assert api(sup).get("/api/v1/reports/statistics/?since=2026-05-01&until=2026-01-01").status_code == 400


@pytest.mark.parametrize("username", ["officer.a", "casemanager.a", "programme.a"])
def test_other_roles_have_no_reports(world, login, api, username):
    user = world.demo.users[username]
    assert login(user).get("/reports/").status_code == 403
    assert api(user).get("/api/v1/reports/statistics/").status_code == 403


def test_query_string_of_a_month(world):
    d = selectors.dashboard(user=world.demo.users["supervisor.a"])
    query = parse_qs(urlsplit(d["admissions"][-1]["url"]).query)
    assert query["event"] == ["admitted"] and query["until"] == [world.today.isoformat()]


def test_an_event_counts_on_its_local_day(world):
    """The period's bounds are the local days' instants (``core.dates.day_range``): an event
    at local midnight opens its day, one a second before closes the day before."""
    import datetime as dt

    from core.dates import day_range
    from rehabilitation.models import Referral
    from reports import criteria

    sup = world.demo.users["supervisor.a"]
    referral = Referral.objects.filter(prisoner__in=world.pa).first()
    day = dt.date(2001, 3, 21)
    start, end = day_range(day)

    def counted(at, since, until):
        Referral.objects.filter(pk=referral.pk).update(referred_at=at)
        ids = criteria.event_prisoner_ids("referred", sup, since, until)
        return referral.prisoner_id in set(ids.values_list("prisoner_id", flat=True))

    assert counted(start, day, day)
    assert counted(end - dt.timedelta(seconds=1), day, day)
    assert not counted(end, day, day)
    assert not counted(start - dt.timedelta(seconds=1), day, day)
    assert counted(start - dt.timedelta(seconds=1), day - dt.timedelta(days=1), None)
    assert counted(end, None, day + dt.timedelta(days=1))
