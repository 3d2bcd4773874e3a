import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from casemgmt import services as core
from casemgmt.models import Prisoner
from casework import selectors, services
from casework.models import Allocation, CaseNote, CasePlan

pytestmark = pytest.mark.django_db


@pytest.fixture
def prisoner(demo):
    return demo.prisoners["A"][0]


@pytest.fixture
def cm2(demo):
    return core.staff_create(
        actor=None,
        username="casemanager.b2",
        password="Pass-Word-2026-b",
        roles=["case_manager"],
        facilities=[demo.facilities["A"]],
    )


@pytest.fixture
def plan(demo, prisoner):
    return services.plan_create(actor=demo.users["casemanager.a"], prisoner=prisoner, summary="First plan")


def test_allocation_grants_and_reallocation_revokes(demo, prisoner, cm2, client):
    sup = demo.users["supervisor.a"]
    cm1 = demo.users["casemanager.a"]
    assert Prisoner.objects.restrict(cm1, "manage_caseplan").filter(pk=prisoner.pk).exists()
    with pytest.raises(ValidationError) as error:
        services.allocation_set(actor=sup, prisoner=prisoner, case_manager=cm2)
    assert "handover_note" in error.value.message_dict
    services.allocation_set(
        actor=sup, prisoner=prisoner, case_manager=cm2, handover_note="Family visits Fridays."
    )
    assert Allocation.objects.get(prisoner=prisoner, ended_at__isnull=True).case_manager == cm2
    assert Prisoner.objects.restrict(cm2, "manage_caseplan").filter(pk=prisoner.pk).exists()
    client.force_login(cm1)
    assert client.get(reverse("prisoner-detail", args=[prisoner.pk])).status_code == 404
    assert client.get(reverse("prisoner-tab", args=[prisoner.pk, "plan"])).status_code == 404


def test_only_supervisors_allocate(demo, prisoner, cm2, client, api):
    client.force_login(demo.users["casemanager.a"])
    response = client.post(reverse("casework:allocate", args=[prisoner.pk]), {"case_manager": cm2.pk})
    assert response.status_code == 404
    listed = api(demo.users["supervisor.a"]).post(
        "/api/v1/allocations/",
        {"prisoner": prisoner.pk, "case_manager": cm2.pk, "handover_note": "ok"},
        format="json",
    )
    assert listed.status_code == 201


def test_plan_lifecycle_and_versions(demo, plan):
    cm = demo.users["casemanager.a"]
    with pytest.raises(ValidationError):
        services.plan_transition(actor=cm, plan=plan, to="active")  # no goal yet
    need = services.need_add(actor=cm, plan=plan, area="education", description="Cannot read Cyrillic")
    goal = services.goal_add(actor=cm, plan=plan, description="Reads and writes by release", need=need)
    services.action_add(actor=cm, goal=goal, description="Literacy class", target_date=timezone.localdate())
    plan = services.plan_transition(actor=cm, plan=plan, to="active")
    with pytest.raises(ValidationError):
        services.plan_transition(actor=cm, plan=plan, to="draft")
    plan = services.plan_transition(actor=cm, plan=plan, to="under_review")
    services.plan_review_record(
        actor=cm,
        plan=plan,
        held_on=timezone.localdate(),
        attendees="CM, teacher",
        decisions="Continue",
        progress={goal.pk: {"status": "partly", "note": "A1"}},
        next_review_date=timezone.localdate() + dt.timedelta(days=90),
    )
    plan.refresh_from_db()
    assert plan.status == "active" and plan.goals.get().status == "partly"
    assert plan.snapshots.count() == plan.version
    first = plan.snapshots.get(version=1)
    assert services.plan_on(plan, first.taken_at).data["goals"] == []


def test_second_editor_gets_a_conflict_with_what_changed(demo, plan):
    cm, sup = demo.users["casemanager.a"], demo.users["supervisor.a"]
    seen = plan.version
    services.goal_add(actor=sup, plan=plan, description="Keep family contact", expected_version=seen)
    with pytest.raises(ValidationError) as error:
        services.goal_add(actor=cm, plan=plan, description="Something else", expected_version=seen)
    assert error.value.code == "conflict"
    assert "Goal added: Keep family contact" in error.value.messages[0]
    assert CasePlan.objects.get(pk=plan.pk).goals.count() == 1


def test_conflict_in_the_browser_and_api(demo, plan, client, api):
    client.force_login(demo.users["casemanager.a"])
    url = reverse("casework:plan-change", args=[plan.pk, "goal"])
    first = client.post(url, {"version": plan.version, "goal-description": "Tab one"}, follow=True)
    assert "Saved" in first.content.decode()
    second = client.post(url, {"version": plan.version, "goal-description": "Tab two"}, follow=True)
    page = second.content.decode()
    assert "Someone else changed this plan" in page and "Tab one" in page
    assert list(plan.goals.values_list("description", flat=True)) == ["Tab one"]
    rest = api(demo.users["casemanager.a"])
    stale = rest.patch(f"/api/v1/case-plans/{plan.pk}/", {"version": 1, "summary": "x"}, format="json")
    assert stale.status_code == 409


def test_notes_grace_period_and_corrections(demo, prisoner, settings):
    cm = demo.users["casemanager.a"]
    note = services.note_add(actor=cm, prisoner=prisoner, kind="general", text="Calm, cooperative.")
    services.note_edit(actor=cm, note=note, text="Calm and cooperative.")
    with pytest.raises(ValidationError):
        services.note_edit(actor=demo.users["supervisor.a"], note=note, text="not mine")
    CaseNote.objects.filter(pk=note.pk).update(created_at=timezone.now() - dt.timedelta(minutes=30))
    with pytest.raises(ValidationError) as error:
        services.note_edit(actor=cm, note=note, text="too late")
    assert error.value.code == "locked"
    fix = services.note_add(
        actor=cm, prisoner=prisoner, kind="general", text="Correction: not calm.", corrects=note
    )
    assert fix.corrects == note and CaseNote.objects.get(pk=note.pk).text == "Calm and cooperative."
    with pytest.raises(DatabaseError, match="never deleted"), transaction.atomic():
        CaseNote.objects.filter(pk=fix.pk).delete()


def test_sensitive_notes_hidden_in_list_search_and_timeline(demo, prisoner, client):
    from casemgmt import permissions

    cm = demo.users["casemanager.a"]
    services.note_add(
        actor=cm, prisoner=prisoner, kind="security", text="Informant says recruiting in unit M1"
    )
    services.note_add(
        actor=cm, prisoner=prisoner, kind="general", text="Asked for recruiting books? no, Quran"
    )
    limited = core.staff_create(
        actor=None,
        username="cm.limited",
        password="Pass-Word-2026-l",
        roles=["case_manager"],
        facilities=[demo.facilities["A"]],
    )
    permissions.access_grant(
        actor=None, prisoners=[prisoner], user=limited, capabilities=["view_prisoner", "manage_caseplan"]
    )
    visible = set(selectors.notes_visible(user=limited).values_list("kind", flat=True))
    assert visible == {"general"}
    found, _more = selectors.notes_page(user=limited, prisoner=prisoner, query="recruiting")
    assert [n.kind for n in found] == ["general"]
    client.force_login(limited)
    html = client.get(reverse("casework:notes", args=[prisoner.pk]), {"q": "informant"}).content.decode()
    assert "Informant" not in html
    assert "Informant" not in client.get(reverse("casework:timeline", args=[prisoner.pk])).content.decode()
    client.force_login(cm)
    assert "Informant" in client.get(reverse("casework:timeline", args=[prisoner.pk])).content.decode()


def test_notes_keyset_pagination_newest_first(demo, prisoner):
    cm = demo.users["casemanager.a"]
    for i in range(30):
        services.note_add(actor=cm, prisoner=prisoner, kind="general", text=f"note {i}")
    page1, before = selectors.notes_page(user=cm, prisoner=prisoner)
    page2, end = selectors.notes_page(user=cm, prisoner=prisoner, before_id=before)
    assert [n.text for n in page1][:2] == ["note 29", "note 28"] and len(page1) == 25
    assert [n.text for n in page2] == [f"note {i}" for i in range(4, -1, -1)] and end is None


def test_caseload_and_timeline_queries_are_flat(demo, client, count_queries):
    cm = demo.users["casemanager.a"]
    client.force_login(cm)
    prisoner = demo.prisoners["A"][0]

    def measure():
        with count_queries() as c1:
            assert client.get(reverse("casework:caseload")).status_code == 200
        with count_queries() as c2:
            assert client.get(reverse("casework:timeline", args=[prisoner.pk])).status_code == 200
        return c1.count, c2.count

    small = measure()
    for p in demo.prisoners["A"]:
        plan = services.plan_create(actor=cm, prisoner=p)
        goal = services.goal_add(actor=cm, plan=plan, description="g")
        services.action_add(
            actor=cm, goal=goal, description="late", target_date=timezone.localdate() - dt.timedelta(days=3)
        )
        for i in range(5):
            services.note_add(actor=cm, prisoner=p, kind="general", text=f"n{i}")
    large = measure()
    assert small == large
    rows = list(selectors.caseload(user=cm, case_manager=cm, sort="overdue"))
    assert rows[0].overdue_actions == 1 and rows[0].plan_status == "draft"


def test_caseload_for_supervisor_and_not_for_officer(demo, client):
    client.force_login(demo.users["supervisor.a"])
    page = client.get(reverse("casework:caseload")).content.decode()
    assert demo.prisoners["A"][0].prison_number in page
    client.force_login(demo.users["officer.a"])
    assert client.get(reverse("casework:caseload")).status_code == 404


def test_api_notes_and_plans(demo, prisoner, api):
    rest = api(demo.users["casemanager.a"])
    created = rest.post(
        "/api/v1/case-notes/", {"prisoner": prisoner.pk, "kind": "behaviour", "text": "Fight"}, format="json"
    )
    assert created.status_code == 201
    listed = rest.get("/api/v1/case-notes/", {"prisoner": prisoner.pk, "q": "fight"}).json()
    assert [n["text"] for n in listed["results"]] == ["Fight"]
    plan = rest.post("/api/v1/case-plans/", {"prisoner": prisoner.pk}, format="json").json()
    goal = rest.post(
        f"/api/v1/case-plans/{plan['id']}/goals/",
        {"description": "Work", "version": plan["version"]},
        format="json",
    ).json()
    assert goal["goals"][0]["description"] == "Work"
    other = api(demo.users["officer.a"])
    assert other.get("/api/v1/case-notes/").json()["results"] == []
    assert other.get(f"/api/v1/case-plans/{plan['id']}/").status_code == 404


def test_notes_of_a_file_read_from_its_capabilities_are_the_visible_notes(demo, prisoner):
    """notes_of_file (the timeline's reading, from the capabilities the case file holds
    already) keeps exactly what notes_visible keeps of that file, for every demo user."""
    from casemgmt.permissions import capabilities_of
    from casework.choices import NoteKind

    cm = demo.users["casemanager.a"]
    for kind in NoteKind.values:
        services.note_add(actor=cm, prisoner=prisoner, kind=kind, text=f"a {kind} note")
    from casemgmt import permissions

    limited = core.staff_create(
        actor=None,
        username="cm.limited2",
        password="Pass-Word-2026-l",
        roles=["case_manager"],
        facilities=[demo.facilities["A"]],
    )
    permissions.access_grant(
        actor=None, prisoners=[prisoner], user=limited, capabilities=["view_prisoner", "manage_caseplan"]
    )
    seen_sensitive = seen_limited = False
    for user in [*demo.users.values(), limited]:
        expected = set(
            selectors.notes_visible(user=user).filter(prisoner=prisoner).values_list("pk", flat=True)
        )
        capabilities = capabilities_of(user, prisoner)
        mine = set(
            selectors.notes_of_file(prisoner=prisoner, capabilities=capabilities).values_list("pk", flat=True)
        )
        assert mine == expected, user.username
        seen_sensitive |= len(expected) == len(NoteKind.values)
        seen_limited |= 0 < len(expected) < len(NoteKind.values)
    assert seen_sensitive  # someone (the case manager, a supervisor) reads every kind
    assert seen_limited  # and the limited case manager only the open kinds
