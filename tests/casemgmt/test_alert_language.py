"""Alerts are stored as a code and values and read in the reader's language (issue 23);
a row stored before the codes reads as it was written."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from casemgmt import alerts
from casemgmt.models import Alert

pytestmark = pytest.mark.django_db


def test_an_alert_raised_in_tajik_reads_in_russian(demo):
    with translation.override("tg"):
        alert = alerts.alert_create(
            actor=demo.users["officer.a"],
            facility=demo.facilities["A"],
            kind=alerts.AlertKind.URGENT_HEALTH,
            code="urgent_health_at_reception",
        )
        tajik = alert.text
    alert = Alert.objects.get(pk=alert.pk)
    assert alert.code == "urgent_health_at_reception" and alert.message == tajik
    with translation.override("ru"):
        russian = alert.text
    with translation.override("en"):
        assert alert.text == "An urgent health need was found at reception."
    assert russian != tajik and russian != alert.text


def test_the_home_page_shows_it_in_the_readers_language(demo, client):
    with translation.override("tg"):
        alerts.alert_create(
            actor=demo.users["officer.a"],
            facility=demo.facilities["A"],
            kind=alerts.AlertKind.URGENT_HEALTH,
            code="urgent_health_at_reception",
        )
    client.force_login(demo.users["supervisor.a"])
    body = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "An urgent health need was found at reception." in body


def test_an_old_row_without_a_code_reads_as_written(demo):
    old = Alert.objects.create(facility=demo.facilities["A"], kind="death", message="Старый текст")
    assert old.text == "Старый текст"


def test_an_unknown_code_is_refused(demo):
    with pytest.raises(ValueError, match="unknown alert code"):
        alerts.alert_create(
            actor=None, facility=demo.facilities["A"], kind=alerts.AlertKind.DEATH, code="no_such_code"
        )


def test_the_migration_gives_old_rows_of_a_known_text_their_code(demo):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("casemgmt.migrations.0013_alert_code_and_values")
    with translation.override("tg"):
        tajik = translation.gettext("An urgent health need was found at reception.")
    old = Alert.objects.create(facility=demo.facilities["A"], kind="urgent_health", message=tajik)
    other = Alert.objects.create(facility=demo.facilities["A"], kind="death", message="Старый текст")
    migration.codes_for_old_rows(apps, None)
    old.refresh_from_db()
    other.refresh_from_db()
    assert old.code == "urgent_health_at_reception" and other.code == ""
    with translation.override("en"):
        assert old.text == "An urgent health need was found at reception."
