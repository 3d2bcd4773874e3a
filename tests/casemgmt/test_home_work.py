"""Each role's work on its home page (issue 23), from the sections the apps register
(``casemgmt.home``); the query count of each role's home page is pinned."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import ReadEvent
from demodata import builder as demo_data
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return demo_data.build(prisoners=12, password=PASSWORD, casework=True)


def _home(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_programme_staff_see_todays_sessions(world, client):
    from rehabilitation.models import Session

    today = Session.objects.get(date=timezone.localdate())
    body = _home(client, world.users["programme.a"])
    assert "Today&#x27;s sessions" in body or "Today's sessions" in body
    assert reverse("rehabilitation:attendance", args=[today.pk]) in body
    yesterday = Session.objects.exclude(date=timezone.localdate()).first()
    assert reverse("rehabilitation:attendance", args=[yesterday.pk]) not in body


def test_officers_see_their_drafts_todays_court_trips_and_movements(world, client):
    from intake import services as intake
    from legal import services as legal

    officer = world.users["officer.a"]
    draft = intake.admission_start(actor=officer, facility=world.facilities["A"])
    prisoner = world.prisoners["A"][0]
    case = legal.case_create(
        actor=officer,
        prisoner=prisoner,
        case_number="1-1/2026",
        court="Court of Sino",
        opened_on=timezone.localdate() - dt.timedelta(days=30),
        charges=[("art. 244", "Theft")],
    )
    at = timezone.localtime().replace(hour=14, minute=0, second=0, microsecond=0)
    legal.hearing_create(actor=officer, case=case, scheduled_at=at, court="Court of Sino")
    body = _home(client, officer)
    assert reverse("intake:detail", args=[draft.pk]) in body
    assert "Court trips today" in body and prisoner.full_name in body
    assert reverse("prisoner-tab", args=[prisoner.pk, "movements"]) in body
    assert prisoner.pk in ReadEvent.objects.latest("id").subjects
    # another facility's officer sees none of it
    other = _home(client, world.users["officer.b"])
    assert reverse("intake:detail", args=[draft.pk]) not in other
    assert prisoner.full_name not in other


def test_case_managers_see_the_weeks_reviews_never_assessed_first(world, client):
    from classification.models import Assessment
    from classification.services import review_flag_raise

    manager = world.users["casemanager.a"]
    assessed = set(Assessment.objects.filter(status="approved").values_list("prisoner_id", flat=True))
    caseload = world.prisoners["A"][:10]
    one_assessed = next(p for p in caseload if p.pk in assessed)
    one_never = next(p for p in caseload if p.pk not in assessed)
    for p in (one_assessed, one_never):  # both due today
        review_flag_raise(actor=world.users["supervisor.a"], prisoner=p, trigger="intelligence", note="")
    body = _home(client, manager)
    order = [int(chunk.split('"')[0]) for chunk in body.split('data-review-due="')[1:]]
    assert one_assessed.pk in order and one_never.pk in order
    flags = [pk in assessed for pk in order]
    assert flags == sorted(flags), "the never-assessed come first"
    assert reverse("prisoner-tab", args=[one_never.pk, "risk"]) in body


def test_supervisors_see_the_queue_summary(world, client):
    body = _home(client, world.users["supervisor.a"])
    assert "Waiting on you" in body
    assert reverse("queue") + "?kind=assessment" in body


@pytest.mark.parametrize(
    "name, queries",
    [("officer.a", 9), ("casemanager.a", 7), ("programme.a", 7), ("supervisor.a", 9), ("admin", 5)],
)
def test_each_home_page_has_a_fixed_number_of_queries(world, client, count_queries, name, queries):
    client.force_login(world.users[name])
    client.get(reverse("home"))
    with count_queries() as counted:
        assert client.get(reverse("home")).status_code == 200
    assert counted.count == queries, [q["sql"][:100] for q in counted.captured_queries]
