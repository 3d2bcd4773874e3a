"""No reprisal (Rule 57(2)), the standards view's rows, the statistics."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints import selectors, services
from core.models import ReadEvent
from custody.services import movement_record
from reports import selectors as report_selectors

pytestmark = pytest.mark.django_db


def _free_cell(prisoner):
    for cell in prisoner.unit.cells.exclude(pk=prisoner.cell_id):
        if cell.prisoners.count() < cell.capacity:
            return cell
    raise AssertionError("no free cell")


def _complainant_moved(demo, make):
    prisoner = next(p for p in demo.prisoners["A"] if p.cell_id and p.sex == "male")
    complaint = make(prisoner=prisoner, received_at=timezone.now() - dt.timedelta(days=3))
    move = movement_record(
        actor=demo.users["supervisor.a"],
        prisoner=prisoner,
        kind="cell_move",
        facility=prisoner.facility,
        unit=prisoner.unit,
        cell=_free_cell(prisoner),
        reason="cell repairs",
        override_reason="repairs",
    )
    return complaint, move


def test_a_cell_move_of_a_complainant_shows_for_review(demo, make, login, api):
    complaint, move = _complainant_moved(demo, make)
    found = selectors.after_complaint(user=demo.users["supervisor.a"])
    assert [(f.kind, f.event_id, f.complaint.pk) for f in found] == [("cell_move", move.pk, complaint.pk)]
    assert selectors.after_complaint(user=demo.users["officer.a"]) == []
    client = login(demo.users["supervisor.a"])
    body = client.get(reverse("complaints:review")).content.decode()
    assert "after a complaint" in body and complaint.prisoner.prison_number in body
    assert complaint.prisoner_id in ReadEvent.objects.order_by("-id").first().subjects
    rows = api(demo.users["supervisor.a"]).get("/api/v1/complaints/after-complaint/").json()
    assert rows[0]["event_id"] == move.pk
    response = client.post(
        reverse("complaints:reprisal-review", args=[complaint.pk]),
        {"event_kind": "cell_move", "event_id": move.pk, "note": "Repairs of the cell, planned a month ago."},
    )
    assert response.status_code == 302
    assert selectors.after_complaint(user=demo.users["supervisor.a"]) == []


def test_a_move_before_the_complaint_or_after_the_window_is_not_shown(demo, make, settings):
    complaint, move = _complainant_moved(demo, make)
    settings.COMPLAINT_REPRISAL_WINDOW_DAYS = 1
    assert selectors.after_complaint(user=demo.users["supervisor.a"]) == []


def test_standards_rows_for_complaints(demo, make):
    sup = demo.users["supervisor.a"]
    late = make(category="ill_treatment", received_at=timezone.now() - dt.timedelta(days=20))
    make(prisoner=demo.prisoners["A"][3])
    rows = {r["code"]: r for r in report_selectors.standards_view(user=sup)}
    assert rows["complaints_answered"]["applies"] == 2 and rows["complaints_answered"]["incomplete"] == 1
    assert rows["allegations_referred"]["incomplete"] == 1
    services.complaint_acknowledge(actor=sup, complaint=late)
    services.complaint_refer(
        actor=sup, complaint=late, outside_kind="referral", referred_to="Prosecutor", reference="X"
    )
    rows = {r["code"]: r for r in report_selectors.standards_view(user=sup)}
    assert rows["allegations_referred"]["incomplete"] == 0
    assert "allegations_registered" in rows
    # An officer holds no view_complaints: the rows count nothing for them.
    officer_rows = {r["code"]: r for r in report_selectors.standards_view(user=demo.users["officer.a"])}
    assert officer_rows["complaints_answered"]["applies"] == 0


def test_the_incomplete_files_list_names_them(demo, make):
    from tests.reports.test_dashboard import listed

    make(category="ill_treatment")
    sup = demo.users["supervisor.a"]
    assert listed(sup, "/prisoners/?current=1&standard=allegations_referred") == 1
    assert listed(demo.users["officer.a"], "/prisoners/?current=1&standard=allegations_referred") == 0


def test_statistics(demo, make, api):
    sup = demo.users["supervisor.a"]
    c = make(category="health")
    make(route="central", confidential=True, words="")
    services.complaint_acknowledge(actor=sup, complaint=c)
    services.complaint_answer(actor=sup, complaint=c, answer="Seen by the doctor")
    stats = api(sup).get("/api/v1/complaints/statistics/").json()
    totals = stats["totals"]
    assert totals["total"] == 1 and totals["on_time_percent"] == 100 and totals["confidential"] == 1
    assert stats["by"]["category"][0]["category"] == "health"
    assert stats["by"]["facility__name"][0]["n"] == 1


def _decide(demo, prisoner, level):
    """An approved classification of ``prisoner`` at ``level`` (through the services)."""
    from classification import services as risk
    from classification.models import Instrument
    from tests.classification.conftest import TEST_INSTRUMENT, rate_all

    instrument = Instrument.objects.filter(code=TEST_INSTRUMENT["code"]).first() or (
        risk.instrument_load(actor=None, data=TEST_INSTRUMENT).instrument
    )
    cm, sup = demo.users["casemanager.a"], demo.users["supervisor.a"]
    a = risk.assessment_start(actor=cm, prisoner=prisoner, instrument=instrument)
    a = risk.assessment_save(actor=cm, assessment=a, ratings=rate_all(a), overall="low", formulation="f")
    a = risk.assessment_submit(actor=cm, assessment=a)
    proposed = risk.assessment_approve(actor=sup, assessment=a)
    return risk.classification_decide(
        actor=sup, classification=proposed, security_level=level, override_reason="test of the review"
    )


def test_a_raised_security_level_after_a_complaint_shows_for_review(demo, make):
    prisoner = demo.prisoners["A"][0]  # on casemanager.a's caseload
    _decide(demo, prisoner, "standard")
    complaint = make(prisoner=prisoner)
    raised = _decide(demo, prisoner, "high")
    found = selectors.after_complaint(user=demo.users["supervisor.a"])
    assert [(f.kind, f.event_id, f.complaint.pk) for f in found] == [
        ("reclassified", raised.pk, complaint.pk)
    ]
    _decide(demo, prisoner, "high")  # not raised again: nothing new to review
    assert len(selectors.after_complaint(user=demo.users["supervisor.a"])) == 1


def test_a_lost_programme_place_after_a_complaint_shows_for_review():
    from demodata import builder as demo_data
    from rehabilitation import services as programmes
    from rehabilitation.models import Enrolment
    from tests.conftest import PASSWORD

    world = demo_data.build(prisoners=12, password=PASSWORD, casework=True)
    enrolment = Enrolment.objects.filter(status="active", prisoner__facility=world.facilities["A"]).first()
    complaint = services.complaint_record(
        actor=world.users["officer.a"], prisoner=enrolment.prisoner, category="treatment", words="Shouted at"
    )
    programmes.enrolment_change(
        actor=world.users["supervisor.a"], enrolment=enrolment, to="suspended", reason="disruptive"
    )
    found = selectors.after_complaint(user=world.users["supervisor.a"])
    assert [(f.kind, f.complaint.pk) for f in found] == [("programme_lost", complaint.pk)]


def test_statistics_filters(demo, make, api, login):
    make(category="health")
    sup = demo.users["supervisor.a"]
    rest = api(sup)
    assert (
        rest.get("/api/v1/complaints/statistics/", {"facility": demo.facilities["B"].pk}).json()["totals"][
            "total"
        ]
        == 0
    )
    assert rest.get("/api/v1/complaints/statistics/", {"since": "2000-01-01"}).json()["totals"]["total"] == 1
    assert rest.get("/api/v1/complaints/statistics/", {"since": "not a date"}).status_code == 400
    page = login(sup).get(reverse("complaints:statistics"), {"facility": demo.facilities["A"].pk})
    assert page.status_code == 200 and page.context["stats"]["totals"]["total"] == 1
