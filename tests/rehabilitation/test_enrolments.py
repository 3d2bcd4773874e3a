"""Enrolments (enrol, enrolment_change): completion with the goals rated, and the last place
taken once when two staff enrol at the same moment."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from classification import selectors as risk_selectors
from classification.models import ReviewFlag
from demodata import builder as demo_data
from rehabilitation import services
from rehabilitation.models import Enrolment, Referral
from tests.conftest import PASSWORD
from tests.rehabilitation.conftest import make_offering, refer


@pytest.mark.django_db
def test_completion_rates_goals_and_marks_early_review(demo, offering, men):
    staff = demo.users["programme.a"]
    referral = refer(demo, men[0], offering)
    services.referral_assess(actor=staff, referral=referral, suitable=True, note="ok")
    enrolment = Enrolment.objects.get(referral=referral)
    goals = list(offering.programme.goals.all())
    with pytest.raises(ValidationError):
        services.enrolment_change(
            actor=staff,
            enrolment=enrolment,
            to="completed",
            reason="done",
            outcomes={goals[0].pk: {"rating": "achieved"}},
        )
    with pytest.raises(ValidationError):  # an empty entry (the API accepts {}) is refused, not a 500
        services.enrolment_change(
            actor=staff,
            enrolment=enrolment,
            to="completed",
            reason="done",
            outcomes={g.pk: {} for g in goals},
        )
    services.enrolment_change(
        actor=staff,
        enrolment=enrolment,
        to="completed",
        reason="All sessions",
        outcomes={g.pk: {"rating": "partly", "note": "n"} for g in goals},
    )
    assert ReviewFlag.objects.filter(prisoner=men[0], trigger="programme", cleared_by=None).exists()
    assert risk_selectors.review_status(men[0])["basis"] == "early"


@pytest.fixture
def race(transactional_db):
    demo = demo_data.build(prisoners=8, password=PASSWORD)
    offering = make_offering(demo, capacity=1)
    men = [p for p in demo.prisoners["A"] if p.sex == "male"][:2]
    referrals = [refer(demo, p, offering) for p in men]
    return demo, offering, referrals


def test_two_staff_enrolling_the_last_place_at_once(race):
    demo, offering, referrals = race
    staff, sup = demo.users["programme.a"], demo.users["supervisor.a"]
    barrier = threading.Barrier(2)
    errors = []

    def go(actor, referral):
        try:
            barrier.wait()
            services.referral_assess(actor=actor, referral=referral, suitable=True, note="")
        except Exception as exc:  # noqa: BLE001 - asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=go, args=(a, r)) for a, r in zip((staff, sup), referrals, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors
    assert Enrolment.objects.filter(offering=offering).count() == 1
    assert sorted(Referral.objects.filter(offering=offering).values_list("status", flat=True)) == [
        "enrolled",
        "waiting",
    ]
