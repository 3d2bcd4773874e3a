"""Through the reminder sweep: the 15-day alert once ahead and once at the limit, a missed
health visit reminded once, a review due; across two sweeps and a killed worker."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from discipline import services as discipline
from notifications import services
from notifications.models import Reminder

pytestmark = pytest.mark.django_db


def _ours(**filters):
    return Reminder.objects.filter(subject_type__startswith="separation.", **filters)


def _separate(demo, prisoner, days_ago=0, **fields):
    return discipline.separation_start(
        actor=demo.users["supervisor.a"],
        prisoner=prisoner,
        kind=fields.pop("kind", "administrative"),
        legal_basis="Order no. 7",
        hours_out=Decimal("1"),
        started_at=timezone.now() - dt.timedelta(days=days_ago),
        review_days=fields.pop("review_days", 60),
        **fields,
    )


def _visit_every_day(staff, sep, days):
    for n in range(days + 1):
        discipline.health_visit_record(
            actor=staff["health"], separation=sep, visited_at=timezone.now() - dt.timedelta(days=n)
        )


def test_the_15_day_alert_once_ahead_and_once_at_the_limit(demo, staff, man, settings):
    settings.SEPARATION_ALERT_LEAD_DAYS = 2
    sup = demo.users["supervisor.a"]
    sep = _separate(demo, man)
    _visit_every_day(staff, sep, 0)
    start = timezone.localdate(sep.started_at)
    services.sweep(today=start + dt.timedelta(days=11))
    assert not _ours(kind__in=["separation_near", "separation_limit"]).exists()
    for day in (12, 13):  # the 13th and 14th day: once ahead
        services.sweep(today=start + dt.timedelta(days=day))
    assert list(_ours(kind="separation_near").values_list("recipient_id", "due_date")) == [
        (sup.pk, start + dt.timedelta(days=12))
    ]
    for day in (14, 15, 20):  # the 15th day and after: once at the limit
        services.sweep(today=start + dt.timedelta(days=day))
    assert _ours(kind="separation_near").count() == 1
    assert list(_ours(kind="separation_limit").values_list("recipient_id", "due_date")) == [
        (sup.pk, start + dt.timedelta(days=14))
    ]


def test_a_missed_health_visit_is_reminded_once(demo, staff, man):
    sup, health = demo.users["supervisor.a"], staff["health"]
    sep = _separate(demo, man, days_ago=2)
    discipline.health_visit_record(
        actor=health, separation=sep, visited_at=timezone.now() - dt.timedelta(days=2)
    )
    services.sweep()
    services.sweep()
    missed = _ours(kind="health_visit_missed")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    assert set(missed.values_list("recipient_id", "due_date")) == {
        (sup.pk, yesterday),
        (health.pk, yesterday),
    }
    # Today's visit is not missed yet; once it is recorded, tomorrow's sweep finds nothing new.
    discipline.health_visit_record(actor=health, separation=sep)
    services.sweep(today=timezone.localdate() + dt.timedelta(days=1))
    assert missed.count() == 2


def test_a_review_is_due_at_its_interval(demo, staff, man):
    sep = _separate(demo, man, days_ago=3, review_days=3)
    _visit_every_day(staff, sep, 3)
    services.sweep()
    services.sweep()
    assert list(_ours(kind="separation_review").values_list("due_date", flat=True)) == [timezone.localdate()]
    discipline.separation_review(
        actor=demo.users["supervisor.a"], separation=sep, decision="continue", note="Needed."
    )
    services.sweep(today=timezone.localdate() + dt.timedelta(days=1))
    assert _ours(kind="separation_review").count() == 1


def test_a_sweep_killed_half_way_loses_and_duplicates_nothing(demo, staff, monkeypatch):
    for n, prisoner in enumerate(demo.prisoners["A"][:3]):
        _separate(demo, prisoner, days_ago=3 + n)
    expected = len([d for d in services.sweep(dry_run=True) if d.subject_type.startswith("separation.")])
    assert expected > 3
    real_store, calls = services._store, []

    def dying_store(found, sweep):
        if any(d.subject_type.startswith("separation.") for d in found):
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
