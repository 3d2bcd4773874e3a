""" "All present", then the exceptions (issue 23): one click records the whole group."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from rehabilitation import services
from rehabilitation.models import Attendance, Enrolment
from tests.rehabilitation.conftest import make_offering, refer

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(demo, men):
    offering = make_offering(demo, capacity=5)
    staff = demo.users["programme.a"]
    for p in men[:3]:
        services.referral_assess(actor=staff, referral=refer(demo, p, offering), suitable=True, note="")
    session = services.session_create(actor=staff, offering=offering, date=timezone.localdate())
    return session, list(Enrolment.objects.filter(offering=offering).order_by("pk"))


def _statuses(session):
    return dict(Attendance.objects.filter(session=session).values_list("enrolment_id", "status"))


def test_everyone_else_present_records_the_exception_and_the_rest_attended(demo, group, client):
    session, enrolments = group
    client.force_login(demo.users["programme.a"])
    url = reverse("rehabilitation:attendance", args=[session.pk])
    assert "Everyone else present" in client.get(url).content.decode()
    before = AuditEvent.objects.count()
    response = client.post(
        url, {"rest": "attended", f"e-{enrolments[1].pk}-status": "sick", f"e-{enrolments[1].pk}-note": "Ill"}
    )
    assert response.status_code == 302
    assert _statuses(session) == {
        enrolments[0].pk: "attended",
        enrolments[1].pk: "sick",
        enrolments[2].pk: "attended",
    }
    assert AuditEvent.objects.count() == before + 1


def test_a_bad_exception_saves_nothing(demo, group, client):
    session, enrolments = group
    client.force_login(demo.users["programme.a"])
    url = reverse("rehabilitation:attendance", args=[session.pk])
    response = client.post(url, {"rest": "attended", f"e-{enrolments[0].pk}-status": "other"})
    assert response.status_code == 400
    assert "Say what the other reason is." in response.content.decode()
    assert _statuses(session) == {}


def test_the_api_marks_all_present_but_the_exceptions(demo, group, api):
    session, enrolments = group
    response = api(demo.users["programme.a"]).post(
        f"/api/v1/sessions/{session.pk}/all-present/",
        {"exceptions": {str(enrolments[2].pk): {"status": "refused", "note": ""}}},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert sorted(r["status"] for r in response.json()["attendance"]) == ["attended", "attended", "refused"]
    assert (
        api(demo.users["officer.a"]).post(f"/api/v1/sessions/{session.pk}/all-present/", {}).status_code
        == 404
    )


def test_an_exception_naming_no_participant_is_refused(demo, group, api):
    session, _enrolments = group
    client = api(demo.users["programme.a"])
    for key in ("abc", "999999"):
        response = client.post(
            f"/api/v1/sessions/{session.pk}/all-present/",
            {"exceptions": {key: {"status": "sick"}}},
            format="json",
        )
        assert response.status_code == 400, response.content
    assert _statuses(session) == {}
