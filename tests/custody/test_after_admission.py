"""After admission: a death in custody, injuries seen later, vulnerability decisions."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.utils import DatabaseError
from django.http import Http404
from django.utils import timezone

from casemgmt.models import Alert, Prisoner
from core.models import AuditEvent
from custody import services
from custody.models import Death, InjuryRecord, Movement, VulnerabilityDecision
from custody.placement import vulnerable_people
from intake.models import Admission
from rehabilitation import services as programmes
from rehabilitation.models import Referral
from reports import selectors as report_selectors
from tests.rehabilitation.conftest import make_offering

pytestmark = pytest.mark.django_db


def _man_in(demo, unit_code, facility="A"):
    return next(p for p in demo.prisoners[facility] if p.unit.code == unit_code)


def _row(user, code):
    return next(r for r in report_selectors.standards_view(user=user) if r["code"] == code)


def _record_death(demo, man, **later):
    return services.death_record(
        actor=demo.users["supervisor.a"],
        prisoner=man,
        died_at=timezone.now(),
        place="Cell 04, unit M1",
        circumstances="Found unresponsive at the morning count.",
        **later,
    )


def test_only_a_supervisor_records_a_death(demo):
    man = _man_in(demo, "M1")
    for user in (
        "officer.a",
        "casemanager.a",
        "supervisor.b" if "supervisor.b" in demo.users else "officer.b",
    ):
        with pytest.raises(Http404):
            services.death_record(
                actor=demo.users[user], prisoner=man, died_at=timezone.now(), place="x", circumstances="y"
            )
    with pytest.raises(ValidationError) as exc:
        services.death_record(
            actor=demo.users["supervisor.a"], prisoner=man, died_at=timezone.now(), place="", circumstances=""
        )
    assert "place" in exc.value.error_dict
    assert not Death.objects.exists()


def test_a_death_closes_the_file_to_movements_and_programmes_and_is_never_deleted(demo):
    man = _man_in(demo, "M1")
    supervisor = demo.users["supervisor.a"]
    offering = make_offering(demo)
    death = _record_death(demo, man)
    man.refresh_from_db()
    assert man.custody_status == "deceased" and man.cell is None and man.facility == demo.facilities["A"]
    assert Movement.objects.filter(prisoner=man, kind="death").count() == 1
    assert not Admission.objects.filter(prisoner=man, released_at__isnull=True).exists()
    assert Alert.objects.filter(kind="death", object_id=str(death.pk)).exists()
    assert AuditEvent.objects.filter(object_type="custody.death", subject_id=man.pk).exists()
    # No further movement of any kind, nor a re-admission.
    for kind, extra in (
        ("court", {"external_place": "Court"}),
        ("cell_move", {"facility": man.facility, "unit": man.unit, "cell": None}),
        ("release", {}),
        ("admission", {"facility": man.facility, "unit": demo.facilities["A"].units.get(code="M1")}),
    ):
        with pytest.raises((ValidationError, Http404)):
            services.movement_record(actor=supervisor, prisoner=man, kind=kind, reason="x", **extra)
    with pytest.raises(ValidationError):
        _record_death(demo, man)
    # No referral, no enrolment.
    with pytest.raises(ValidationError, match="closed to programmes"):
        programmes.referral_create(actor=supervisor, prisoner=man, offering=offering, reason="literacy")
    assert not Referral.objects.filter(prisoner=man).exists()
    # The trigger refuses deletion and a rewrite of the facts.
    with pytest.raises(DatabaseError, match="never deleted"), transaction.atomic():
        Death.objects.filter(pk=death.pk).delete()
    with pytest.raises(DatabaseError, match="never rewritten"), transaction.atomic():
        Death.objects.filter(pk=death.pk).update(circumstances="nothing")
    assert Death.objects.filter(pk=death.pk).exists()


def test_a_referral_already_made_cannot_be_enrolled_after_the_death(demo):
    man = _man_in(demo, "M1")
    offering = make_offering(demo)
    referral = programmes.referral_create(
        actor=demo.users["casemanager.a"]
        if Prisoner.objects.restrict(demo.users["casemanager.a"]).filter(pk=man.pk).exists()
        else demo.users["supervisor.a"],
        prisoner=man,
        offering=offering,
        reason="literacy",
    )
    _record_death(demo, man)
    with pytest.raises(ValidationError, match="closed to programmes"):
        programmes.referral_assess(
            actor=demo.users["programme.a"], referral=referral, suitable=True, note="ok"
        )


def test_the_standards_view_shows_a_death_without_an_investigation_referral(demo, login):
    supervisor = demo.users["supervisor.a"]
    man = _man_in(demo, "M1")
    death = _record_death(demo, man)
    row = _row(supervisor, "death_investigation")
    assert (row["applies"], row["incomplete"]) == (1, 1)
    assert "current" not in row["url"]
    listed = login(supervisor).get(row["url"])
    assert man.prison_number in listed.content.decode()
    # Other standards count the files held now only.
    assert (
        _row(supervisor, "identity")["applies"]
        == Prisoner.objects.filter(
            facility=demo.facilities["A"], custody_status__in=["in_custody", "temporarily_out"]
        ).count()
    )
    later = timezone.now()
    services.death_update(
        actor=supervisor,
        death=death,
        authority_notified="Prosecutor of Dushanbe",
        authority_notified_at=later,
        investigation_referral="Prosecutor's office, case 12/26",
        investigation_referred_at=later,
        next_of_kin_notified="Mother, by telephone",
        next_of_kin_notified_at=later,
    )
    row = _row(supervisor, "death_investigation")
    assert (row["applies"], row["incomplete"]) == (1, 0)
    # Filled facts are not changed; both who and when are needed; the handovers come later.
    with pytest.raises(ValidationError):
        services.death_update(actor=supervisor, death=death, authority_notified="Someone else")
    with pytest.raises(ValidationError):
        services.death_update(actor=supervisor, death=death, body_handed_to="Family")
    services.death_update(
        actor=supervisor,
        death=death,
        body_handed_to="Brother",
        body_handed_at=timezone.now(),
        property_handed_to="Brother",
        property_handed_at=timezone.now(),
    )
    death.refresh_from_db()
    assert death.body_handed_to == "Brother"
    # An officer neither records nor updates.
    with pytest.raises(Http404):
        services.death_update(actor=demo.users["officer.a"], death=death, body_handed_to="x")


def test_an_injury_after_admission_with_a_complaint_alerts_and_is_never_deleted(demo):
    man = _man_in(demo, "M1")
    officer = demo.users["officer.a"]
    with pytest.raises(ValidationError):
        services.injury_record(
            actor=officer,
            prisoner=man,
            seen_at=None,
            occasion="use_of_force",
            recorder="officer",
            description="bruise",
            ill_treatment_complaint=True,
        )
    record = services.injury_record(
        actor=officer,
        prisoner=man,
        seen_at=None,
        occasion="use_of_force",
        recorder="medical",
        description="bruising of the left forearm",
        body_location="left forearm",
        examined_by="Dr Karimova",
        ill_treatment_complaint=True,
        complaint_details="hit by a guard",
    )
    alert = Alert.objects.get(object_type="custody.injuryrecord", object_id=str(record.pk))
    assert alert.kind == "ill_treatment" and alert.facility == demo.facilities["A"]
    with pytest.raises(DatabaseError, match="never deleted"), transaction.atomic():
        InjuryRecord.objects.filter(pk=record.pk).delete()
    with pytest.raises(DatabaseError, match="ill-treatment"), transaction.atomic():
        InjuryRecord.objects.filter(pk=record.pk).update(complaint_details="nothing")
    with pytest.raises(Http404):  # programme staff and other facilities record nothing
        services.injury_record(
            actor=demo.users["officer.b"],
            prisoner=man,
            seen_at=None,
            occasion="other",
            recorder="officer",
            description="x",
        )
    plain = services.injury_record(
        actor=officer,
        prisoner=man,
        seen_at=None,
        occasion="transfer_in",
        recorder="officer",
        description="graze on the knee",
    )
    assert not Alert.objects.filter(object_id=str(plain.pk), object_type="custody.injuryrecord").exists()


def test_a_vulnerability_decision_is_dated_reviewable_and_rechecks_the_placement(demo):
    supervisor = demo.users["supervisor.a"]
    man = _man_in(demo, "M1")
    other = _man_in(demo, "R")
    services.movement_record(
        actor=supervisor,
        prisoner=other,
        kind="cell_move",
        facility=man.facility,
        unit=man.unit,
        cell=man.cell,
        reason="allocation",
    )
    assert not services.is_vulnerable(man)
    with pytest.raises(Http404):
        services.vulnerability_decide(
            actor=demo.users["officer.a"], prisoner=man, vulnerable=True, reason="x"
        )
    with pytest.raises(ValidationError):
        services.vulnerability_decide(actor=supervisor, prisoner=man, vulnerable=True, reason=" ")
    decision, conflicts = services.vulnerability_decide(
        actor=supervisor,
        prisoner=man,
        vulnerable=True,
        reason="Threatened by others",
        needs="Single cell",
        review_on=timezone.localdate() + dt.timedelta(days=30),
    )
    assert services.is_vulnerable(man) and conflicts == []
    assert vulnerable_people().filter(pk=man.pk).exists()
    with pytest.raises(DatabaseError), transaction.atomic():
        VulnerabilityDecision.objects.filter(pk=decision.pk).update(vulnerable=False)
    services.vulnerability_decide(actor=supervisor, prisoner=man, vulnerable=False, reason="Review: settled")
    assert not services.is_vulnerable(man)
    assert (
        AuditEvent.objects.filter(object_type="custody.vulnerabilitydecision", subject_id=man.pk).count() == 2
    )
