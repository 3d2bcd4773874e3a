"""An appeal that reduces or quashes the sanctions shortens or ends them: the running
sanction's last day moves, the separation it started ends or its planned end moves,
each change audited and shown with the appeal."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from discipline import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def appealed(demo, catalogue, staff, report):
    """A proved charge with 10 days of cell confinement and 20 days' loss of privileges,
    under appeal (heard by the adjudicator, so the supervisor is the higher authority)."""

    def _make():
        r = services.report_hear(
            actor=staff["adjudicator"], report=report(), account="", finding="proved", reasons="Seen."
        )
        services.sanctions_impose(
            actor=staff["adjudicator"],
            report=r,
            sanctions=[
                {"kind": catalogue["cell"], "days": 10},
                {"kind": catalogue["privileges"], "days": 20},
            ],
        )
        return services.appeal_lodge(
            actor=demo.users["officer.a"], report=r, lodged_on=timezone.localdate(), grounds="Too harsh."
        )

    return _make


def _sanctions(report):
    cell, privileges = report.sanctions.select_related("kind").order_by("pk")
    return cell, privileges


def test_sanctions_reduced_moves_the_last_day_and_the_planned_end(demo, appealed):
    r = appealed()
    cell, privileges = _sanctions(r)
    sep = cell.separation
    today = timezone.localdate()
    assert sep.planned_end == today + dt.timedelta(days=9)
    services.appeal_decide(
        actor=demo.users["supervisor.a"],
        report=r,
        outcome="varied",
        reasons="Ten days is out of proportion.",
        reductions={cell.pk: 4},
    )
    cell.refresh_from_db()
    privileges.refresh_from_db()
    sep.refresh_from_db()
    assert (cell.days, cell.appeal_days, cell.ends_on) == (10, 4, today + dt.timedelta(days=3))
    assert sep.planned_end == today + dt.timedelta(days=3) and sep.ended_at is None
    assert privileges.appeal_days is None and privileges.cancelled_at is None
    events = AuditEvent.objects.filter(reason="Sanction reduced on appeal")
    assert {e.object_type for e in events} == {"discipline.sanction", "discipline.separation"}


def test_a_reduction_to_days_already_served_ends_the_separation(demo, appealed):
    r = appealed()
    cell, _ = _sanctions(r)
    # the sanction began four days ago: a reduction to two days has been served
    start = timezone.localdate() - dt.timedelta(days=4)
    type(cell).objects.filter(pk=cell.pk).update(starts_on=start)
    type(cell.separation).objects.filter(pk=cell.separation.pk).update(
        started_at=timezone.now() - dt.timedelta(days=4)
    )
    services.appeal_decide(
        actor=demo.users["supervisor.a"], report=r, outcome="varied", reasons="x", reductions={cell.pk: 2}
    )
    sep = type(cell.separation).objects.get(pk=cell.separation.pk)
    assert sep.ended_at is not None and sep.end_reason == "Sanction reduced on appeal"


def test_cancelling_one_sanction_ends_its_separation_and_keeps_the_other(demo, appealed):
    r = appealed()
    cell, privileges = _sanctions(r)
    services.appeal_decide(
        actor=demo.users["supervisor.a"], report=r, outcome="varied", reasons="x", reductions={cell.pk: 0}
    )
    cell.refresh_from_db()
    privileges.refresh_from_db()
    assert cell.cancelled_at is not None and cell.separation.ended_at is not None
    assert privileges.cancelled_at is None


def test_quashing_cancels_every_sanction_audited(demo, appealed):
    r = appealed()
    services.appeal_decide(actor=demo.users["supervisor.a"], report=r, outcome="quashed", reasons="Unfair.")
    assert r.sanctions.filter(cancelled_at__isnull=True).count() == 0
    assert (
        AuditEvent.objects.filter(
            object_type="discipline.sanction", reason="Finding quashed on appeal"
        ).count()
        == 2
    )
    assert r.prisoner.separations.get().ended_at is not None


@pytest.mark.parametrize(
    ("outcome", "reductions", "message"),
    [
        ("varied", {}, "Say which sanctions"),
        ("varied", "cell:10", "fewer days than 10"),
        ("varied", "cell:12", "fewer days than 10"),
        ("varied", {999999: 1}, "still in force"),
        ("upheld", "cell:3", "changes none"),
    ],
)
def test_bad_reductions_are_refused_and_nothing_changes(demo, appealed, outcome, reductions, message):
    r = appealed()
    cell, _ = _sanctions(r)
    if isinstance(reductions, str):
        reductions = {cell.pk: int(reductions.split(":")[1])}
    with pytest.raises(ValidationError, match=message):
        services.appeal_decide(
            actor=demo.users["supervisor.a"], report=r, outcome=outcome, reasons="x", reductions=reductions
        )
    r.refresh_from_db()
    cell.refresh_from_db()
    assert r.status == "appealed" and cell.appeal_days is None and cell.separation.ended_at is None


def test_the_page_reduces_a_sanction_and_shows_it_with_the_appeal(demo, login, appealed):
    r = appealed()
    cell, privileges = _sanctions(r)
    client = login(demo.users["supervisor.a"])
    page = client.get(reverse("discipline:report", args=[r.pk])).content.decode()
    assert f'name="days_{cell.pk}"' in page and f'name="days_{privileges.pk}"' in page
    response = client.post(
        reverse("discipline:report-step", args=[r.pk, "decide"]),
        {"outcome": "varied", "reasons": "Reduced.", f"days_{privileges.pk}": "5"},
        follow=True,
    )
    assert response.status_code == 200
    privileges.refresh_from_db()
    assert privileges.appeal_days == 5
    assert "reduced on appeal to 5 days" in response.content.decode()


def test_the_api_reduces_a_sanction(demo, api, appealed):
    r = appealed()
    cell, _ = _sanctions(r)
    response = api(demo.users["supervisor.a"]).post(
        f"/api/v1/disciplinary-reports/{r.pk}/decide/",
        {"outcome": "varied", "reasons": "Reduced.", "reductions": [{"sanction": cell.pk, "days": 3}]},
        format="json",
    )
    assert response.status_code == 200, response.content
    row = next(s for s in response.json()["sanctions"] if s["id"] == cell.pk)
    assert (
        row["appeal_days"] == 3
        and row["ends_on"] == (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    )
