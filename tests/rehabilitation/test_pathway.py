import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from casemgmt.models import Prisoner
from classification import selectors as risk_selectors
from classification import services as risk
from classification.models import ReviewFlag
from demodata import builder as demo_data
from rehabilitation import services
from rehabilitation.models import Enrolment, Referral
from tests.conftest import PASSWORD
from tests.rehabilitation.conftest import make_offering


def refer(demo, prisoner, offering):
    return services.referral_create(
        actor=demo.users["casemanager.a"], prisoner=prisoner, offering=offering, reason="Needs literacy"
    )


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
    services.enrolment_change(
        actor=staff,
        enrolment=enrolment,
        to="completed",
        reason="All sessions",
        outcomes={g.pk: {"rating": "partly", "note": "n"} for g in goals},
    )
    assert ReviewFlag.objects.filter(prisoner=men[0], trigger="programme", cleared_by=None).exists()
    assert risk_selectors.review_status(men[0])["basis"] == "early"


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


@pytest.mark.django_db
def test_programme_staff_see_only_their_participants(demo, offering, men, client, api):
    staff = demo.users["programme.a"]
    referral = refer(demo, men[0], offering)
    services.referral_assess(actor=staff, referral=referral, suitable=True, note="")
    client.force_login(staff)
    page = client.get(reverse("prisoner-detail", args=[men[0].pk])).content.decode()
    tabs = {t.slug for t in client.get(reverse("prisoner-detail", args=[men[0].pk])).context["tabs"]}
    assert tabs == {"identity", "programmes", "timeline"}
    assert "Security level" not in page
    for tab in ("risk", "intake", "plan", "notes", "history"):
        assert client.get(reverse("prisoner-tab", args=[men[0].pk, tab])).status_code == 404
    outsider = next(
        p
        for p in demo.prisoners["A"]
        if p.pk not in {men[0].pk}
        and p.pk not in set(Prisoner.objects.restrict(staff).values_list("pk", flat=True))
    )
    assert client.get(reverse("prisoner-detail", args=[outsider.pk])).status_code == 404
    data = api(staff).get("/api/v1/enrolments/").json()["results"]
    assert set(data[0]["prisoner"]) == {"id", "prison_number", "full_name", "unit", "cell"}


@pytest.mark.django_db
def test_attendance_for_the_whole_group(demo, offering, men, client):
    import datetime as dt

    staff = demo.users["programme.a"]
    for p in men[:2]:
        services.referral_assess(actor=staff, referral=refer(demo, p, offering), suitable=True, note="")
    session = services.session_create(
        actor=staff, offering=offering, date=dt.date(2026, 12, 2), topic="Letters"
    )
    enrolments = list(Enrolment.objects.filter(offering=offering))
    client.force_login(staff)
    url = reverse("rehabilitation:attendance", args=[session.pk])
    bad = client.post(
        url, {f"e-{enrolments[0].pk}-status": "attended", f"e-{enrolments[1].pk}-status": "other"}
    )
    assert bad.status_code == 400 and "Say what the other reason is." in bad.content.decode()
    client.post(
        url,
        {
            f"e-{enrolments[0].pk}-status": "attended",
            f"e-{enrolments[1].pk}-status": "sick",
            f"e-{enrolments[1].pk}-note": "Infirmary",
        },
    )
    from rehabilitation.selectors import offering_stats

    assert offering_stats(offering)["attendance_rate"] == 50
    client.force_login(demo.users["officer.a"])
    assert client.get(url).status_code == 404
