"""Referrals (rehabilitation.services.referral_create/referral_assess): the pathway, the waiting
list, eligibility and the staff's access that follows a referral."""

import pytest
from django.core.exceptions import ValidationError

from casemgmt.models import Prisoner
from classification import services as risk
from rehabilitation import services
from rehabilitation.models import Enrolment, Referral
from tests.rehabilitation.conftest import make_offering, refer


@pytest.mark.django_db
def test_pathway_and_waiting_list_order(demo, offering, men):
    staff = demo.users["programme.a"]
    a, b, c = (refer(demo, p, offering) for p in men[:3])
    assert Prisoner.objects.restrict(staff).filter(pk=men[0].pk).exists()  # staff can see whom they assess
    with pytest.raises(ValidationError):
        services.referral_assess(actor=staff, referral=a, suitable=False, note="")
    for r in (a, b, c):
        services.referral_assess(actor=staff, referral=r, suitable=True, note="Motivated")
    statuses = [Referral.objects.get(pk=r.pk).status for r in (a, b, c)]
    assert statuses == ["enrolled", "enrolled", "waiting"]
    enrolment = Enrolment.objects.get(referral=a)
    with pytest.raises(ValidationError):
        services.enrolment_change(actor=staff, enrolment=enrolment, to="withdrawn", reason="")
    services.enrolment_change(actor=staff, enrolment=enrolment, to="withdrawn", reason="Transferred")
    assert Referral.objects.get(pk=c.pk).status == "enrolled"  # the freed place went to the first waiting
    with pytest.raises(ValidationError):
        services.enrolment_change(
            actor=staff, enrolment=Enrolment.objects.get(pk=enrolment.pk), to="active", reason=""
        )
    assert [h.status for h in Referral.objects.get(pk=a.pk).history.all()] == [
        "pending",
        "enrolled",
        "withdrawn",
    ]


@pytest.mark.django_db
def test_not_suitable_ends_the_staff_access(demo, offering, men):
    staff = demo.users["programme.a"]
    referral = refer(demo, men[0], offering)
    services.referral_assess(
        actor=staff, referral=referral, suitable=False, note="Does not want to take part"
    )
    assert not Prisoner.objects.restrict(staff).filter(pk=men[0].pk).exists()


@pytest.mark.django_db
def test_eligibility_and_keep_apart_need_a_supervisors_exception(demo, men, woman_free=None):
    offering = make_offering(demo, capacity=5, eligible_sexes=["female"])
    staff, sup = demo.users["programme.a"], demo.users["supervisor.a"]
    referral = refer(demo, men[0], offering)
    with pytest.raises(ValidationError) as error:
        services.referral_assess(actor=staff, referral=referral, suitable=True, note="")
    assert "exception_reason" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.enrol(actor=staff, referral=referral, exception_reason="staff cannot")
    assert (
        services.enrol(actor=sup, referral=referral, exception_reason="Mixed group approved").status
        == "enrolled"
    )
    open_offering = make_offering(demo, capacity=5)
    first = refer(demo, men[1], open_offering)
    services.referral_assess(actor=staff, referral=first, suitable=True, note="")
    risk.keep_apart_add(actor=sup, prisoner=men[2], other=men[1], scope="unit", reason="Same case")
    second = refer(demo, men[2], open_offering)
    with pytest.raises(ValidationError) as error:
        services.referral_assess(actor=staff, referral=second, suitable=True, note="")
    assert men[1].prison_number in str(error.value)
