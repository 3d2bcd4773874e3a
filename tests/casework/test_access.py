"""Issue 16 in case management: handover notes, action owners, the read audit of the
notes, caseload and timeline pages, the timeline and history against the restrictions,
text limits."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casemgmt import history, permissions, timeline
from casemgmt import services as casemgmt_services
from casework import services
from casework.choices import NoteKind
from casework.models import LONG_TEXT, Action, Allocation, CaseNote, CasePlan
from core import grants
from core.grants import capabilities_of
from core.models import AuditEvent, ReadEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def prisoner(demo):
    return demo.prisoners["A"][0]


@pytest.fixture
def programme(demo, prisoner):
    """programme.a runs a programme the prisoner attends: view and view_programme."""
    user = demo.users["programme.a"]
    grants.access_grant(
        actor=None, prisoners=[prisoner], user=user, capabilities=permissions.PROGRAMME_STAFF_CAPABILITIES
    )
    return user


@pytest.fixture
def reallocated(demo, prisoner):
    """The prisoner's case passes to a second case manager, with a handover note."""
    cm2 = casemgmt_services.staff_create(
        actor=None,
        username="casemanager.a2",
        password="Pass-Word-2026-b",
        roles=["case_manager"],
        facilities=[demo.facilities["A"]],
    )
    services.allocation_set(
        actor=demo.users["supervisor.a"], prisoner=prisoner, case_manager=cm2, handover_note="Fears unit M1."
    )
    return cm2


def last_read(user):
    return ReadEvent.objects.filter(actor=user).latest("id")


# --- allocation handover notes -------------------------------------------------------


def test_handover_notes_only_with_the_case_plan_capability(demo, prisoner, programme, reallocated, api):
    def notes(user):
        rows = api(user).get("/api/v1/allocations/", {"prisoner": prisoner.pk}).json()["results"]
        return sorted((r["handover_note"] or "") for r in rows)

    assert notes(demo.users["officer.a"]) == ["", ""]
    assert notes(programme) == ["", ""]
    assert notes(demo.users["supervisor.a"]) == ["", "Fears unit M1."]
    assert notes(reallocated) == ["", "Fears unit M1."]
    one = Allocation.objects.get(prisoner=prisoner, ended_at__isnull=True)
    detail = api(demo.users["officer.a"]).get(f"/api/v1/allocations/{one.pk}/").json()
    assert detail["handover_note"] is None and detail["case_manager"] == reallocated.pk


def test_handover_rule_costs_no_query_per_row(demo, api, count_queries):
    """The handover rule is an annotation of the page's own query: a longer page costs the same."""
    rest = api(demo.users["officer.a"])

    def measure(size):
        with count_queries() as counted:
            assert len(rest.get("/api/v1/allocations/", {"page_size": size}).json()["results"]) == size
        return counted.count

    measure(1)  # the reader's share of the files, read once and kept (core.tallies.list_walk)
    assert measure(1) == measure(5)


def test_handover_notes_hidden_from_the_officers_history_tab(demo, prisoner, reallocated, login):
    url = reverse("prisoner-tab", args=[prisoner.pk, "history"])
    assert "Fears unit M1." not in login(demo.users["officer.a"]).get(url).content.decode()
    assert "Fears unit M1." in login(demo.users["supervisor.a"]).get(url).content.decode()


# --- action owners -------------------------------------------------------------------


@pytest.fixture
def plan(demo, prisoner):
    cm = demo.users["casemanager.a"]
    plan = services.plan_create(actor=cm, prisoner=prisoner)
    services.goal_add(actor=cm, plan=plan, description="Reads by release")
    return CasePlan.objects.get(pk=plan.pk)


def test_an_owner_who_cannot_read_the_file_is_refused(demo, plan):
    cm, goal = demo.users["casemanager.a"], plan.goals.get()
    for outsider in (demo.users["officer.b"], demo.users["admin"]):
        with pytest.raises(ValidationError) as error:
            services.action_add(actor=cm, goal=goal, description="Class", owner=outsider)
        assert "must be able to read this prisoner's file" in error.value.message_dict["owner"][0]
    services.action_add(actor=cm, goal=goal, description="Class", owner=demo.users["officer.a"])
    assert list(Action.objects.values_list("owner__username", flat=True)) == ["officer.a"]


def test_an_owner_without_access_is_refused_by_the_api(demo, plan, api):
    rest = api(demo.users["casemanager.a"])
    goal = plan.goals.get()
    url = f"/api/v1/case-plans/{plan.pk}/actions/"
    refused = rest.post(url, {"goal": goal.pk, "description": "Class", "owner": demo.users["officer.b"].pk})
    assert refused.status_code == 400
    assert "must be able to read this prisoner's file" in refused.json()["owner"][0]
    accepted = rest.post(url, {"goal": goal.pk, "description": "Class", "owner": demo.users["officer.a"].pk})
    assert accepted.status_code == 201
    assert Action.objects.get().owner == demo.users["officer.a"]


def test_an_owner_without_access_is_refused_by_the_page(demo, plan, login):
    client = login(demo.users["casemanager.a"])
    goal = plan.goals.get()
    tab = client.get(reverse("prisoner-tab", args=[plan.prisoner_id, "plan"])).content.decode()
    assert demo.users["officer.a"].last_name in tab  # a reader of the file is offered
    assert demo.users["officer.b"].last_name not in tab and "Системы" not in tab
    page = client.post(
        reverse("casework:plan-change", args=[plan.pk, "action"]),
        {
            "version": plan.version,
            "goal": goal.pk,
            f"action-{goal.pk}-description": "Class",
            f"action-{goal.pk}-owner": demo.users["officer.b"].pk,
        },
        follow=True,
    )
    assert "must be able to read this prisoner&#x27;s file" in page.content.decode()
    assert not Action.objects.exists()


# --- the case-note restriction and the service's own checks ----------------------------


def test_a_sensitive_kind_needs_its_capability_in_the_service_and_the_api(demo, prisoner, api):
    limited = casemgmt_services.staff_create(
        actor=None,
        username="cm.limited",
        password="Pass-Word-2026-l",
        roles=["case_manager"],
        facilities=[demo.facilities["A"]],
    )
    grants.access_grant(
        actor=None, prisoners=[prisoner], user=limited, capabilities=["view_prisoner", "manage_caseplan"]
    )
    from django.http import Http404

    with pytest.raises(Http404):
        services.note_add(actor=limited, prisoner=prisoner, kind="health", text="x")
    rest = api(limited)
    assert (
        rest.post("/api/v1/case-notes/", {"prisoner": prisoner.pk, "kind": "health", "text": "x"}).status_code
        == 404
    )
    assert (
        rest.post(
            "/api/v1/case-notes/", {"prisoner": prisoner.pk, "kind": "general", "text": "x"}
        ).status_code
        == 201
    )
    foreign = demo.prisoners["B"][0]
    assert (
        rest.post("/api/v1/case-notes/", {"prisoner": foreign.pk, "kind": "general", "text": "x"}).status_code
        == 404
    )
    with pytest.raises(Http404):
        services.note_add(actor=demo.users["officer.a"], prisoner=prisoner, kind="general", text="x")


def test_note_restriction_for_every_action_keeps_the_kind_rules(demo, prisoner):
    cm = demo.users["casemanager.a"]
    for kind in NoteKind.values:
        services.note_add(actor=cm, prisoner=prisoner, kind=kind, text=f"a {kind} note")
    for user in demo.users.values():
        capabilities = capabilities_of(user, prisoner)
        for action in ("view", "manage_caseplan"):
            kinds = set(
                CaseNote.objects.restrict(user, action)
                .filter(prisoner=prisoner)
                .values_list("kind", flat=True)
            )
            expected = (
                set()
                if "manage_caseplan" not in capabilities
                else {
                    k
                    for k in NoteKind.values
                    if services.NOTE_CAPABILITY.get(k, "manage_caseplan") in capabilities
                }
            )
            assert kinds == expected, (user.username, action)


# --- the read audit --------------------------------------------------------------------


def test_notes_page_caseload_and_timeline_note_what_they_show(demo, prisoner, login):
    cm = demo.users["casemanager.a"]
    services.note_add(actor=cm, prisoner=prisoner, kind="general", text="Calm.")
    client = login(cm)
    assert client.get(reverse("casework:notes", args=[prisoner.pk])).status_code == 200
    event = last_read(cm)
    assert event.subjects == [prisoner.pk] and "casework.casenote" in event.records
    assert client.get(reverse("casework:timeline", args=[prisoner.pk])).status_code == 200
    assert last_read(cm).subjects == [prisoner.pk]
    page = client.get(reverse("casework:caseload")).content.decode()
    caseload = sorted(p.pk for p in demo.prisoners["A"])
    assert sorted(last_read(cm).subjects) == caseload
    assert all(p.prison_number in page for p in demo.prisoners["A"])
    plan = services.plan_create(actor=cm, prisoner=prisoner)
    assert client.get(reverse("casework:plan-on", args=[plan.pk]), {"on": "2020-01-01"}).status_code == 200
    assert last_read(cm).subjects == [prisoner.pk]


def test_the_supervisors_caseload_notes_every_row(demo, login):
    sup = demo.users["supervisor.a"]
    login(sup).get(reverse("casework:caseload"), {"manager": demo.users["casemanager.a"].pk})
    assert sorted(last_read(sup).subjects) == sorted(p.pk for p in demo.prisoners["A"])


def test_api_lists_and_details_note_their_prisoners(demo, prisoner, api):
    cm = demo.users["casemanager.a"]
    note = services.note_add(actor=cm, prisoner=prisoner, kind="general", text="Calm.")
    plan = services.plan_create(actor=cm, prisoner=prisoner)
    rest = api(cm)
    for url in ("/api/v1/case-notes/", f"/api/v1/case-notes/{note.pk}/", f"/api/v1/case-plans/{plan.pk}/"):
        assert rest.get(url).status_code == 200
        assert last_read(cm).subjects == [prisoner.pk], url
    assert rest.get("/api/v1/allocations/").status_code == 200
    assert sorted(last_read(cm).subjects) == sorted(p.pk for p in demo.prisoners["A"])
    assert not AuditEvent.objects.filter(action="view").exists()  # reads are in the read log only


# --- timeline and history against the restrictions -----------------------------------


def test_the_timeline_shows_of_this_app_only_what_the_reader_may_open(demo, prisoner, programme):
    cm = demo.users["casemanager.a"]
    for kind in NoteKind.values:
        services.note_add(actor=cm, prisoner=prisoner, kind=kind, text=f"a {kind} note")
    services.plan_create(actor=cm, prisoner=prisoner)
    for user in demo.users.values():
        capabilities = capabilities_of(user, prisoner)
        if "view_prisoner" not in capabilities:
            continue
        entries = timeline.entries(prisoner, user, capabilities, limit=200)
        notes = sum(e.kind == "note" for e in entries)
        assert notes == CaseNote.objects.restrict(user, "view").filter(prisoner=prisoner).count(), (
            user.username
        )
        plans = any(e.kind == "plan" for e in entries)
        assert plans == CasePlan.objects.restrict(user, "manage_caseplan").filter(prisoner=prisoner).exists()
        allocations = sum(e.kind == "allocation" for e in entries)
        assert allocations == Allocation.objects.restrict(user, "view").filter(prisoner=prisoner).count()


def test_history_rows_of_this_app_follow_the_record_types_capabilities(demo, prisoner, reallocated):
    services.note_add(actor=reallocated, prisoner=prisoner, kind="health", text="Diabetic.")
    note = services.note_add(actor=reallocated, prisoner=prisoner, kind="general", text="Calm.")
    services.note_edit(actor=reallocated, note=note, text="Calm, polite.")
    services.plan_create(actor=reallocated, prisoner=prisoner)
    events = list(AuditEvent.objects.filter(subject=prisoner))
    types = {e.object_type for e in events}
    assert {"casework.casenote", "casework.caseplan", "casework.allocation"} <= types
    assert all(history.needed(e) for e in events if e.object_type.startswith("casework."))
    officer = demo.users["officer.a"]
    seen = history.readable(events, officer, capabilities_of(officer, prisoner))
    assert not [e for e in seen if e.object_type in ("casework.casenote", "casework.caseplan")]
    assert not [e for e in seen if e.object_type == "casework.allocation" and e.reason]
    assert [e for e in seen if e.object_type == "casework.allocation" and not e.reason]  # the first one
    mine = history.readable(events, reallocated, capabilities_of(reallocated, prisoner))
    assert sum(e.object_type == "casework.casenote" for e in mine) == 3


# --- text limits -------------------------------------------------------------------------


def test_free_texts_have_a_limit(demo, prisoner, api, login):
    cm = demo.users["casemanager.a"]
    too_long = "x" * (LONG_TEXT + 1)
    with pytest.raises(ValidationError):
        services.note_add(actor=cm, prisoner=prisoner, kind="general", text=too_long)
    rest = api(cm)
    refused = rest.post("/api/v1/case-notes/", {"prisoner": prisoner.pk, "kind": "general", "text": too_long})
    assert refused.status_code == 400 and "text" in refused.json()
    page = login(cm).post(
        reverse("casework:notes", args=[prisoner.pk]), {"kind": "general", "text": too_long}, follow=True
    )
    assert "Ensure this value has at most" in page.content.decode()
    plan = rest.post("/api/v1/case-plans/", {"prisoner": prisoner.pk, "summary": "y" * 4001})
    assert plan.status_code == 400 and "summary" in plan.json()
    with pytest.raises(ValidationError):
        services.plan_create(actor=cm, prisoner=prisoner, summary="y" * 4001)
    assert not CaseNote.objects.exists() and not CasePlan.objects.exists()


def test_a_review_has_text_limits(demo, plan):
    """A review's decisions are a narrative (LONG_TEXT), its attendees a short text."""
    cm = demo.users["casemanager.a"]
    with pytest.raises(ValidationError):
        services.plan_review_record(
            actor=cm,
            plan=plan,
            held_on=timezone.localdate() - dt.timedelta(days=1),
            attendees="a" * 4001,
            decisions="d",
            progress={},
        )
