"""Every GET of custody and intake that answers 2xx writes one read event naming every
prisoner whose number the body carries (issue 16), for every demo role: lists, pages,
tabs, the roll, the API lists and details, the duplicate check."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from casemgmt.models import Prisoner
from classification.services import keep_apart_add
from core.models import ReadEvent
from custody import services
from intake import services as intake_services
from tests.intake.conftest import make_draft

pytestmark = pytest.mark.django_db

NUMBER = re.compile(rf"\b{re.escape(settings.PRISON_NUMBER_PREFIX)}-\d{{4}}-\d{{6}}\b")


@pytest.fixture
def records(demo):
    """A movement whose override names another man, a find, an incident of two prisoners,
    a keep-apart link, a draft and a filed admission."""
    officer, supervisor = demo.users["officer.a"], demo.users["supervisor.a"]
    first = next(p for p in demo.prisoners["A"] if p.unit.code == "M1")
    second = next(p for p in demo.prisoners["A"] if p.unit.code == "R")
    keep_apart_add(actor=supervisor, prisoner=second, other=first, scope="facility", reason="co-accused")
    services.movement_record(actor=officer, prisoner=first, kind="court", external_place="Суд", reason="x")
    services.movement_record(actor=officer, prisoner=first, kind="return", reason="back")
    moved = services.movement_record(
        actor=supervisor,
        prisoner=second,
        kind="cell_move",
        facility=first.facility,
        unit=first.unit,
        cell=first.unit.cells.exclude(pk=first.cell_id).first(),
        reason="repairs",
        override_reason="one night",
    )
    assert moved.conflicts
    search = services.search_record(
        actor=officer,
        facility=demo.facilities["A"],
        kind="person",
        basis="planned",
        prisoner=first,
        searched_by="Назарова",
        result="finds",
    )
    find = services.find_record(
        actor=officer,
        search=search,
        tag_number="T-1",
        item_type="phone",
        description="phone",
        where_found="pocket",
        prisoner=first,
        holder="Назарова",
    )
    incident = services.incident_create(
        actor=officer, facility=demo.facilities["A"], kind="assault", location="yard", description="x"
    )
    services.incident_person_add(actor=officer, incident=incident, role="perpetrator", prisoner=first)
    services.incident_person_add(actor=officer, incident=incident, role="victim", prisoner=second)
    services.incident_submit(actor=officer, incident=incident)
    draft = make_draft(demo)
    filed = intake_services.admission_complete(actor=officer, admission=make_draft(demo, unit_code="W1"))
    return {
        "first": first,
        "search": search,
        "find": find,
        "incident": incident,
        "draft": draft,
        "filed": filed,
        "unit": first.unit,
        "movement": moved,
    }


def _urls(demo, r):
    first = r["first"]
    return [
        reverse("custody:movements"),
        reverse("custody:roll-index"),
        reverse("custody:roll", args=[demo.facilities["A"].pk]),
        reverse("custody:unit-roll", args=[r["unit"].pk]),
        reverse("custody:searches"),
        reverse("custody:search", args=[r["search"].pk]),
        reverse("custody:finds"),
        reverse("custody:find", args=[r["find"].pk]),
        reverse("custody:incidents"),
        reverse("custody:incident", args=[r["incident"].pk]),
        reverse("prisoner-tab", args=[first.pk, "movements"]),
        reverse("prisoner-tab", args=[r["filed"].prisoner_id, "intake"]),
        reverse("intake:list") + "?status=all",
        reverse("intake:detail", args=[r["filed"].pk]),
        reverse("intake:step", args=[r["draft"].pk, "identity"]),
        reverse("intake:candidates", args=[r["draft"].pk]) + f"?s-family_name={first.family_name}",
        "/api/v1/movements/",
        f"/api/v1/movements/{r['movement'].pk}/",
        "/api/v1/keep-apart/",
        "/api/v1/searches/",
        "/api/v1/finds/",
        f"/api/v1/finds/{r['find'].pk}/",
        "/api/v1/incidents/",
        f"/api/v1/incidents/{r['incident'].pk}/",
        "/api/v1/admissions/",
        f"/api/v1/admissions/{r['filed'].pk}/",
        f"/api/v1/admissions/{r['draft'].pk}/candidates/",
    ]


def test_every_number_shown_is_a_subject_of_the_read_event(demo, records, client):
    numbers = dict(Prisoner.objects.values_list("prison_number", "pk"))
    checked = 0
    for name, user in demo.users.items():
        client.force_login(user)
        for url in _urls(demo, records):
            before = ReadEvent.objects.count()
            answer = client.get(url, follow=False)
            if not 200 <= answer.status_code < 300:
                continue
            shown = set(NUMBER.findall(answer.content.decode()))
            written = ReadEvent.objects.count() - before
            if not shown:
                assert written <= 1, (name, url)
                continue
            assert written == 1, (name, url, shown)
            event = ReadEvent.objects.latest("id")
            missing = {n for n in shown if numbers[n] not in event.subjects}
            assert not missing, (name, url, missing)
            checked += 1
    assert checked > 30
