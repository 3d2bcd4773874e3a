"""The disciplinary process: report, charge (Rule 41), hearing by someone else, finding,
sanctions, appeal; who may do what; the file's timeline, risk review and case manager."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from core.models import AuditEvent
from discipline import services

pytestmark = pytest.mark.django_db


def test_the_reporting_officer_cannot_hear_the_case(demo, catalogue, report):
    sup = demo.users["supervisor.a"]
    r = report(actor=sup)
    with pytest.raises(ValidationError, match=r"Mandela Rule 41\(1\)"):
        services.report_hear(actor=sup, report=r, account="", finding="proved", reasons="Seen by me.")
    r.refresh_from_db()
    assert r.heard_at is None


def test_an_officer_cannot_hear_and_an_adjudicator_can(demo, staff, report):
    r = report()
    with pytest.raises(Http404):
        services.report_hear(
            actor=demo.users["officer.a"], report=r, account="", finding="proved", reasons="x"
        )
    heard = services.report_hear(
        actor=staff["adjudicator"],
        report=r,
        account="It was an accident.",
        finding="dismissed",
        reasons="Accident.",
    )
    assert heard.status == "closed" and heard.heard_by == staff["adjudicator"]


def test_health_staff_take_no_part(demo, staff, report, man):
    r = report()
    with pytest.raises(Http404):
        services.report_hear(actor=staff["health"], report=r, account="", finding="proved", reasons="x")
    with pytest.raises(Http404):  # no grant on the file: they cannot report either
        services.report_create(
            actor=staff["health"],
            prisoner=man,
            offence=r.offence,
            occurred_at=timezone.now(),
            place="x",
            facts="y",
        )


def test_the_charge_must_be_put_and_the_time_to_prepare_given(demo, report):
    sup = demo.users["supervisor.a"]
    r = report(charge=False)
    with pytest.raises(ValidationError, match=r"Mandela Rule 41\(1\)"):
        services.report_hear(actor=sup, report=r, account="", finding="proved", reasons="x")
    today = timezone.localdate()
    services.report_charge(
        actor=demo.users["officer.a"],
        report=r,
        informed_on=today,
        language="ru",
        prepare_until=today + dt.timedelta(days=2),
    )
    with pytest.raises(ValidationError, match=r"Mandela Rule 41\(2\)"):
        services.report_hear(actor=sup, report=r, account="", finding="proved", reasons="x")


def test_an_interpreter_is_named_when_needed(demo, report, man):
    man.interpreter_needed = True
    man.save(update_fields=["interpreter_needed"])
    r = report(charge=False)
    today = timezone.localdate()
    with pytest.raises(ValidationError, match=r"Mandela Rule 41\(4\)"):
        services.report_charge(
            actor=demo.users["officer.a"], report=r, informed_on=today, language="uz", prepare_until=today
        )
    r = services.report_charge(
        actor=demo.users["officer.a"],
        report=r,
        informed_on=today,
        language="uz",
        prepare_until=today,
        interpreter="A. Karimov",
    )
    assert r.interpreter == "A. Karimov" and r.status == "charged"


def test_a_proved_offence_reaches_the_timeline_the_risk_review_and_the_case_manager(
    demo, catalogue, proved, man
):
    from casemgmt import timeline
    from casework import services as casework
    from classification.models import ReviewFlag
    from core.grants import capabilities_of
    from notifications.models import Notification

    manager = demo.users["casemanager.a"]
    casework.allocation_set(actor=demo.users["supervisor.a"], prisoner=man, case_manager=manager)
    r = proved()
    assert ReviewFlag.objects.filter(prisoner=man, cleared_by__isnull=True, note__contains="Damage").exists()
    note = Notification.objects.get(recipient=manager, kind="discipline_outcome")
    assert note.link == f"/discipline/{r.pk}/" and note.prisoner_id == man.pk
    entries = timeline.entries(man, manager, capabilities_of(manager, man))
    assert any(e.kind == "discipline" and e.url == f"/discipline/{r.pk}/" for e in entries)
    # The case manager reads the outcome of her caseload.
    from discipline.models import Report

    assert Report.objects.restrict(manager).filter(pk=r.pk).exists()
    assert not Report.objects.restrict(demo.users["programme.a"]).exists()
    assert not Report.objects.restrict(demo.users["officer.b"]).exists()


def test_every_step_is_audited(demo, catalogue, proved):
    r = proved()
    services.sanctions_impose(
        actor=demo.users["supervisor.a"], report=r, sanctions=[{"kind": catalogue["caution"]}]
    )
    reasons = list(
        AuditEvent.objects.filter(object_type="discipline.report", object_id=str(r.pk)).values_list(
            "reason", flat=True
        )
    )
    assert {"charge", "hearing", "sanctions"} <= set(reasons)
    assert AuditEvent.objects.filter(object_type="discipline.sanction").count() == 1


def test_an_appeal_is_decided_by_a_higher_authority_and_quashing_ends_the_confinement(
    demo, catalogue, staff, report
):
    r = report()
    r = services.report_hear(
        actor=staff["adjudicator"], report=r, account="", finding="proved", reasons="Witnesses."
    )
    services.sanctions_impose(
        actor=staff["adjudicator"], report=r, sanctions=[{"kind": catalogue["cell"], "days": 5}]
    )
    sep = r.prisoner.separations.get()
    r = services.appeal_lodge(
        actor=demo.users["officer.a"],
        report=r,
        lodged_on=timezone.localdate(),
        grounds="The witness was not heard.",
    )
    with pytest.raises(Http404):  # an adjudicator is not the higher authority
        services.appeal_decide(actor=staff["adjudicator"], report=r, outcome="quashed", reasons="x")
    r = services.appeal_decide(
        actor=demo.users["supervisor.a"], report=r, outcome="quashed", reasons="Unfair hearing."
    )
    assert r.status == "closed" and not r.proved
    sep.refresh_from_db()
    assert sep.ended_at is not None
    assert r.sanctions.get().cancelled_at is not None


def test_the_hearer_cannot_decide_the_appeal(demo, catalogue, proved):
    sup = demo.users["supervisor.a"]
    r = proved()
    r = services.appeal_lodge(
        actor=demo.users["officer.a"], report=r, lodged_on=timezone.localdate(), grounds="x"
    )
    with pytest.raises(ValidationError, match="higher authority"):
        services.appeal_decide(actor=sup, report=r, outcome="upheld", reasons="Fine.")


def test_links_to_finds_and_incidents_of_another_facility_are_refused(demo, catalogue, man):
    from types import SimpleNamespace

    other = SimpleNamespace(pk=1, facility_id=demo.facilities["B"].pk)  # a record of facility B
    with pytest.raises(ValidationError):
        services.report_create(
            actor=demo.users["officer.a"],
            prisoner=man,
            offence=catalogue["offence"],
            occurred_at=timezone.now(),
            place="x",
            facts="y",
            incident=other,
        )


def test_bad_dates_are_refused(demo, catalogue, man):
    for when in (timezone.now() + dt.timedelta(days=2), timezone.now() - dt.timedelta(days=800)):
        with pytest.raises(ValidationError):
            services.report_create(
                actor=demo.users["officer.a"],
                prisoner=man,
                offence=catalogue["offence"],
                occurred_at=when,
                place="x",
                facts="y",
            )
