"""Who sees the programme records: programme staff only their participants."""

import pytest
from django.urls import reverse

from casemgmt.models import Prisoner
from rehabilitation import services
from tests.rehabilitation.conftest import refer


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
