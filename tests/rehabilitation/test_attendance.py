"""Attendance (session_create, attendance_record): the whole group on one page."""

import pytest
from django.urls import reverse

from rehabilitation import services
from rehabilitation.models import Enrolment
from tests.rehabilitation.conftest import refer


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
