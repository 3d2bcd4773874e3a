"""The rules of admission, at the service layer."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from casemgmt.models import Alert, Prisoner
from core.models import AuditEvent
from intake import services
from intake.models import Admission, Injury

pytestmark = pytest.mark.django_db


def test_no_order_no_admission(demo, draft_factory):
    admission = draft_factory(order_number="")
    with pytest.raises(ValidationError) as error:
        services.admission_complete(actor=demo.users["officer.a"], admission=admission)
    assert "order_number" in error.value.message_dict
    admission.refresh_from_db()
    assert admission.status == "draft" and admission.prisoner is None


def test_a_woman_cannot_be_placed_in_a_mens_unit(demo, draft_factory):
    admission = draft_factory(unit_code="M1")
    count = Prisoner.objects.count()
    with pytest.raises(ValidationError) as error:
        services.admission_complete(actor=demo.users["officer.a"], admission=admission)
    assert "unit" in error.value.message_dict
    assert Prisoner.objects.count() == count  # nothing half-saved
    assert Admission.objects.get(pk=admission.pk).status == "draft"


def test_completion_creates_one_prisoner_grants_the_facility_and_audits(demo, draft_factory):
    officer_a = demo.users["officer.a"]
    admission = draft_factory()
    done = services.admission_complete(actor=officer_a, admission=admission)
    prisoner = done.prisoner
    assert done.status == "completed" and done.admitted_at is not None
    assert prisoner.family_name == "Шарипова" and prisoner.unit.code == "W1"
    assert prisoner.family_name_latin == "Sharipova"
    assert done.initial_assessment_due == timezone.localdate() + dt.timedelta(days=14)
    assert Prisoner.objects.restrict(officer_a).filter(pk=prisoner.pk).exists()
    assert (
        Prisoner.objects.restrict(demo.users["supervisor.a"], "view_family").filter(pk=prisoner.pk).exists()
    )
    assert not Prisoner.objects.restrict(demo.users["officer.b"]).filter(pk=prisoner.pk).exists()
    assert AuditEvent.objects.filter(
        subject=prisoner, action="create", object_type="casemgmt.prisoner"
    ).exists()
    assert AuditEvent.objects.filter(object_type="intake.admission", object_id=str(admission.pk)).count() >= 4
    # Completing again (a double click) changes nothing.
    again = services.admission_complete(actor=officer_a, admission=admission)
    assert again.prisoner_id == prisoner.pk
    assert Prisoner.objects.filter(family_name="Шарипова", given_name="Нигина").count() == 1


@pytest.mark.parametrize(
    ("step", "data", "field"),
    [
        ("order", {"arrested_at": timezone.now() + dt.timedelta(days=1)}, "arrested_at"),
        ("order", {"order_date": timezone.localdate() + dt.timedelta(days=3)}, "order_date"),
        ("identity", {"date_of_birth": timezone.localdate() + dt.timedelta(days=1)}, "date_of_birth"),
        ("identity", {"sex": "robot"}, "sex"),
    ],
)
def test_bad_input_is_refused_on_the_field_and_the_draft_is_kept(demo, draft_factory, step, data, field):
    admission = draft_factory()
    before = Admission.objects.get(pk=admission.pk)
    with pytest.raises(ValidationError) as error:
        services.admission_save_step(actor=demo.users["officer.a"], admission=admission, step=step, data=data)
    assert field in error.value.message_dict
    after = Admission.objects.get(pk=admission.pk)
    assert (after.version, after.family_name, after.order_number) == (
        before.version,
        before.family_name,
        before.order_number,
    )


def test_date_of_birth_after_the_arrest_is_refused(demo, draft_factory):
    admission = draft_factory()
    arrest_day = timezone.localdate(admission.arrested_at)
    with pytest.raises(ValidationError) as error:
        services.admission_save_step(
            actor=demo.users["officer.a"],
            admission=admission,
            step="identity",
            data={"date_of_birth": arrest_day + dt.timedelta(days=1)},
        )
    assert "date_of_birth" in error.value.message_dict


def test_a_stale_version_is_a_conflict(demo, draft_factory):
    admission = draft_factory()
    with pytest.raises(ValidationError) as error:
        services.admission_save_step(
            actor=demo.users["officer.a"],
            admission=admission,
            step="order",
            data={"arrest_place": "Хуҷанд"},
            expected_version=admission.version - 1,
        )
    assert error.value.code == "conflict"


def test_ill_treatment_complaint_alerts_and_is_never_deleted(demo, draft_factory):
    officer = demo.users["officer.a"]
    admission = draft_factory()
    injury = services.record_add(
        actor=officer,
        admission=admission,
        kind="injury",
        data={
            "body_location": "left forearm",
            "description": "bruising",
            "examined_by": "Dr Karimova",
            "ill_treatment_complaint": True,
            "complaint_details": "beaten during questioning",
        },
    )
    alert = Alert.objects.get(object_type="intake.injury", object_id=str(injury.pk))
    assert alert.facility == demo.facilities["A"] and alert.kind == "ill_treatment"
    with pytest.raises(ValidationError):
        services.record_remove(actor=officer, admission=admission, kind="injury", record_id=injury.pk)
    with pytest.raises(DatabaseError, match="ill-treatment"), transaction.atomic():
        Injury.objects.filter(pk=injury.pk).delete()
    with pytest.raises(DatabaseError, match="ill-treatment"), transaction.atomic():
        Injury.objects.filter(pk=injury.pk).update(complaint_details="nothing")
    assert Injury.objects.filter(pk=injury.pk).exists()


def test_records_follow_the_prisoner_after_completion(demo, draft_factory):
    officer = demo.users["officer.a"]
    admission = draft_factory()
    services.record_add(
        actor=officer,
        admission=admission,
        kind="child",
        data={
            "name": "Зарина",
            "age_years": 4,
            "custody": "relatives",
            "location": "Ваҳдат, бо бибиаш",
            "guardian": "Шарипова Гулноза",
        },
    )
    services.record_add(
        actor=officer,
        admission=admission,
        kind="property",
        data={
            "description": "Телефони мобилӣ",
            "quantity": 1,
            "condition": "good",
            "is_valuable": True,
            "seal_number": "S-0042",
        },
    )
    done = services.admission_complete(actor=officer, admission=admission)
    assert done.prisoner.childs.get().name == "Зарина"
    assert done.prisoner.propertyitems.get().seal_number == "S-0042"


def test_a_child_outside_prison_needs_a_location(demo, draft_factory):
    admission = draft_factory()
    with pytest.raises(ValidationError):
        services.record_add(
            actor=demo.users["officer.a"],
            admission=admission,
            kind="child",
            data={"name": "Аҳмад", "age_years": 7, "custody": "relatives", "location": ""},
        )


def test_returning_person_reopens_the_same_file(demo, draft_factory):
    officer = demo.users["officer.a"]
    first = services.admission_complete(actor=officer, admission=draft_factory())
    prisoner = first.prisoner
    # Released (the release flow arrives with the movements issue): close the admission by hand.
    Prisoner.objects.filter(pk=prisoner.pk).update(custody_status="released")
    Admission.objects.filter(pk=first.pk).update(released_at=timezone.now())
    again = draft_factory(decision=prisoner)
    done = services.admission_complete(actor=officer, admission=again)
    assert done.prisoner_id == prisoner.pk
    assert Prisoner.objects.filter(family_name="Шарипова", given_name="Нигина").count() == 1
    assert Prisoner.objects.get(pk=prisoner.pk).custody_status == "in_custody"


def test_a_person_in_custody_cannot_be_admitted_twice(demo, draft_factory):
    officer = demo.users["officer.a"]
    first = services.admission_complete(actor=officer, admission=draft_factory())
    second = draft_factory(decision=first.prisoner)
    with pytest.raises(ValidationError) as error:
        services.admission_complete(actor=officer, admission=second)
    assert "identity_decision" in error.value.message_dict


def test_start_with_a_token_is_idempotent(demo):
    import uuid

    token = uuid.uuid4()
    officer = demo.users["officer.a"]
    one = services.admission_start(actor=officer, facility=demo.facilities["A"], token=token)
    two = services.admission_start(actor=officer, facility=demo.facilities["A"], token=token)
    assert one.pk == two.pk
    with pytest.raises(ValidationError):
        services.admission_start(actor=demo.users["supervisor.a"], facility=demo.facilities["A"], token=token)


def test_supervisor_sees_and_acknowledges_the_alert(demo, draft_factory, client):
    officer = demo.users["officer.a"]
    admission = draft_factory()
    services.record_add(
        actor=officer,
        admission=admission,
        kind="injury",
        data={
            "description": "cut above the eye",
            "ill_treatment_complaint": True,
            "complaint_details": "hit by a guard",
        },
    )
    alert = Alert.objects.get()
    client.force_login(demo.users["officer.b"])
    assert client.post(f"/alerts/{alert.pk}/acknowledge/").status_code == 404
    client.force_login(demo.users["supervisor.a"])
    assert "cut above" not in client.get("/").content.decode()  # the alert says what, not the details
    assert alert.message in client.get("/").content.decode()
    client.post(f"/alerts/{alert.pk}/acknowledge/")
    alert.refresh_from_db()
    assert alert.acknowledged_by == demo.users["supervisor.a"]
