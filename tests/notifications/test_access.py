"""Recipients must hold the file: reminders are checked when created and when read."""

import datetime as dt

import pytest
from django.utils import timezone

from casemgmt import services as casemgmt_services
from casework import services as casework
from casework.models import Action
from core.models import ReadEvent
from notifications import services
from notifications.models import Notification, Reminder

pytestmark = pytest.mark.django_db


@pytest.fixture
def late_action(demo):
    """An action of the first case manager's plan, owned by them, past its target date;
    and a second one owned by them that falls due tomorrow."""
    cm = demo.users["casemanager.a"]
    prisoner = demo.prisoners["A"][0]
    plan = casework.plan_create(actor=cm, prisoner=prisoner)
    goal = casework.goal_add(actor=cm, plan=plan, description="g")
    today = timezone.localdate()
    casework.action_add(
        actor=cm, goal=goal, description="late", owner=cm, target_date=today - dt.timedelta(days=1)
    )
    casework.action_add(actor=cm, goal=goal, description="tomorrow", owner=cm, target_date=today)
    return prisoner


def reallocate(demo, prisoner):
    cm2 = casemgmt_services.staff_create(
        actor=None,
        username="casemanager.a2",
        password="Pass-Word-2026-b",
        roles=["case_manager"],
        facilities=[demo.facilities["A"]],
    )
    casework.allocation_set(
        actor=demo.users["supervisor.a"], prisoner=prisoner, case_manager=cm2, handover_note="Over to you."
    )
    return cm2


def test_reallocation_stops_reminders_and_hides_old_ones(demo, late_action, client, api):
    cm = demo.users["casemanager.a"]
    services.sweep()
    about = Notification.objects.filter(recipient=cm, prisoner=late_action)
    old = about.get(kind="action_overdue")
    before = Notification.objects.filter(recipient=cm).count()
    client.force_login(cm)
    assert f'class="count">{before}<' in client.get("/").content.decode()
    assert late_action.prison_number in client.get("/notifications/").content.decode()

    cm2 = reallocate(demo, late_action)
    # Old ones: hidden from the list, the bell, the API; opening one is 404.
    after = before - about.count()
    page = client.get("/notifications/")
    assert len(page.context["notifications"]) == after
    assert late_action.prison_number not in page.content.decode()
    assert f'class="count">{after}<' in client.get("/").content.decode()
    assert client.get(f"/notifications/{old.pk}/open/").status_code == 404
    rest = api(cm)
    listed = rest.get("/api/v1/notifications/").json()
    assert listed["count"] == after and late_action.pk not in {n["prisoner"] for n in listed["results"]}
    assert rest.get(f"/api/v1/notifications/{old.pk}/").status_code == 404
    assert rest.post("/api/v1/notifications/mark-read/", {}, format="json").json()["marked"] == after
    assert about.filter(read_at__isnull=True).count() == about.count()  # hidden, not touched
    # New ones: tomorrow the second action is late; its owner has lost the file, the new
    # case manager is reminded.
    services.sweep(today=timezone.localdate() + dt.timedelta(days=1))
    second = Action.objects.get(description="tomorrow")
    assert not Reminder.objects.filter(recipient=cm, subject_type="action", subject_id=second.pk).exists()
    assert Reminder.objects.filter(recipient=cm2, subject_type="action", subject_id=second.pk).exists()
    assert not any(
        d.recipient_id == cm.pk and d.prisoner_id == late_action.pk for d in services.sweep(dry_run=True)
    )


def test_an_owner_from_another_facility_is_not_reminded(demo, late_action):
    """An owner set before the rule (or who lost the file since) gets no reminder naming the prisoner."""
    outsider = demo.users["officer.b"]
    Action.objects.filter(description="late").update(owner=outsider)
    services.sweep()
    assert not Reminder.objects.filter(recipient=outsider).exists()
    assert Reminder.objects.filter(recipient=demo.users["casemanager.a"], subject_type="action").exists()


def test_the_list_and_the_api_note_the_prisoners_they_name(demo, late_action, client, api):
    cm = demo.users["casemanager.a"]
    services.sweep()
    client.force_login(cm)
    named = sorted(set(Notification.objects.filter(recipient=cm).values_list("prisoner_id", flat=True)))
    assert late_action.pk in named and len(named) < 50  # one page
    assert client.get("/notifications/").status_code == 200
    assert ReadEvent.objects.filter(actor=cm).latest("id").subjects == named
    assert api(cm).get("/api/v1/notifications/", {"page_size": 100}).status_code == 200
    assert ReadEvent.objects.filter(actor=cm).latest("id").subjects == named
