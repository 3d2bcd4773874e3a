"""What other apps show the assessor (``classification.evidence``): the rehabilitation app
registers the programmes' record; the assessment page shows it to readers of the programme
records and to nobody else, and classification imports no rehabilitation module for it."""

import pytest
from django.urls import reverse

from classification import evidence
from core import grants
from rehabilitation import services as rehab
from rehabilitation.models import Enrolment
from tests.rehabilitation.conftest import make_offering, refer

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled(demo, submitted):
    offering = make_offering(demo)
    referral = refer(demo, submitted.prisoner, offering)
    rehab.referral_assess(actor=demo.users["programme.a"], referral=referral, suitable=True, note="ok")
    return Enrolment.objects.get(referral=referral)


def test_the_programmes_record_is_registered_and_follows_the_capability(submitted, enrolled):
    with_capability = evidence.gather(submitted.prisoner, frozenset({"view_programme"}))
    assert [e.pk for e in with_capability["programmes"]] == [enrolled.pk]
    assert evidence.gather(submitted.prisoner, frozenset({"view_risk"})) == {"programmes": None}


def test_the_assessment_page_shows_it_to_a_reader_of_the_programme_records(demo, client, submitted, enrolled):
    manager = demo.users["casemanager.a"]
    client.force_login(manager)
    url = reverse("classification:assessment", args=[submitted.pk])
    programme = str(enrolled.offering.programme)
    assert programme in client.get(url).content.decode()
    # Without view_programme on this file (revoked from the case manager), the same page leaves it out.
    grants.access_revoke(
        actor=None, prisoners=[submitted.prisoner], user=manager, capabilities=["view_programme"]
    )
    page = client.get(url)
    assert page.status_code == 200 and programme not in page.content.decode()
