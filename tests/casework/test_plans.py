"""Case plans: lifecycle, versions, concurrent editors."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casework import services
from casework.models import CasePlan

pytestmark = pytest.mark.django_db


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
