"""Withdrawal or removal from a programme brings the risk review forward, and the next
assessment's page shows the programme's ratings and attendance to the assessor."""

import pytest

from classification import selectors as risk_selectors
from classification import services as risk
from classification.models import Assessment, Instrument, ReviewFlag
from rehabilitation import services
from rehabilitation.models import Enrolment
from tests.rehabilitation.conftest import make_offering

pytestmark = pytest.mark.django_db


def test_withdrawal_raises_an_early_review_and_the_assessment_page_shows_the_programme(demo, login):
    man = next(p for p in demo.prisoners["A"] if p.sex == "male")
    offering = make_offering(demo)
    staff = demo.users["programme.a"]
    referral = services.referral_create(
        actor=demo.users["casemanager.a"], prisoner=man, offering=offering, reason="Needs literacy"
    )
    services.referral_assess(actor=staff, referral=referral, suitable=True, note="ok")
    enrolment = Enrolment.objects.get(referral=referral)
    services.enrolment_change(
        actor=staff, enrolment=enrolment, to="withdrawn", reason="Removed after a fight"
    )
    flag = ReviewFlag.objects.get(prisoner=man, trigger="programme", cleared_by=None)
    assert "withdrawn" in flag.note
    assert risk_selectors.review_status(man)["basis"] == "early"
    from tests.classification.conftest import TEST_INSTRUMENT

    instrument = (
        Instrument.objects.first() or risk.instrument_load(actor=None, data=TEST_INSTRUMENT).instrument
    )
    assessment = Assessment.objects.filter(prisoner=man).first() or risk.assessment_start(
        actor=demo.users["casemanager.a"], prisoner=man, instrument=instrument
    )
    page = login(demo.users["casemanager.a"]).get(f"/risk/assessments/{assessment.pk}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Programmes: ratings and attendance" in body and "Literacy" in body
    assert "0 of 0 sessions" in body
