"""Errors of last resort and the scanner-found 500s: a database outage is a 503 (JSON with
Retry-After on the API, a translated page elsewhere), any other failure on the API is JSON,
and the inputs third-party scanners found crashing answer 4xx."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import InterfaceError, OperationalError
from django.utils import timezone, translation

from tests.conftest import Client
from tests.security.test_permission_matrix import world  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor(world):  # noqa: F811
    client = Client(raise_request_exception=False)
    client.force_login(world.users["supervisor.a"])
    return client


def _database_down(monkeypatch, error=OperationalError):
    """Every query fails as with the server gone (the connection refused)."""
    from django.db.backends.utils import CursorWrapper

    def refuse(self, *args, **kwargs):
        raise error("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    for name in ("execute", "executemany"):
        monkeypatch.setattr(CursorWrapper, name, refuse)
    from django.db.backends.utils import CursorDebugWrapper

    for name in ("execute", "executemany"):
        monkeypatch.setattr(CursorDebugWrapper, name, refuse)


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_database_outage_on_the_api_is_a_503_in_json_with_retry_after(supervisor, monkeypatch, error):
    _database_down(monkeypatch, error)
    for url in ["/api/v1/prisoners/", "/api/v1/casenotes/", "/api/v1/reports/statistics/"]:
        response = supervisor.get(url)
        assert response.status_code == 503, url
        assert response["Content-Type"] == "application/json"
        assert response["Retry-After"] == "30"
        assert response.json()["code"] == "service_unavailable"
    # even before the view: the session's user cannot be loaded
    response = Client(raise_request_exception=False).get("/api/v1/prisoners/", HTTP_AUTHORIZATION="Token abc")
    assert response.status_code == 503 and response.json()["detail"]


def test_a_database_outage_on_a_page_is_a_translated_503_page(supervisor, monkeypatch):
    _database_down(monkeypatch)
    response = supervisor.get("/prisoners/", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert response["Content-Type"].startswith("text/html")
    with translation.override("ru"):
        title = translation.gettext("Service temporarily unavailable")
    assert title in response.content.decode()
    anonymous = Client(raise_request_exception=False).get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert anonymous.status_code in (302, 503)


def test_any_other_failure_on_the_api_is_json_not_the_english_500_page(supervisor, monkeypatch):
    from casemgmt.api import views

    def fail(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(views.PrisonerViewSet, "list", fail)
    response = supervisor.get("/api/v1/prisoners/")
    assert response.status_code == 500
    assert response.json()["code"] == "server_error" and "a bug" not in response.content.decode()
    missing = supervisor.get("/api/v1/no-such-route/")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"


def test_options_on_the_api_docs_page_answers_without_a_template(client):
    assert client.options("/api/docs/").status_code == 200  # signed out
    assert "GET" in client.options("/api/docs/")["Allow"]


def test_attendance_keyed_by_something_else_than_an_id_is_a_400(world, supervisor):  # noqa: F811
    from rehabilitation.models import Attendance, Session

    session = Session.objects.filter(offering__facility=world.facilities["A"]).first()
    if session is None:
        pytest.skip("the demo has no session in facility A")
    before = Attendance.objects.count()
    for entries in [{"abc": {"status": "attended"}}, {"1e400": {}}, {"-1": {}}, {"1": {"note": 5}}]:
        response = supervisor.post(
            f"/api/v1/sessions/{session.pk}/attendance/",
            {"entries": entries},
            content_type="application/json",
        )
        assert response.status_code in (400, 404), (entries, response.status_code)
    assert Attendance.objects.count() == before


def test_a_review_rating_goals_keyed_by_something_else_than_an_id_is_a_400():
    from casework.api.serializers import ReviewCreateSerializer

    body = {
        "held_on": timezone.localdate().isoformat(),
        "attendees": "the person and the case manager",
        "decisions": "continue",
        "version": 1,
    }
    for progress in [{"abc": {"status": "achieved"}}, {"1e400": {}}, {"0": {}}, {"1": {"note": ["x"]}}]:
        data = ReviewCreateSerializer(data={**body, "progress": progress})
        assert not data.is_valid() and "progress" in data.errors, progress
    data = ReviewCreateSerializer(data={**body, "progress": {"12": {"status": "achieved", "note": ""}}})
    assert data.is_valid(), data.errors
    assert data.validated_data["progress"] == {12: {"status": "achieved", "note": ""}}


def test_the_statistics_period_is_bounded(supervisor):
    huge = supervisor.get("/api/v1/reports/statistics/?since=0001-01-01&until=9999-12-31")
    assert huge.status_code == 400
    today = timezone.localdate()
    six_years = supervisor.get(f"/api/v1/reports/statistics/?since={today - dt.timedelta(days=6 * 366)}")
    assert six_years.status_code == 400 and "five years" in str(six_years.json())
    assert supervisor.get(f"/api/v1/reports/statistics/?since={today.replace(day=1)}").status_code == 200


@pytest.mark.parametrize(
    "export,filters",
    [
        ("admissions", {"status": "nonsense"}),
        ("assessments", {"facility": "x"}),
        ("case_plans", {"manager": "1e400"}),
        ("participation", {"offering": "-1"}),
        ("reminders", {"show": "everything"}),
    ],
)
def test_an_exports_invalid_filters_are_refused_for_every_kind(supervisor, export, filters):
    from reports.exports import EXPORTS
    from reports.models import ExportJob

    if export not in EXPORTS:
        pytest.skip(f"no {export} export")
    response = supervisor.post(
        "/api/v1/reports/exports/",
        {"export": export, "format": "csv", "reason": "a check of the filters", "filters": filters},
        content_type="application/json",
    )
    assert response.status_code == 400 and "filters" in response.json()
    assert not ExportJob.objects.exists()


def test_implausible_dates_of_birth_and_orders_are_refused(world):  # noqa: F811
    from django.core.exceptions import ValidationError

    from casemgmt.models import Prisoner
    from intake.models import Admission

    field = Prisoner._meta.get_field("date_of_birth")
    for value in [dt.date(1899, 12, 31), timezone.localdate() + dt.timedelta(days=1)]:
        with pytest.raises(ValidationError):
            field.run_validators(value)
    field.run_validators(dt.date(1960, 5, 1))
    order = Admission._meta.get_field("order_date")
    with pytest.raises(ValidationError):
        order.run_validators(timezone.localdate() + dt.timedelta(days=3 * 366))
    order.run_validators(timezone.localdate())


def test_a_date_outside_the_plausible_years_is_refused_in_any_filter(supervisor):
    for url in ["/api/v1/audit/events/?until=9999-12-31", "/api/v1/prisoners/?since=0001-01-01"]:
        response = supervisor.get(url)
        assert response.status_code == 400, url
        assert "between the years" in response.json()["detail"]
