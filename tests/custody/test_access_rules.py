"""Issue 16 in custody and intake: services re-check the person named by the user, free
texts have a ceiling, and the history tab shows a custody row only to whoever may read
that kind of record."""

import pytest
from django.http import Http404

from casemgmt import history
from casemgmt.permissions import Capability
from core.models import AuditEvent
from custody import services

pytestmark = pytest.mark.django_db


def test_a_service_refuses_a_person_the_actor_may_not_change(demo):
    foreign = demo.prisoners["B"][0]
    officer = demo.users["officer.a"]
    with pytest.raises(Http404):
        services.movement_record(
            actor=officer, prisoner=foreign, kind="court", external_place="x", reason="x"
        )
    incident = services.incident_create(
        actor=officer, facility=demo.facilities["A"], kind="assault", location="yard", description="x"
    )
    with pytest.raises(Http404):
        services.incident_person_add(actor=officer, incident=incident, role="victim", prisoner=foreign)
    # A system step (no actor) is not checked.
    services.movement_record(actor=None, prisoner=foreign, kind="court", external_place="x", reason="x")


def test_free_texts_have_a_ceiling(demo, api):
    officer = api(demo.users["officer.a"])
    too_long = "я" * 20001
    answer = officer.post(
        "/api/v1/incidents/",
        {"facility": demo.facilities["A"].pk, "kind": "assault", "location": "yard", "description": too_long},
        format="json",
    )
    assert answer.status_code == 400 and "description" in answer.json()
    prisoner = demo.prisoners["A"][0]
    answer = officer.post(
        "/api/v1/movements/",
        {"prisoner": prisoner.pk, "kind": "court", "external_place": "Суд", "reason": "я" * 4001},
        format="json",
    )
    assert answer.status_code == 400 and "reason" in answer.json()


def test_history_rows_follow_the_record_types_readers(demo):
    officer, prisoner = demo.users["officer.a"], demo.prisoners["A"][0]
    services.movement_record(actor=officer, prisoner=prisoner, kind="court", external_place="Суд", reason="x")
    search = services.search_record(
        actor=officer,
        facility=demo.facilities["A"],
        kind="person",
        basis="planned",
        prisoner=prisoner,
        searched_by="Назарова",
        result="finds",
    )
    services.find_record(
        actor=officer,
        search=search,
        tag_number="T-9",
        item_type="phone",
        description="phone",
        where_found="pocket",
        prisoner=prisoner,
        holder="Назарова",
    )
    events = list(AuditEvent.objects.filter(subject=prisoner, object_type__startswith="custody."))
    types = {e.object_type for e in events}
    assert {"custody.movement", "custody.search", "custody.find", "custody.custodyevent"} <= types
    assert all(history.needed(e) for e in events)  # every custody type is registered
    programme = {Capability.VIEW, Capability.VIEW_PROGRAMME}
    shown = {e.object_type for e in history.readable(events, None, frozenset(programme))}
    assert shown == {"custody.movement"}
    security = {Capability.VIEW, Capability.VIEW_SECURITY}
    shown = {e.object_type for e in history.readable(events, None, frozenset(security))}
    assert shown == {"custody.movement", "custody.find", "custody.custodyevent"}
