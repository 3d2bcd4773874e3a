"""The classification's separation regime opens its own separation period, idempotently,
and a later decision that lifts the regime ends it; the 15-day limit applies to it as to
any other period."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from classification import services as classification
from classification.models import Classification
from core.models import AuditEvent
from discipline import regime, selectors
from discipline.models import Separation
from tests.classification.conftest import allocated, instrument, rate_all, submitted  # noqa: F401

pytestmark = pytest.mark.django_db


def _decide(demo, assessment, **choices):
    sup = demo.users["supervisor.a"]
    proposal = classification.assessment_approve(actor=sup, assessment=assessment)
    return classification.classification_decide(actor=sup, classification=proposal, **choices)


def _reassess(demo, instrument, prisoner, overall):  # noqa: F811
    cm = demo.users["casemanager.a"]
    a = classification.assessment_start(actor=cm, prisoner=prisoner, instrument=instrument)
    value = {"low": "low", "high": "high"}[overall]
    a = classification.assessment_save(
        actor=cm, assessment=a, ratings=rate_all(a, value), overall=overall, formulation="Reviewed."
    )
    return classification.assessment_submit(actor=cm, assessment=a)


def test_an_approved_separation_regime_opens_a_period_with_the_decision_as_legal_basis(
    demo,
    submitted,  # noqa: F811
    allocated,  # noqa: F811
):
    decided = _decide(demo, submitted)
    assert decided.regime == "separated"
    sep = Separation.objects.get(prisoner=allocated)
    assert (sep.kind, sep.classification_id, sep.ended_at) == ("regime", decided.pk, None)
    assert "Classification decision of" in sep.legal_basis and sep.facility_id == allocated.facility_id
    assert AuditEvent.objects.filter(
        object_type="discipline.separation", object_id=str(sep.pk), action="create"
    ).exists()


def test_running_it_again_opens_nothing_more(demo, submitted, allocated):  # noqa: F811
    decided = _decide(demo, submitted)
    assert regime.on_decided(actor=None, classification=decided) is None
    call_command("sync_regime_separations")
    assert regime.sync() == 0
    assert Separation.objects.filter(prisoner=allocated).count() == 1


def test_the_sync_opens_the_period_of_a_decision_approved_before_the_link(
    demo,
    submitted,  # noqa: F811
    allocated,  # noqa: F811
):
    _decide(demo, submitted)
    Separation.objects.filter(prisoner=allocated).delete()  # as before this feature (no audit rows)
    assert regime.sync() == 1
    assert regime.sync() == 0
    assert Separation.objects.filter(prisoner=allocated, kind="regime", ended_at__isnull=True).count() == 1


def test_a_later_decision_keeping_the_regime_continues_the_period(
    demo,
    submitted,  # noqa: F811
    instrument,  # noqa: F811
    allocated,  # noqa: F811
):
    first = _decide(demo, submitted)
    second = _decide(demo, _reassess(demo, instrument, allocated, "high"))
    sep = Separation.objects.get(prisoner=allocated)
    assert sep.classification_id == second.pk != first.pk and sep.ended_at is None


def test_a_later_decision_lifting_the_regime_ends_the_period(
    demo,
    submitted,  # noqa: F811
    instrument,  # noqa: F811
    allocated,  # noqa: F811
):
    _decide(demo, submitted)
    lifted = _decide(demo, _reassess(demo, instrument, allocated, "low"))
    assert lifted.regime != "separated"
    sep = Separation.objects.get(prisoner=allocated)
    assert sep.ended_at is not None and "lifted by the classification" in sep.end_reason
    assert AuditEvent.objects.filter(object_type="discipline.separation", reason="end").exists()


def test_a_person_held_apart_on_another_ground_keeps_that_period_then_the_regime_opens(
    demo,
    submitted,  # noqa: F811
    allocated,  # noqa: F811
):
    from discipline import services

    services.separation_start(
        actor=demo.users["supervisor.a"],
        prisoner=allocated,
        kind="protective",
        legal_basis="Threats",
        hours_out=3,
    )
    decided = _decide(demo, submitted)
    assert Classification.objects.get(pk=decided.pk).status == "approved"
    protective = Separation.objects.get(prisoner=allocated)
    assert protective.kind == "protective"
    # when that period ends, the regime's own opens (once), the decision its legal basis
    services.separation_end(actor=demo.users["supervisor.a"], separation=protective, reason="Threat gone")
    regime_period = Separation.objects.get(prisoner=allocated, ended_at__isnull=True)
    assert (regime_period.kind, regime_period.classification_id) == ("regime", decided.pk)
    assert regime.sync() == 0
    services.separation_review(
        actor=demo.users["supervisor.a"], separation=regime_period, decision="end", note="Reviewed."
    )
    assert not Separation.objects.filter(prisoner=allocated, ended_at__isnull=True).exists()


def test_a_regime_period_beyond_15_days_is_on_the_list_and_the_statistics(
    demo,
    login,
    submitted,  # noqa: F811
    allocated,  # noqa: F811
):
    _decide(demo, submitted)
    begun = timezone.now() - dt.timedelta(days=20)
    Separation.objects.filter(prisoner=allocated).update(started_at=begun, counted_from=begun)
    sup = demo.users["supervisor.a"]
    assert selectors.statistics(user=sup)["over_limit"] == 1
    page = login(sup).get(reverse("discipline:separations")).content.decode()
    assert allocated.prison_number in page and "over 15 days" in page


def test_the_15_day_alerts_reach_the_supervisors_for_a_regime_period_too(
    demo,
    submitted,  # noqa: F811
    allocated,  # noqa: F811
):
    from notifications import services as notifications
    from notifications.models import Reminder

    _decide(demo, submitted)
    start = timezone.localdate(Separation.objects.get(prisoner=allocated).started_at)
    for day in (13, 14, 15):  # the 14th day (ahead, with the default lead of 2) and the 15th
        notifications.sweep(today=start + dt.timedelta(days=day))
    mine = Reminder.objects.filter(
        recipient=demo.users["supervisor.a"], subject_type__in=["separation.near", "separation.limit"]
    )
    assert sorted(mine.values_list("kind", flat=True)) == ["separation_limit", "separation_near"]
