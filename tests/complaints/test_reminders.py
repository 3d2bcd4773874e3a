"""Deadlines through the existing reminder sweep: once each, escalated once, across sweeps
and a sweep that dies half way."""

import datetime as dt

import pytest
from django.utils import timezone

from complaints import services as complaints
from notifications import services
from notifications.models import Reminder

pytestmark = pytest.mark.django_db


def _ours():
    return Reminder.objects.filter(subject_type__startswith="complaint.")


def _received(days_ago):
    return timezone.now() - dt.timedelta(days=days_ago)


def test_one_reminder_per_deadline_and_one_escalation_across_two_sweeps(demo, make, settings):
    settings.COMPLAINT_ACK_DAYS_DIRECTOR = 2
    settings.COMPLAINT_ANSWER_DAYS_DIRECTOR = 10
    sup = demo.users["supervisor.a"]
    c = make(received_at=_received(5))  # acknowledgement 3 days late; answer not yet within the lead
    services.sweep()
    # Nobody handles it yet: the supervisors are reminded, and (overdue) escalated to.
    rows = set(_ours().values_list("kind", "subject_type", "recipient_id"))
    assert rows == {
        ("complaint_ack", "complaint.ack", sup.pk),
        ("complaint_overdue", "complaint.ack", sup.pk),
    }
    services.sweep()
    assert _ours().count() == 2
    complaints.complaint_acknowledge(actor=sup, complaint=c)
    services.sweep(today=timezone.localdate() + dt.timedelta(days=4))  # answer due within the lead
    assert _ours().filter(subject_type="complaint.answer").count() == 1
    services.sweep(today=timezone.localdate() + dt.timedelta(days=7))  # answer overdue: escalated once
    services.sweep(today=timezone.localdate() + dt.timedelta(days=8))
    answer = _ours().filter(subject_type="complaint.answer")
    assert sorted(answer.values_list("kind", flat=True)) == ["complaint_answer", "complaint_overdue"]


def test_the_handler_is_reminded_and_the_person_complained_about_never(demo, make, authorities):
    sup, officer = demo.users["supervisor.a"], demo.users["officer.a"]
    make(received_at=_received(5), category="staff_conduct", about_staff=sup)
    routed = make(received_at=_received(8), route="central", confidential=True, words="")
    services.sweep()
    assert not _ours().filter(recipient=sup).exclude(subject_id=routed.pk).exists()
    assert not _ours().filter(recipient=officer).exists()
    central = _ours().filter(subject_id=routed.pk, recipient=authorities["central"])
    assert set(central.values_list("kind", flat=True)) == {"complaint_ack"}
    # The supervisors are escalated to with a link that shows no content.
    escalated = _ours().get(subject_id=routed.pk, recipient=sup, kind="complaint_overdue")
    assert escalated.notification.link == "/complaints/review/"


def test_an_allegation_must_be_referred(demo, make):
    c = make(received_at=_received(3), category="ill_treatment")
    services.sweep()
    assert (
        _ours().filter(subject_id=c.pk, subject_type="complaint.referral", kind="complaint_referral").exists()
    )
    assert (
        _ours().filter(subject_id=c.pk, subject_type="complaint.referral", kind="complaint_overdue").exists()
    )


def test_a_sweep_killed_half_way_loses_and_duplicates_nothing(demo, make, monkeypatch):
    for days in (5, 6, 7):
        make(received_at=_received(days), prisoner=demo.prisoners["A"][days - 4])
    expected = len([d for d in services.sweep(dry_run=True) if d.subject_type.startswith("complaint.")])
    real_store, calls = services._store, []

    def dying_store(found, sweep):
        if any(d.subject_type.startswith("complaint.") for d in found):
            calls.append(1)
            if len(calls) == 2:
                raise SystemExit("worker killed")  # as SIGKILL: the batch's transaction never commits
        return real_store(found, sweep)

    monkeypatch.setattr(services, "_store", dying_store)
    with pytest.raises(SystemExit):
        services.sweep(batch=1)
    assert 0 < _ours().count() < expected
    monkeypatch.setattr(services, "_store", real_store)
    services.sweep(batch=1)
    services.sweep()
    assert _ours().count() == expected


def test_staff_who_no_longer_hold_the_file_are_not_reminded(demo, make):
    from core import grants

    sup = demo.users["supervisor.a"]
    c = make(received_at=_received(5))
    grants.access_revoke(actor=None, prisoners=[c.prisoner], group=c.facility.supervisors_group)
    services.sweep()
    assert not _ours().filter(subject_id=c.pk, recipient=sup).exists()
