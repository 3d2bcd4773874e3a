"""Who read this file: the file's supervisors and case manager read it; reading it is recorded."""

import pytest
from django.urls import reverse

from core.models import ReadEvent

pytestmark = pytest.mark.django_db


def test_a_supervisor_sees_who_read_and_changed_a_file(demo, login):
    prisoner = demo.prisoners["A"][0]
    login(demo.users["officer.a"]).get(reverse("prisoner-detail", args=[prisoner.pk]))
    client = login(demo.users["supervisor.a"])
    response = client.get(reverse("prisoner-tab", args=[prisoner.pk, "access"]))
    assert response.status_code == 200
    rows = response.context["access_entries"]
    assert any(r.who == "officer.a" and r.kind == "read" and r.page == "prisoner-detail" for r in rows)
    assert any(r.kind != "read" for r in rows), "the file's creation is a change"
    # reading the log is itself a read of the file
    event = ReadEvent.objects.latest("id")
    assert event.actor == demo.users["supervisor.a"] and event.subjects == [prisoner.pk]
    assert event.route == "prisoner-tab"


def test_the_log_filters_by_who_and_kind(demo, login):
    prisoner = demo.prisoners["A"][0]
    login(demo.users["officer.a"]).get(reverse("prisoner-detail", args=[prisoner.pk]))
    client = login(demo.users["supervisor.a"])
    url = reverse("prisoner-access-log", args=[prisoner.pk])
    reads = client.get(url, {"kind": "read", "who": "officer"}).context["access_entries"]
    assert reads and all(r.kind == "read" and r.who == "officer.a" for r in reads)
    changes = client.get(url, {"kind": "change"}).context["access_entries"]
    assert changes and all(r.kind != "read" for r in changes)
    nothing = client.get(url, {"since": "2999-01-01"}).context["access_entries"]
    assert nothing == []


def test_officers_and_foreign_readers_get_404(demo, login):
    prisoner = demo.prisoners["A"][0]
    for name in ("officer.a", "officer.b", "programme.a", "admin"):
        client = login(demo.users[name])
        assert client.get(reverse("prisoner-access-log", args=[prisoner.pk])).status_code == 404
        assert client.get(reverse("prisoner-tab", args=[prisoner.pk, "access"])).status_code == 404


def test_the_api_lists_the_log_and_refuses_bad_filters(demo, api):
    prisoner = demo.prisoners["A"][0]
    api(demo.users["officer.a"]).get(f"/api/v1/prisoners/{prisoner.pk}/")
    supervisor = api(demo.users["supervisor.a"])
    response = supervisor.get(f"/api/v1/prisoners/{prisoner.pk}/access-log/", {"kind": "read"})
    assert response.status_code == 200
    assert any(r["who"] == "officer.a" and r["page"] == "prisoner-detail" for r in response.json())
    assert supervisor.get(f"/api/v1/prisoners/{prisoner.pk}/access-log/", {"since": "x"}).status_code == 400
    officer = api(demo.users["officer.a"])
    assert officer.get(f"/api/v1/prisoners/{prisoner.pk}/access-log/").status_code == 404


def test_the_tab_itself_takes_the_filters(demo, login):
    prisoner = demo.prisoners["A"][0]
    login(demo.users["officer.a"]).get(reverse("prisoner-detail", args=[prisoner.pk]))
    client = login(demo.users["supervisor.a"])
    response = client.get(reverse("prisoner-tab", args=[prisoner.pk, "access"]), {"kind": "change"})
    assert response.context["access_entries"]
    assert all(r.kind != "read" for r in response.context["access_entries"])
    assert response.context["access_form"]["kind"].value() == "change"
