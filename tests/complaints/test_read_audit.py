"""Every GET route of the app, as every role that reaches it: each prison number a 2xx
body shows is among the subjects of the read event that response wrote."""

import re

import pytest
from django.urls import reverse

from casemgmt.models import Prisoner
from core.models import ReadEvent
from custody.services import movement_record
from tests.complaints.test_review import _free_cell

pytestmark = pytest.mark.django_db

NUMBER = re.compile(r"TJ-\d{4}-\d{6}")


@pytest.fixture
def world(demo, make, authorities):
    men = [p for p in demo.prisoners["A"] if p.cell_id and p.sex == "male"]
    open_one = make(prisoner=men[0])
    confidential = make(prisoner=men[1], route="central", confidential=True, words="sealed")
    make(prisoner=men[1], category="ill_treatment")
    movement_record(
        actor=demo.users["supervisor.a"],
        prisoner=men[0],
        kind="cell_move",
        facility=men[0].facility,
        unit=men[0].unit,
        cell=_free_cell(men[0]),
        reason="repairs",
        override_reason="repairs",
    )
    return open_one, confidential


def _urls(open_one, confidential):
    return [
        reverse("complaints:register"),
        reverse("complaints:review"),
        reverse("complaints:statistics"),
        reverse("complaints:detail", args=[open_one.pk]),
        reverse("complaints:detail", args=[confidential.pk]),
        reverse("complaints:create", args=[open_one.prisoner_id]),
        reverse("prisoner-tab", args=[open_one.prisoner_id, "complaints"]),
        reverse("prisoner-tab", args=[confidential.prisoner_id, "complaints"]),
        reverse("prisoner-tab", args=[confidential.prisoner_id, "timeline"]),
        "/api/v1/complaints/",
        f"/api/v1/complaints/{open_one.pk}/",
        f"/api/v1/complaints/{confidential.pk}/",
        "/api/v1/complaints/overdue/",
        "/api/v1/complaints/after-complaint/",
        "/api/v1/complaints/statistics/",
    ]


@pytest.mark.parametrize(
    "role", ["officer.a", "officer.b", "casemanager.a", "programme.a", "supervisor.a", "central", "inspector"]
)
def test_every_prison_number_shown_is_in_the_read_event(demo, world, authorities, login, role):
    user = authorities.get(role) or demo.users[role]
    client = login(user)
    numbers = dict(Prisoner.objects.values_list("prison_number", "pk"))
    checked = 0
    for url in _urls(*world):
        last = ReadEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        response = client.get(url)
        if response.status_code >= 300:
            continue
        shown = {numbers[n] for n in NUMBER.findall(response.content.decode()) if n in numbers}
        if not shown:
            continue
        event = ReadEvent.objects.filter(id__gt=last).order_by("-id").first()
        assert event is not None, url
        assert shown <= set(event.subjects), (role, url)
        checked += 1
    # those who read complaints were shown some (the test is not vacuous)
    assert checked >= 3 or role in ("officer.b", "casemanager.a", "programme.a", "inspector"), role
