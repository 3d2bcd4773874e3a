"""The separation log: who places, reviews and ends; daily health visits by health staff."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from discipline import services
from discipline.models import Separation

pytestmark = pytest.mark.django_db


@pytest.fixture
def separated(demo, man):
    def _make(days_ago=0, **fields):
        fields.setdefault("kind", "protective")
        return services.separation_start(
            actor=demo.users["supervisor.a"],
            prisoner=man,
            legal_basis="Order of the director no. 12 (threats from others)",
            hours_out=Decimal("2"),
            started_at=timezone.now() - dt.timedelta(days=days_ago),
            **fields,
        )

    return _make


def test_only_a_supervisor_places_a_person_apart(demo, man):
    with pytest.raises(Http404):
        services.separation_start(
            actor=demo.users["officer.a"], prisoner=man, kind="protective", legal_basis="x", hours_out=2
        )


def test_one_period_at_a_time_and_the_legal_basis_is_required(demo, man, separated):
    with pytest.raises(ValidationError):
        services.separation_start(
            actor=demo.users["supervisor.a"], prisoner=man, kind="protective", legal_basis=" ", hours_out=2
        )
    separated()
    with pytest.raises(ValidationError, match="already held apart"):
        separated(kind="administrative")


def test_health_staff_record_one_visit_a_day(demo, staff, separated):
    sep = separated(days_ago=1)
    with pytest.raises(Http404):
        services.health_visit_record(actor=demo.users["officer.a"], separation=sep)
    services.health_visit_record(actor=staff["health"], separation=sep)
    with pytest.raises(ValidationError, match="already recorded"):
        services.health_visit_record(actor=staff["health"], separation=sep)
    services.health_visit_record(
        actor=staff["health"],
        separation=sep,
        visited_at=timezone.now() - dt.timedelta(days=1),
        adverse_effects=True,
    )
    assert sep.health_visits.count() == 2
    with pytest.raises(ValidationError, match="outside the period"):
        services.health_visit_record(
            actor=staff["health"], separation=sep, visited_at=timezone.now() - dt.timedelta(days=3)
        )


def test_a_review_may_end_it_and_health_staff_see_separations_only(demo, staff, separated):
    sep = separated()
    assert Separation.objects.restrict(staff["health"]).filter(pk=sep.pk).exists()
    from discipline.models import Report

    assert not Report.objects.restrict(staff["health"]).exists()
    with pytest.raises(Http404):
        services.separation_review(actor=demo.users["officer.a"], separation=sep, decision="end", note="x")
    services.separation_review(
        actor=demo.users["supervisor.a"], separation=sep, decision="continue", note="Still at risk."
    )
    services.separation_review(
        actor=demo.users["supervisor.a"], separation=sep, decision="end", note="Threat gone."
    )
    sep.refresh_from_db()
    assert sep.ended_at is not None and sep.reviews.count() == 2


def test_a_separation_is_on_the_timeline_and_flags_the_risk_review(demo, man, separated):
    from casemgmt import timeline
    from classification.models import ReviewFlag
    from core.grants import capabilities_of

    sep = separated()
    sup = demo.users["supervisor.a"]
    assert any(
        e.url == f"/discipline/separations/{sep.pk}/"
        for e in timeline.entries(man, sup, capabilities_of(sup, man))
    )
    assert ReviewFlag.objects.filter(prisoner=man, note__startswith="Held apart").exists()


def test_rule_44_counts_consecutive_days_across_adjoining_periods(demo, man, separated):
    """Ten days protective, then at once (another ground) seven more: 17 consecutive days apart,
    over the 15-day limit — a new ground must not restart the count. A period after a real
    break (more than a day) starts its own count."""
    from discipline.selectors import separations

    first = separated(days_ago=16, kind="protective")
    services.separation_end(
        actor=demo.users["supervisor.a"],
        separation=first,
        reason="moved to the disciplinary ground",
        ended_at=first.started_at + dt.timedelta(days=10),
    )
    second = separated(days_ago=6, kind="administrative")
    assert second.counted_from == first.counted_from == first.started_at
    assert second.days() == 17 and second.over_limit
    over = separations(user=demo.users["supervisor.a"], over=True)
    assert second in over and first not in over

    services.separation_end(
        actor=demo.users["supervisor.a"],
        separation=second,
        reason="returned to the unit",
        ended_at=second.started_at + dt.timedelta(days=1),
    )
    third = separated(days_ago=0, kind="protective")  # five days later: a new count
    assert third.counted_from == third.started_at and third.days() == 1
