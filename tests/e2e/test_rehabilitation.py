"""Programmes in a real browser: the programme staff member finds today's session from the
top navigation, records the whole group's attendance on one screen, is told which row is
incomplete without losing what she already chose, completes it and sees the offering's
attendance rate; an officer cannot open the attendance screen."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from demodata import builder as demo_data
from rehabilitation import services
from rehabilitation.models import Attendance, Enrolment
from tests.conftest import PASSWORD
from tests.rehabilitation.conftest import make_offering

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TOPIC = "The alphabet, letters 1 to 10"
PROGRESS = "Read a short paragraph aloud"
OTHER_NOTE = "Called to the medical unit for a blood test"
OTHER_ERROR = "Say what the other reason is."
# (status value, radio label) for the first four participants; the fifth is "other".
MARKS = [("attended", "Attended"), ("late", "Late"), ("sick", "Sick"), ("refused", "Refused")]


@pytest.fixture
def live_demo(transactional_db):
    """The demo personas and 20 prisoners (six men at facility A; 12 would give only four)."""
    return demo_data.build(prisoners=20, password=PASSWORD)


@pytest.fixture
def group(live_demo):
    """An offering with six places at facility A, five men enrolled, a session today."""
    cm, staff = live_demo.users["casemanager.a"], live_demo.users["programme.a"]
    men = [p for p in live_demo.prisoners["A"] if p.sex == "male"]
    assert len(men) >= 5, f"only {len(men)} men at facility A: raise the number of prisoners"
    men = men[:5]
    offering = make_offering(live_demo, capacity=6)
    enrolments = []
    for prisoner in men:
        referral = services.referral_create(
            actor=cm, prisoner=prisoner, offering=offering, reason="Cannot read or write."
        )
        referral = services.referral_assess(actor=staff, referral=referral, suitable=True, note="Motivated")
        assert referral.status == "enrolled", referral.status
        enrolments.append(Enrolment.objects.get(referral=referral))
    session = services.session_create(actor=staff, offering=offering, date=timezone.localdate(), topic=TOPIC)
    return offering, session, enrolments


def _radio(row, label: str):
    """The radio whose accessible name is "<participant>: <label>" (one per row and status)."""
    import re

    return row.get_by_role("radio", name=re.compile(rf": {re.escape(label)}$"))


def test_whole_group_attendance_keeps_choices_on_error(page, live_server, live_demo, group, sign_in):
    offering, session, enrolments = group
    attendance_path = reverse("rehabilitation:attendance", args=[session.pk])
    offering_url = re.compile(rf"/offerings/{offering.pk}/$")

    # 1. Programmes, from the top navigation: today's session is listed.
    sign_in(page, "programme.a")
    with page.expect_navigation():
        page.locator("header.topbar nav").get_by_role("link", name="Programmes", exact=True).click()
    expect(page.locator("h1")).to_have_text("Programmes")
    today = page.locator("section.card", has=page.get_by_role("heading", name="Sessions today"))
    expect(today).to_contain_text(TOPIC)
    link = today.locator(f"a[href$='/sessions/{session.pk}/']")
    expect(link).to_have_count(1)

    # 2. The attendance screen: all five participants on one screen, nothing chosen yet.
    with page.expect_navigation():
        link.click()
    page.wait_for_url(re.compile(rf"/sessions/{session.pk}/$"))
    assert page.url.endswith(attendance_path), page.url
    expect(page.locator("h1")).to_contain_text("Attendance")
    rows = page.locator("table.attendance tbody tr")
    expect(rows).to_have_count(5)
    by_enrolment = {}
    for enrolment in enrolments:
        row = rows.filter(has_text=enrolment.prisoner.prison_number)
        expect(row).to_have_count(1)
        expect(row).to_contain_text(enrolment.prisoner.full_name)
        expect(row.locator("input[type=radio]:checked")).to_have_count(0)
        by_enrolment[enrolment.pk] = row

    # 3. Four marked, the fifth "Other reason" without a note → Save → refused on that row only.
    for enrolment, (_value, label) in zip(enrolments[:4], MARKS, strict=True):
        _radio(by_enrolment[enrolment.pk], label).check()
    first_row = by_enrolment[enrolments[0].pk]
    first_row.get_by_role("textbox", name="Progress note").fill(PROGRESS)
    other = enrolments[4]
    other_row = by_enrolment[other.pk]
    _radio(other_row, "Other reason").check()
    with page.expect_navigation() as nav:
        page.get_by_role("button", name="Save attendance").click()
    assert nav.value is not None and nav.value.status == 400, nav.value and nav.value.status
    assert page.url.endswith(attendance_path), page.url
    expect(page.locator(".message.error")).to_contain_text("Not saved")
    expect(page.locator(".message.success")).to_have_count(0)
    expect(page.locator("tr.has-error")).to_have_count(1)
    expect(other_row).to_have_class(re.compile(r"\bhas-error\b"))
    expect(other_row.locator(".error")).to_have_text(OTHER_ERROR)
    expect(page.locator("table.attendance .error")).to_have_count(1)
    # Nothing lost: every choice and the note typed are still there.
    for enrolment, (_value, label) in zip(enrolments[:4], MARKS, strict=True):
        expect(_radio(by_enrolment[enrolment.pk], label)).to_be_checked()
        expect(by_enrolment[enrolment.pk].locator("input[type=radio]:checked")).to_have_count(1)
    expect(_radio(other_row, "Other reason")).to_be_checked()
    expect(first_row.get_by_role("textbox", name="Progress note")).to_have_value(PROGRESS)
    assert not Attendance.objects.filter(session=session).exists(), "a refused save wrote rows"

    # 4. The note for the other reason → Save → the offering's page with the rate.
    other_row.get_by_role("textbox", name="Progress note").fill(OTHER_NOTE)
    with page.expect_navigation():
        page.get_by_role("button", name="Save attendance").click()
    page.wait_for_url(offering_url)
    expect(page.locator(".message.success")).to_have_text("Attendance recorded.")
    expect(page.locator(".message.error")).to_have_count(0)
    facts = page.locator("dl.facts")
    rate = facts.locator("div", has=page.locator("dt", has_text="Attendance rate")).locator("dd")
    expect(rate).to_have_text("40%")  # attended + late = 2 present of 5
    participants = facts.locator("div", has=page.locator("dt", has_text="Participants")).locator("dd")
    expect(participants).to_have_text("5")

    # 5. The database: five rows, the right statuses and notes, recorded by programme.a.
    saved = {a.enrolment_id: a for a in Attendance.objects.filter(session=session)}
    assert len(saved) == 5, saved
    expected = {e.pk: value for e, (value, _label) in zip(enrolments[:4], MARKS, strict=True)}
    expected[other.pk] = "other"
    assert {pk: a.status for pk, a in saved.items()} == expected
    assert saved[other.pk].note == OTHER_NOTE
    assert saved[enrolments[0].pk].note == PROGRESS
    assert {a.recorded_by_id for a in saved.values()} == {live_demo.users["programme.a"].pk}

    # 6. An officer of the same facility does not get the attendance screen.
    page.context.clear_cookies()
    sign_in(page, "officer.a")
    response = page.goto(f"{live_server.url}{attendance_path}")
    assert response is not None and response.status == 404, response and response.status
    assert Attendance.objects.filter(session=session).count() == 5
