"""The release plan opens on time and is reminded once; the release movement checks the
legal basis and the plan; the handover summary and the prisoner's copy carry no
excluded field."""

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from custody.services import movement_record
from documents import services as documents
from documents.models import DocumentKind
from legal import services
from legal.models import ReleasePlan
from notifications import services as sweep
from notifications.models import Reminder
from tests.documents.conftest import MINIMAL_PDF

pytestmark = pytest.mark.django_db


def _sentence(demo, case, *, release_in_days):
    """A sentence whose last day is ``release_in_days`` from today (one year, started so)."""
    today = timezone.localdate()
    last = today + dt.timedelta(days=release_in_days)
    start = last + dt.timedelta(days=1) - relativedelta(years=1)
    return services.sentence_record(actor=demo.users["officer.a"], case=case, sentenced_on=start, years=1)


def test_plan_opens_within_the_window_and_not_before(demo, case, settings):
    settings.LEGAL_PLAN_OPEN_MONTHS = 6
    _sentence(demo, case, release_in_days=300)
    assert not ReleasePlan.objects.filter(prisoner=case.prisoner).exists()
    today = timezone.localdate()
    assert services.plans_open_due(today) == 0
    assert services.plans_open_due(today + dt.timedelta(days=130)) == 1  # 170 days before release
    plan = ReleasePlan.objects.get(prisoner=case.prisoner)
    assert plan.opened_automatically and plan.expected_release == today + dt.timedelta(days=300)
    assert services.plans_open_due(today + dt.timedelta(days=131)) == 0  # once


def test_a_sentence_ending_soon_opens_the_plan_at_once(demo, case):
    _sentence(demo, case, release_in_days=40)
    assert ReleasePlan.objects.filter(prisoner=case.prisoner, opened_automatically=True).count() == 1


def test_reminded_once_when_release_is_near_and_no_plan_ready(demo, case, settings):
    settings.LEGAL_PLAN_REMIND_DAYS = 30
    _sentence(demo, case, release_in_days=20)
    sweep.sweep()
    sweep.sweep()
    rows = set(Reminder.objects.filter(kind="release_plan").values_list("recipient__username", flat=True))
    assert rows == {"casemanager.a", "supervisor.a"}
    assert Reminder.objects.filter(kind="release_plan").count() == 2  # once each
    plan = ReleasePlan.objects.get(prisoner=case.prisoner)
    services.plan_set_status(actor=demo.users["casemanager.a"], plan=plan, status="ready")
    # a ready plan is not reminded on a later day
    sweep.sweep(today=timezone.localdate() + dt.timedelta(days=1))
    assert Reminder.objects.filter(kind="release_plan").count() == 2


def test_plan_items_and_ready_only_when_done(demo, case):
    cm = demo.users["casemanager.a"]
    _sentence(demo, case, release_in_days=40)
    plan = ReleasePlan.objects.get(prisoner=case.prisoner)
    item = services.plan_item_add(
        actor=cm,
        plan=plan,
        pathway="disengagement",
        need="Mentor in the community",
        action="Introduce mentor",
        owner="Mahalla committee",
        due_on=timezone.localdate() + dt.timedelta(days=20),
    )
    with pytest.raises(ValidationError):
        services.plan_set_status(actor=cm, plan=plan, status="ready")
    services.plan_item_update(actor=cm, item=item, status="done")
    services.plan_set_status(actor=cm, plan=plan, status="ready")
    assert plan.progress() == (1, 1)
    with pytest.raises(Http404):  # an officer does not manage the plan
        services.plan_item_add(actor=demo.users["officer.a"], plan=plan, pathway="finance", action="x")


def test_release_needs_a_legal_basis_with_its_document(demo, case, private_storage, kinds):
    officer, supervisor = demo.users["officer.a"], demo.users["supervisor.a"]
    prisoner = case.prisoner
    hearing = services.hearing_create(actor=officer, case=case, scheduled_at=timezone.now())
    with pytest.raises(ValidationError) as error:
        movement_record(
            actor=supervisor, prisoner=prisoner, kind="release", reason="court", override_reason="x"
        )
    assert "legal basis" in str(error.value)  # a supervisor cannot proceed past it
    services.hearing_outcome(actor=officer, hearing=hearing, outcome="released", note="bail")
    with pytest.raises(ValidationError):  # the order is not on the file yet
        movement_record(actor=officer, prisoner=prisoner, kind="release", reason="court order")
    from django.core.files.uploadedfile import SimpleUploadedFile

    documents.document_add(
        actor=officer,
        prisoner=prisoner,
        kind=DocumentKind.objects.get(code="court_order"),
        title="Order",
        upload=SimpleUploadedFile("o.pdf", MINIMAL_PDF),
        record_type="legal.hearing",
        record_id=hearing.pk,
    )
    movement = movement_record(actor=officer, prisoner=prisoner, kind="release", reason="court order")
    prisoner.refresh_from_db()
    assert prisoner.custody_status == "released" and movement.conflicts == []


def test_release_of_a_sentenced_person_warns_about_the_plan(demo, case):
    officer, supervisor = demo.users["officer.a"], demo.users["supervisor.a"]
    today = timezone.localdate()
    # The sentence ended yesterday: the basis is there; the plan is open but not ready.
    services.sentence_record(
        actor=officer, case=case, sentenced_on=today - relativedelta(years=1) - dt.timedelta(days=1), years=1
    )
    with pytest.raises(ValidationError) as error:
        movement_record(actor=officer, prisoner=case.prisoner, kind="release", reason="sentence served")
    assert "override_reason" in error.value.message_dict
    with pytest.raises(ValidationError):  # only a supervisor may proceed
        movement_record(
            actor=officer, prisoner=case.prisoner, kind="release", reason="served", override_reason="proceed"
        )
    movement = movement_record(
        actor=supervisor,
        prisoner=case.prisoner,
        kind="release",
        reason="served",
        override_reason="family waiting",
    )
    assert movement.override_reason == "family waiting" and movement.conflicts
    assert movement.conflicts[0]["code"] in ("plan_missing", "plan_not_ready")


def _all_text(response):
    return response.content.decode()


def test_handover_summary_carries_only_chosen_sections_and_is_an_export(demo, case, login):
    cm = demo.users["casemanager.a"]
    services.hearing_create(actor=demo.users["officer.a"], case=case, scheduled_at=timezone.now())
    client = login(cm)
    response = client.post(
        reverse("legal:handover", args=[case.prisoner_id]),
        {
            "agency": "probation",
            "recipient": "Probation office, Sino",
            "sections": ["identity", "legal"],
            "reason": "release in a month",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    text = _all_text(page)
    assert case.case_number in text and case.prisoner.prison_number in text
    assert "Placement history" not in text and "Release and reintegration plan" not in text
    assert AuditEvent.objects.filter(action="export", object_type="legal.handoversummary").count() == 1
    assert login(demo.users["officer.a"]).get(response["Location"]).status_code == 404


def test_prisoners_copy_has_no_excluded_field(demo, case, login):
    """Asserted field by field: a movement's reason and conflicts, a complaint's staff
    member and summary, a confidential complaint's words, a plan action's owner, the
    security classification and the next of kin are not in the copy."""
    from complaints import services as complaints
    from legal.summaries import COPY, COPY_EXCLUDED

    officer, cm = demo.users["officer.a"], demo.users["casemanager.a"]
    prisoner = case.prisoner
    movement_record(
        actor=officer,
        prisoner=prisoner,
        kind="court",
        external_place="Суди Сино",
        reason="INTEL-SECRET-REASON",
        authorised_by="AUTHORISER-SECRET",
    )
    complaints.complaint_record(
        actor=officer,
        prisoner=prisoner,
        category="conditions",
        words="Cold cell at night",
        summary="STAFF-SUMMARY-SECRET",
        about_staff=demo.users["officer.b"],
    )
    complaints.complaint_record(
        actor=officer,
        prisoner=prisoner,
        category="ill_treatment",
        route="inspection",
        confidential=True,
        words="CONFIDENTIAL-WORDS",
    )
    _sentence(demo, case, release_in_days=40)
    plan = ReleasePlan.objects.get(prisoner=prisoner)
    services.plan_item_add(
        actor=cm, plan=plan, pathway="disengagement", action="Meet the mentor", owner="MENTOR-NAME-SECRET"
    )
    services.copy_request(actor=cm, prisoner=prisoner)
    text = _all_text(login(cm).get(reverse("legal:copy", args=[prisoner.pk])))
    for secret in (
        "INTEL-SECRET-REASON",
        "AUTHORISER-SECRET",
        "STAFF-SUMMARY-SECRET",
        "CONFIDENTIAL-WORDS",
        "MENTOR-NAME-SECRET",
        "officer.b",
    ):
        assert secret not in text, secret
    for shown in (
        prisoner.prison_number,
        "Cold cell at night",
        "Meet the mentor",
        case.case_number,
        "Суди Сино",
    ):
        assert shown in text, shown
    # Every excluded field is declared, and none of them is among the copied fields.
    for key in COPY_EXCLUDED:
        record, _, field = key.rpartition(".")
        for section_type, fields in COPY.values():
            if section_type == record:
                assert field not in fields, key
    from legal.models import SubjectAccessRequest  # the request and its delivery are recorded

    delivered = services.copy_deliver(actor=cm, request=SubjectAccessRequest.objects.get(prisoner=prisoner))
    assert delivered.delivered_on == timezone.localdate()
    assert AuditEvent.objects.filter(action="export", object_type="legal.subjectaccessrequest").exists()


def test_standards_rows_count_plans_ready_and_copies_delivered(demo, case):
    from casemgmt.models import Prisoner
    from reports.standards import summary

    cm = demo.users["casemanager.a"]
    _sentence(demo, case, release_in_days=40)
    services.copy_request(actor=cm, prisoner=case.prisoner)
    rows = {
        r["code"]: r for r in summary(user=cm, prisoners=Prisoner.objects.all(), today=timezone.localdate())
    }
    assert rows["release_plan_ready"]["applies"] == 1 and rows["release_plan_ready"]["complete"] == 0
    assert rows["record_copy_delivered"]["applies"] == 1 and rows["record_copy_delivered"]["complete"] == 0
    plan = ReleasePlan.objects.get(prisoner=case.prisoner)
    services.plan_set_status(actor=cm, plan=plan, status="ready")
    rows = {
        r["code"]: r for r in summary(user=cm, prisoners=Prisoner.objects.all(), today=timezone.localdate())
    }
    assert rows["release_plan_ready"]["complete"] == 1
