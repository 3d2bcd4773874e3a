"""The audit viewer (issue 16): the change log and the read log, for auditors only,
filterable, in pages of 50, each reading itself written to the read log."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from casemgmt.models import Prisoner
from core.models import AuditEvent, ReadEvent

PAGES = ["/audit/", "/audit/reads/"]
API = ["/api/v1/audit/events/", "/api/v1/audit/reads/"]
OTHERS = ["officer.a", "casemanager.a", "programme.a", "supervisor.a", "admin"]


@pytest.fixture
def world(casework_demo):
    return casework_demo


@pytest.fixture
def api(world):
    """The API client of ``tests/conftest.py``, on this module's world (not ``demo``)."""
    from rest_framework.test import APIClient

    def _api(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    return _api


@pytest.fixture
def auditor(world, client):
    client.force_login(world.users["auditor"])
    return client


def numbers_in(body: str) -> set[str]:
    known = set(Prisoner.objects.values_list("prison_number", flat=True))
    return {n for n in re.findall(r"[A-Z]+-\d{4}-\d{6}", body) if n in known}


def subjects_of_numbers(numbers) -> set[int]:
    return set(Prisoner.objects.filter(prison_number__in=numbers).values_list("pk", flat=True))


@pytest.mark.parametrize("username", OTHERS)
def test_only_auditors_reach_the_viewer(world, client, api, username):
    user = world.users[username]
    client.force_login(user)
    for url in PAGES:
        assert client.get(url).status_code == 404, url
    for url in API:
        assert api(user).get(url).status_code == 404, url
        assert api(user).get(f"{url}1/").status_code == 404, url


def test_signed_out_is_sent_to_sign_in(world, client):
    for url in PAGES:
        assert client.get(url).status_code == 302
    for url in API:
        assert client.get(url).status_code in (401, 403)


def test_the_change_log_page_shows_before_and_after_and_is_itself_audited(world, auditor):
    response = auditor.get("/audit/")
    assert response.status_code == 200
    body = response.content.decode()
    shown = list(AuditEvent.objects.order_by("-id")[:50])
    assert len(shown) == 50 and "before=" in body  # a page of 50, and a link to older rows
    with_after = next(e for e in shown if e.after)
    key = next(iter(with_after.after))
    assert f"&quot;{key}&quot;" in body  # the after JSON, pretty-printed

    event = ReadEvent.objects.latest("id")
    assert event.actor == world.users["auditor"] and event.route == "auditlog:events"
    assert event.records["casemgmt.auditevent"] == sorted(str(e.pk) for e in shown)
    subjects = set(event.subjects)
    assert {e.subject_id for e in shown if e.subject_id} <= subjects
    numbers = numbers_in(body)
    assert subjects_of_numbers(numbers) <= subjects  # every file the page names is on record


def test_the_read_log_page_is_itself_audited(world, auditor, login):
    # Someone reads a file; the auditor then reads that reading.
    officer = world.users["officer.a"]
    prisoner = world.prisoners["A"][0]
    login(officer).get(f"/prisoners/{prisoner.pk}/")
    auditor.force_login(world.users["auditor"])
    response = auditor.get("/audit/reads/", {"actor": "officer.a", "subject": prisoner.prison_number})
    assert response.status_code == 200
    rows = list(ReadEvent.objects.filter(actor=officer, subjects__contains=[prisoner.pk]))
    assert rows and f"/prisoners/{prisoner.pk}/" in response.content.decode()
    event = ReadEvent.objects.latest("id")
    assert event.actor == world.users["auditor"] and event.route == "auditlog:reads"
    assert event.records["casemgmt.readevent"] == sorted(str(r.pk) for r in rows)
    assert prisoner.pk in event.subjects


def test_change_log_filters(world, auditor):
    prisoner = world.prisoners["A"][1]
    today = timezone.localdate().isoformat()
    for params, expected in [
        ({"subject": prisoner.pk}, AuditEvent.objects.filter(subject=prisoner)),
        ({"subject": prisoner.prison_number}, AuditEvent.objects.filter(subject=prisoner)),
        (
            {"action": "create", "object_type": "casemgmt.prisoner"},
            AuditEvent.objects.filter(action="create", object_type="casemgmt.prisoner"),
        ),
        (
            {"actor": "system", "since": today, "until": today},
            AuditEvent.objects.filter(actor_label="system"),
        ),
        ({"until": "2000-01-01"}, AuditEvent.objects.none()),
    ]:
        response = auditor.get("/audit/", params)
        assert response.status_code == 200
        shown = ReadEvent.objects.latest("id").records.get("casemgmt.auditevent", [])
        assert shown == sorted(
            str(pk) for pk in expected.order_by("-id").values_list("pk", flat=True)[:50]
        ), params
    assert auditor.get("/audit/", {"action": "nonsense"}).status_code == 200  # invalid: no rows, no error


def test_keyset_pages_do_not_overlap(world, auditor):
    first = auditor.get("/audit/")
    older = re.search(r"before=(\d+)", first.content.decode()).group(1)
    page_one = set(ReadEvent.objects.latest("id").records["casemgmt.auditevent"])
    auditor.get("/audit/", {"before": older})
    page_two = set(ReadEvent.objects.latest("id").records["casemgmt.auditevent"])
    assert page_two and not page_one & page_two
    assert max(int(pk) for pk in page_two) < min(int(pk) for pk in page_one)


def test_the_api_filters_pages_and_audits(world, api):
    client = api(world.users["auditor"])
    prisoner = world.prisoners["B"][0]
    response = client.get("/api/v1/audit/events/", {"subject": prisoner.prison_number})
    assert response.status_code == 200
    ids = [row["id"] for row in response.json()["results"]]
    assert ids == list(
        AuditEvent.objects.filter(subject=prisoner).order_by("-id").values_list("pk", flat=True)
    )
    event = ReadEvent.objects.latest("id")
    assert event.route == "auditlog-api:audit-event-list" and prisoner.pk in event.subjects

    everything = client.get("/api/v1/audit/events/").json()
    assert len(everything["results"]) == 50 and everything["next"]
    detail = client.get(f"/api/v1/audit/events/{ids[0]}/")
    assert detail.status_code == 200 and "before" in detail.json() and "after" in detail.json()
    assert ReadEvent.objects.latest("id").records == {"casemgmt.auditevent": [str(ids[0])]}

    reads = client.get("/api/v1/audit/reads/", {"record": "casemgmt.auditevent"})
    assert reads.status_code == 200 and reads.json()["results"]
    assert all("casemgmt.auditevent" in r["records"] for r in reads.json()["results"])
    assert client.post("/api/v1/audit/events/", {}).status_code == 405  # read-only


def test_the_auditor_holds_no_file(world, auditor):
    prisoner = world.prisoners["A"][0]
    assert auditor.get(f"/prisoners/{prisoner.pk}/").status_code == 404
    assert prisoner.prison_number not in auditor.get("/prisoners/").content.decode()


@pytest.mark.parametrize("username", ["admin", "auditor"])
def test_the_home_page_links_the_viewer_for_auditors_only(world, client, username):
    client.force_login(world.users[username])
    body = client.get("/").content.decode()
    assert ('href="/audit/"' in body) is (username == "auditor")


def test_a_prison_number_in_a_logged_query_is_on_record(world, auditor):
    """A logged read whose query names a file it did not show (a search by number that
    found one other file): the auditor's page shows the number, so its read names it."""
    from core import audit

    shown, searched = world.prisoners["A"][0], world.prisoners["B"][0]
    audit.read_append(
        ReadEvent(
            at=timezone.now(),
            actor=world.users["officer.a"],
            actor_label="officer.a",
            route="prisoner-list",
            method="GET",
            path="/prisoners/",
            query=f"q={searched.prison_number}",
            subjects=[shown.pk],
        )
    )
    body = auditor.get("/audit/reads/", {"actor": "officer.a"}).content.decode()
    assert searched.prison_number in body
    assert {shown.pk, searched.pk} <= set(ReadEvent.objects.latest("id").subjects)
