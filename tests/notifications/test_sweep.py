"""Reminders: who gets what, exactly once."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from casework import services as casework
from classification.models import Classification
from demodata import builder as demo_data
from notifications import services, tasks
from notifications.models import Notification, Reminder
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def due_in(prisoner, days, supervisor):
    """Give the prisoner an approved classification whose review falls ``days`` from today."""
    from classification import services as risk
    from tests.classification.conftest import TEST_INSTRUMENT, rate_all

    instrument = (
        risk.instrument_load(actor=None, data=TEST_INSTRUMENT).instrument
        if not hasattr(due_in, "i")
        else None
    )
    due_in.i = instrument or due_in.i
    cm = supervisor.__class__.objects.get(username="casemanager.a")
    a = risk.assessment_start(actor=cm, prisoner=prisoner, instrument=due_in.i)
    a = risk.assessment_save(actor=cm, assessment=a, ratings=rate_all(a), overall="low", formulation="f")
    a = risk.assessment_submit(actor=cm, assessment=a)
    decided = risk.classification_decide(
        actor=supervisor, classification=risk.assessment_approve(actor=supervisor, assessment=a)
    )
    Classification.objects.filter(pk=decided.pk).update(
        next_review_due=timezone.localdate() + dt.timedelta(days=days)
    )


@pytest.fixture
def world(demo):
    if hasattr(due_in, "i"):
        del due_in.i
    sup = demo.users["supervisor.a"]
    a = demo.prisoners["A"]
    due_in(a[0], 10, sup)  # upcoming (within 14 days)
    due_in(a[1], 0, sup)  # due today
    due_in(a[2], -3, sup)  # overdue
    due_in(a[3], -20, sup)  # overdue beyond escalation: case manager and supervisors
    due_in(a[4], 40, sup)  # not yet
    # a[5] has no assessment: its initial one falls due 14 days after the file opened (upcoming).
    return demo


def kinds(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_due_reviews_notify_once_per_recipient(world):
    cm, sup = world.users["casemanager.a"], world.users["supervisor.a"]
    first = services.sweep()
    assert kinds(cm) == [
        "review_due",
        "review_overdue",
        "review_overdue",
        "review_upcoming",
        "review_upcoming",
    ]
    assert kinds(sup) == ["review_escalated"]
    again = services.sweep()
    assert again.created == 0 and first.created == 6
    assert Notification.objects.count() == 6


def test_unallocated_reviews_go_to_the_supervisors(world):
    from casework.models import Allocation

    prisoner = world.prisoners["A"][1]
    Allocation.objects.filter(prisoner=prisoner).update(ended_at=timezone.now())
    services.sweep()
    assert (
        Notification.objects.filter(
            recipient=world.users["supervisor.a"], kind="review_unallocated", prisoner=prisoner
        ).count()
        == 1
    )


def test_late_actions_and_waiting_approvals(demo):
    cm, sup = demo.users["casemanager.a"], demo.users["supervisor.a"]
    prisoner = demo.prisoners["A"][0]
    plan = casework.plan_create(actor=cm, prisoner=prisoner)
    goal = casework.goal_add(actor=cm, plan=plan, description="g")
    casework.action_add(
        actor=cm, goal=goal, description="late", target_date=timezone.localdate() - dt.timedelta(days=1)
    )
    casework.action_add(actor=cm, goal=goal, description="fine", target_date=timezone.localdate())
    from classification import services as risk
    from classification.models import Assessment
    from tests.classification.conftest import TEST_INSTRUMENT, rate_all

    instrument = risk.instrument_load(actor=None, data=TEST_INSTRUMENT).instrument
    a = risk.assessment_start(actor=cm, prisoner=prisoner, instrument=instrument)
    a = risk.assessment_save(actor=cm, assessment=a, ratings=rate_all(a), overall="low", formulation="f")
    a = risk.assessment_submit(actor=cm, assessment=a)
    services.sweep()
    assert "approval_waiting" not in kinds(sup)
    Assessment.objects.filter(pk=a.pk).update(submitted_at=timezone.now() - dt.timedelta(days=4))
    services.sweep()
    assert kinds(sup).count("approval_waiting") == 1
    assert kinds(cm).count("action_overdue") == 1


def test_lead_time_edge_and_dushanbe_midnight(world, settings):
    cm = world.users["casemanager.a"]
    # 23:59 in Dushanbe is still "today" for a review due today, though it is 18:59 UTC.
    late_evening = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(23, 59)))
    assert timezone.localdate(late_evening) == timezone.localdate()
    due = services.sweep(dry_run=True, today=timezone.localdate())
    assert {d.kind for d in due if d.recipient_id == cm.pk} == {
        "review_due",
        "review_overdue",
        "review_upcoming",
    }
    settings.REMINDER_LEAD_DAYS = 9  # the one due in 10 days falls outside
    due = services.sweep(dry_run=True)
    assert "review_upcoming" not in {d.kind for d in due}
    assert Reminder.objects.count() == 0  # a dry run writes nothing


def test_two_sweeps_at_once_make_no_duplicates(transactional_db):
    demo = demo_data.build(prisoners=12, password=PASSWORD)
    if hasattr(due_in, "i"):
        del due_in.i
    for p, days in zip(demo.prisoners["A"][:4], (0, -1, -2, 3), strict=True):
        due_in(p, days, demo.users["supervisor.a"])
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            barrier.wait()
            services.sweep(batch=1)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    expected = len(services.sweep(dry_run=True))
    assert expected >= 4
    assert Reminder.objects.count() == Notification.objects.count() == expected


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_email_in_the_recipients_language_and_the_digest(world):
    cm, sup = world.users["casemanager.a"], world.users["supervisor.a"]
    cm.email, cm.preferred_language = "cm@example.org", "tg"
    cm.save()
    sup.email, sup.email_digest = "sup@example.org", True
    sup.save()
    services.sweep()
    tasks.send_reminder_emails(list(Reminder.objects.values_list("pk", flat=True)))
    assert [m.to for m in mail.outbox] == [["cm@example.org"]] * 5
    from django.utils import translation

    with translation.override("tg"):
        from django.utils.translation import gettext

        assert gettext("Risk review overdue") in mail.outbox[0].body + "".join(m.body for m in mail.outbox)
    tasks.send_reminder_emails(list(Reminder.objects.values_list("pk", flat=True)))
    assert len(mail.outbox) == 5  # a retried task sends nothing twice
    tasks.send_digests()
    assert mail.outbox[-1].to == ["sup@example.org"] and len(mail.outbox) == 6
    tasks.send_digests()
    assert len(mail.outbox) == 6


def test_notification_centre_and_api(world, client, api):
    cm = world.users["casemanager.a"]
    services.sweep()
    client.force_login(cm)
    home = client.get("/").content.decode()
    assert 'class="count">5<' in home
    page = client.get("/notifications/")
    assert len(page.context["notifications"]) == 5
    note = Notification.objects.filter(recipient=cm).first()
    assert client.get(f"/notifications/{note.pk}/open/")["Location"] == note.link
    rest = api(cm)
    assert rest.get("/api/v1/notifications/", {"unread": "1"}).json()["count"] == 4
    assert rest.post("/api/v1/notifications/mark-read/", {}, format="json").json()["marked"] == 4
    other = api(world.users["officer.a"])
    assert other.get(f"/api/v1/notifications/{note.pk}/").status_code == 404


def test_a_user_chooses_the_digest(demo, client):
    cm = demo.users["casemanager.a"]
    client.force_login(cm)
    client.post("/notifications/preferences/", {"email_digest": "on"})
    cm.refresh_from_db()
    assert cm.email_digest
    client.post("/notifications/preferences/", {})
    cm.refresh_from_db()
    assert not cm.email_digest
