"""Keep-apart links: created and closed by supervisors with a reason, audited; a closed link
no longer blocks a move."""

import pytest
from django.urls import reverse

from classification.models import KeepApart
from core.models import AuditEvent
from custody import services

pytestmark = pytest.mark.django_db


def test_keep_apart_created_and_closed_through_the_api_and_the_page(demo, api, login):
    first, second = demo.prisoners["A"][0], demo.prisoners["A"][2]
    officer = api(demo.users["officer.a"])
    body = {"prisoner": first.pk, "other": second.pk, "scope": "facility", "reason": "co-accused"}
    assert officer.post("/api/v1/keep-apart/", body, format="json").status_code == 404
    supervisor = api(demo.users["supervisor.a"])
    created = supervisor.post("/api/v1/keep-apart/", body, format="json")
    assert created.status_code == 201, created.content
    # Officers read the links of their facility's prisoners; programme staff do not.
    assert officer.get("/api/v1/keep-apart/").json()["count"] == 1
    assert api(demo.users["programme.a"]).get("/api/v1/keep-apart/").json()["count"] == 0
    conflicts = services.movement_check(
        prisoner=first, kind="cell_move", facility=first.facility, unit=first.unit, cell=first.cell
    )
    assert [c.kind for c in conflicts] == ["keep_apart"]  # scope facility: anywhere in A
    link = KeepApart.objects.get()
    url = reverse("classification:keep-apart-close", args=[first.pk, link.pk])
    assert login(demo.users["officer.a"]).post(url, {"reason": "x"}).status_code == 404
    assert login(demo.users["supervisor.a"]).post(url, {"reason": "trial over"}).status_code == 302
    link.refresh_from_db()
    assert link.closed_by == demo.users["supervisor.a"]
    assert AuditEvent.objects.filter(object_type="classification.keepapart", reason="trial over").exists()
    assert not services.movement_check(
        prisoner=first, kind="cell_move", facility=first.facility, unit=first.unit, cell=first.cell
    )
    closed = supervisor.post(f"/api/v1/keep-apart/{link.pk}/close/", {"reason": "again"}, format="json")
    assert closed.status_code == 400


def test_a_keep_apart_link_names_only_a_file_the_supervisor_may_see(demo, api, login):
    """A supervisor of A cannot learn of B's prisoners through a keep-apart link: the API
    answers 404 for B's id and the page treats B's prison number as unknown."""
    mine, foreign = demo.prisoners["A"][0], demo.prisoners["B"][0]
    body = {"prisoner": mine.pk, "other": foreign.pk, "scope": "facility", "reason": "co-accused"}
    answer = api(demo.users["supervisor.a"]).post("/api/v1/keep-apart/", body, format="json")
    assert answer.status_code == 404
    assert foreign.prison_number not in answer.content.decode()
    page = login(demo.users["supervisor.a"]).post(
        reverse("classification:keep-apart", args=[mine.pk]),
        {"other": foreign.prison_number, "scope": "facility", "reason": "co-accused"},
        follow=True,
    )
    assert "No other prisoner has that prison number." in page.content.decode()
    assert not KeepApart.objects.exists()
