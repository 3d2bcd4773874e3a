"""The work queue (issue 23): everything waiting on the reader, from each app's registered
source, restricted to what the reader may act on, read-audited, counted in the header."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casemgmt import queue
from core.models import ReadEvent
from demodata import builder as demo_data
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return demo_data.build(prisoners=12, password=PASSWORD, casework=True)


def _waiting(world):
    from classification.models import Assessment

    return Assessment.objects.get(status="submitted")


def test_every_domain_app_registered_its_sources():
    assert {
        "assessment",
        "classification",
        "incident",
        "find",
        "movement",
        "complaint",
        "hearing",
        "separation",
    } <= set(queue.labels())


def test_the_supervisor_finds_the_assessment_waiting_for_approval(world, client):
    waiting = _waiting(world)
    client.force_login(world.users["supervisor.a"])
    response = client.get(reverse("queue"))
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("classification:assessment", args=[waiting.pk]) in body
    assert waiting.prisoner.full_name in body
    event = ReadEvent.objects.latest("id")
    assert waiting.prisoner_id in event.subjects
    assert str(waiting.pk) in event.records["classification.assessment"]


def test_the_header_counts_the_queue_and_links_it(world, client):
    client.force_login(world.users["supervisor.a"])
    body = client.get(reverse("home")).content.decode()
    total = queue.total(world.users["supervisor.a"])
    assert total >= 1
    assert f'href="{reverse("queue")}"' in body
    assert f"data-queue-count>{total}<" in body


def test_the_assessor_and_other_roles_have_no_rows(world, client):
    for name in ("casemanager.a", "officer.a", "officer.b", "programme.a", "admin", "auditor"):
        user = world.users[name]
        assert queue.rows(user) == [], name
        client.force_login(user)
        assert f'href="{reverse("queue")}"' not in client.get(reverse("home")).content.decode()


def test_a_supervisor_of_another_facility_sees_none_of_it(world):
    from casemgmt import services
    from casemgmt.choices import Role

    other = services.staff_create(
        actor=None,
        username="supervisor.b",
        password=PASSWORD,
        roles=[Role.SUPERVISOR],
        facilities=[world.facilities["B"]],
    )
    assert _waiting(world).pk not in {r.record.pk for r in queue.rows(other) if r.key == "assessment"}
    assert queue.counts(other)["assessment"] == 0


def test_rows_come_oldest_first_and_filter_by_kind(world, client):
    client.force_login(world.users["supervisor.a"])
    rows = queue.rows(world.users["supervisor.a"])
    assert [r.since for r in rows] == sorted(r.since for r in rows)
    body = client.get(reverse("queue") + "?kind=assessment").content.decode()
    assert 'data-queue="assessment"' in body
    assert 'data-queue="classification"' not in body


def test_the_api_answers_the_same_rows(world):
    from rest_framework.test import APIClient

    waiting = _waiting(world)
    client = APIClient()
    client.force_authenticate(world.users["supervisor.a"])
    response = client.get("/api/v1/queue/")
    assert response.status_code == 200
    data = response.json()
    assert data["counts"]["assessment"] == 1
    assert data["total"] == sum(data["counts"].values())
    row = next(r for r in data["results"] if r["kind"] == "assessment")
    assert row["record"] == str(waiting.pk)
    assert row["link"] == reverse("classification:assessment", args=[waiting.pk])
    assert waiting.prisoner_id in ReadEvent.objects.latest("id").subjects


def test_the_counts_are_one_query(world, count_queries):
    user = world.users["supervisor.a"]
    user.roles  # noqa: B018 - the roles are read once per request by the middleware
    with count_queries() as counted:
        queue.counts(user)
    assert counted.count == 1


def test_the_page_has_a_fixed_number_of_queries(world, client, count_queries):
    client.force_login(world.users["supervisor.a"])
    client.get(reverse("queue"))
    with count_queries() as counted:
        assert client.get(reverse("queue")).status_code == 200
    # session, user, device; a query a source (8); the people of the incidents; the counts;
    # the unread notifications; the read event
    assert counted.count == 15, [q["sql"][:120] for q in counted.captured_queries]


def test_the_menu_by_role_in_the_readers_language(world, client):
    """The header's menu (casemgmt_tags.main_menu, made once a process per set of roles):
    each role's items, the current page marked, the queue's count beside its item."""
    from casemgmt.context_processors import _items

    supervisor, officer = world.users["supervisor.a"], world.users["officer.a"]
    client.force_login(supervisor)
    body = client.get(reverse("prisoner-list"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    total = queue.total(supervisor)
    assert f'<li><a href="{reverse("prisoner-list")}" aria-current="page">Заключённые</a></li>' in body
    assert f'<li><a href="{reverse("home")}">Главная</a></li>' in body
    assert f'data-queue-count>{total}<span class="visually-hidden"> ожидают</span>' in body
    assert body.count('aria-current="page"') == 1
    assert reverse("reports:dashboard") in body and reverse("casework:caseload") in body
    client.force_login(officer)
    body = client.get(reverse("home")).content.decode()
    assert f'<li><a href="{reverse("home")}" aria-current="page">Home</a></li>' in body
    assert reverse("reports:dashboard") not in body and reverse("queue") not in body
    assert reverse("custody:roll-index") in body
    # one menu for everyone with the same roles; another for other roles
    assert _items(officer.roles, False, False, "/") is _items(frozenset(officer.roles), False, False, "/")
    assert _items(officer.roles, False, False, "/") != _items(supervisor.roles, True, False, "/")
