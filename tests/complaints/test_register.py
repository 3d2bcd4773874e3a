"""The register: recording, the workflow, deadlines, confidentiality, allegations, limits."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from casemgmt import history
from casemgmt.models import Alert
from complaints import services
from complaints.models import Complaint
from core.grants import capabilities_of
from core.models import AuditEvent, ReadEvent

pytestmark = pytest.mark.django_db


def test_deadlines_follow_the_route_and_settings(make, settings):
    settings.COMPLAINT_ACK_DAYS_CENTRAL = 4
    settings.COMPLAINT_ANSWER_DAYS_CENTRAL = 21
    received = timezone.now() - dt.timedelta(days=1)
    c = make(route="central", received_at=received)
    day = timezone.localdate(received)
    assert (c.acknowledge_due, c.answer_due, c.referral_due) == (
        day + dt.timedelta(days=4),
        day + dt.timedelta(days=21),
        None,
    )
    assert c.facility_id == c.prisoner.facility_id and c.status == "received"


def test_the_whole_workflow_is_audited(demo, make):
    sup = demo.users["supervisor.a"]
    c = make(submitted_by="lawyer", submitter_name="A. Karimov")
    c = services.complaint_acknowledge(actor=sup, complaint=c)
    assert c.handler == sup
    c = services.complaint_investigate(actor=sup, complaint=c)
    c = services.complaint_answer(actor=sup, complaint=c, answer="The window was repaired on Monday.")
    c = services.complaint_copy_given(actor=sup, complaint=c)
    c = services.complaint_refer(
        actor=sup, complaint=c, outside_kind="appeal", referred_to="Prosecutor of Dushanbe", reference="P-1"
    )
    c = services.complaint_close(actor=sup, complaint=c)
    assert c.status == "closed" and c.copy_given_at and c.answered_by == sup
    steps = list(
        AuditEvent.objects.filter(object_type="complaints.complaint", object_id=str(c.pk))
        .order_by("id")
        .values_list("reason", flat=True)
    )
    assert steps == ["", "acknowledge", "investigate", "answer", "copy given", "refer", "close"]
    with pytest.raises(ValidationError):
        services.complaint_acknowledge(actor=sup, complaint=c)


def test_officers_record_but_do_not_handle(demo, make):
    c = make()
    with pytest.raises(Http404):
        services.complaint_acknowledge(actor=demo.users["officer.a"], complaint=c)
    with pytest.raises(Http404):  # another facility's officer cannot record for this file
        make(actor=demo.users["officer.b"])


def test_the_person_complained_about_never_handles_it(demo, make):
    sup = demo.users["supervisor.a"]
    c = make(category="staff_conduct", about_staff=sup)
    with pytest.raises(ValidationError):
        services.complaint_acknowledge(actor=sup, complaint=c)
    with pytest.raises(ValidationError):
        services.complaint_assign(actor=None, complaint=c, handler=sup)


def test_confidential_only_outside_and_sealed_letters(make):
    with pytest.raises(ValidationError) as err:
        make(route="director", confidential=True)
    assert "outside the facility" in str(err.value)
    sealed = make(route="inspection", confidential=True, words="")
    assert sealed.pk
    with pytest.raises(ValidationError):
        make(words="")  # an open complaint is written down


def test_free_texts_have_a_limit(make, demo, login):
    with pytest.raises(ValidationError):
        make(words="x" * 20001)
    prisoner = demo.prisoners["A"][0]
    response = login(demo.users["officer.a"]).post(
        reverse("complaints:create", args=[prisoner.pk]),
        {
            "category": "other",
            "route": "director",
            "kind": "complaint",
            "submitted_by": "prisoner",
            "words": "x" * 20001,
        },
    )
    assert response.status_code == 400
    assert "at most 20000 characters" in response.content.decode()


def test_torture_allegation_alerts_at_once_and_is_kept(demo, make):
    c = make(category="ill_treatment", words="He was beaten by the night shift.")
    alert = Alert.objects.get(object_type="complaints.complaint", object_id=str(c.pk))
    assert alert.kind == "ill_treatment" and alert.facility == c.facility
    assert c.referral_due is not None
    with pytest.raises(DatabaseError), transaction.atomic():
        Complaint.objects.filter(pk=c.pk).update(words="nothing happened")
    with pytest.raises(DatabaseError), transaction.atomic():
        Complaint.objects.filter(pk=c.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        Complaint.objects.filter(pk=c.pk).update(category="other")
    sup = demo.users["supervisor.a"]
    # Referred to an independent authority at once, before any answer; then it cannot be closed unreferred.
    services.complaint_acknowledge(actor=sup, complaint=c)
    c = services.complaint_refer(
        actor=sup, complaint=c, outside_kind="referral", referred_to="Prosecutor", reference="R-9"
    )
    assert c.status == "acknowledged" and c.referred_at
    with pytest.raises(DatabaseError), transaction.atomic():
        Complaint.objects.filter(pk=c.pk).update(referral_reference="changed")


def test_an_allegation_cannot_be_closed_unreferred(demo, make):
    sup = demo.users["supervisor.a"]
    c = make(category="ill_treatment")
    services.complaint_acknowledge(actor=sup, complaint=c)
    c = services.complaint_answer(actor=sup, complaint=c, answer="Investigated.")
    with pytest.raises(ValidationError):
        services.complaint_close(actor=sup, complaint=c)


def test_an_answer_once_given_is_kept(demo, make):
    sup = demo.users["supervisor.a"]
    c = make()
    services.complaint_acknowledge(actor=sup, complaint=c)
    services.complaint_answer(actor=sup, complaint=c, answer="Done.")
    with pytest.raises(DatabaseError), transaction.atomic():
        Complaint.objects.filter(pk=c.pk).update(answer="Something else")


def test_a_confidential_complaints_history_rows_hold_no_content(demo, make):
    c = make(route="central", confidential=True, words="Secret words")
    events = list(AuditEvent.objects.filter(object_type="complaints.complaint", object_id=str(c.pk)))
    assert events and all("Secret" not in str(e.after) for e in events)
    officer, sup = demo.users["officer.a"], demo.users["supervisor.a"]
    assert history.readable(events, officer, capabilities_of(officer, c.prisoner)) == []
    assert history.readable(events, sup, capabilities_of(sup, c.prisoner)) == events
    open_one = make()
    open_events = list(
        AuditEvent.objects.filter(object_type="complaints.complaint", object_id=str(open_one.pk))
    )
    assert history.readable(open_events, officer, capabilities_of(officer, c.prisoner)) == open_events


def test_pages_and_the_read_audit(demo, make, login):
    c = make()
    client = login(demo.users["officer.a"])
    for url in (
        reverse("complaints:register"),
        reverse("complaints:detail", args=[c.pk]),
        reverse("prisoner-tab", args=[c.prisoner_id, "complaints"]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert c.prisoner.prison_number in response.content.decode()
        assert c.prisoner_id in ReadEvent.objects.order_by("-id").first().subjects
    assert client.get(reverse("complaints:statistics")).status_code == 200


def test_the_register_filters(demo, make, login):
    health = make(category="health", words="Need a dentist")
    make(category="family", words="Visits were refused")
    client = login(demo.users["supervisor.a"])
    rows = client.get(reverse("complaints:register"), {"category": "health"}).context["complaints"]
    assert [c.pk for c in rows] == [health.pk]
    body = client.get(reverse("complaints:register"), {"overdue": "on"}).content.decode()
    assert "No request or complaint recorded." in body


def test_recording_from_the_case_file(demo, login):
    prisoner = demo.prisoners["A"][1]
    client = login(demo.users["officer.a"])
    response = client.post(
        reverse("complaints:create", args=[prisoner.pk]),
        {
            "category": "health",
            "route": "director",
            "kind": "request",
            "submitted_by": "prisoner",
            "words": "Glasses",
        },
    )
    c = Complaint.objects.get(prisoner=prisoner)
    assert response.status_code == 302 and response["Location"] == reverse("complaints:detail", args=[c.pk])
    assert c.recorded_by == demo.users["officer.a"] and c.kind == "request"


def test_handling_in_the_browser(demo, make, login):
    c = make()
    sup = login(demo.users["supervisor.a"])
    assert sup.post(reverse("complaints:step", args=[c.pk, "acknowledge"])).status_code == 302
    response = sup.post(reverse("complaints:step", args=[c.pk, "answer"]), {"answer": ""})
    assert response.status_code == 400
    sup.post(reverse("complaints:step", args=[c.pk, "answer"]), {"answer": "Repaired."})
    c.refresh_from_db()
    assert c.status == "answered"
    officer = login(demo.users["officer.a"])
    assert officer.post(reverse("complaints:step", args=[c.pk, "close"])).status_code == 404
