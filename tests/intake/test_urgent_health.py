"""An urgent health need found at reception alerts the facility's supervisors at completion."""

import pytest
from django.urls import reverse

from casemgmt.alerts import alerts_for
from casemgmt.models import Alert
from intake import services

pytestmark = pytest.mark.django_db


def test_an_urgent_health_need_alerts_the_supervisors_at_completion(demo, draft_factory, login):
    officer = demo.users["officer.a"]
    admission = draft_factory()
    admission = services.admission_save_step(
        actor=officer,
        admission=admission,
        step="health",
        data={"urgent_health_need": True, "doctor_within_24h": True, "health_notes": "chest pain"},
    )
    assert not Alert.objects.filter(kind="urgent_health").exists()  # a draft alerts nobody yet
    admission = services.admission_complete(actor=officer, admission=admission)
    alert = Alert.objects.get(kind="urgent_health")
    assert alert.facility == demo.facilities["A"]
    assert alert.link == f"/prisoners/{admission.prisoner.pk}/"
    assert alert.object_id == str(admission.pk)
    assert list(alerts_for(demo.users["supervisor.a"])) == [alert]
    assert not alerts_for(demo.users["officer.a"]).exists()
    home = login(demo.users["supervisor.a"]).get(reverse("home"))
    assert "An urgent health need was found at reception." in home.content.decode()
    # Completing again (a double click) raises no second alert.
    services.admission_complete(actor=officer, admission=admission)
    assert Alert.objects.filter(kind="urgent_health").count() == 1


def test_no_alert_without_an_urgent_need(demo, draft_factory):
    services.admission_complete(actor=demo.users["officer.a"], admission=draft_factory())
    assert not Alert.objects.filter(kind="urgent_health").exists()
