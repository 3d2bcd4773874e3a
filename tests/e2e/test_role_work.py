"""Each role's main job from its home page, without typing a URL (issue 23): the supervisor
approves an assessment from the work queue, programme staff mark a session "everyone else
present" with one exception, a case manager opens a review due this week."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from demodata import builder as demo_data
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_demo(transactional_db):
    """The demo with its case work: one assessment waiting for the supervisor, a session today."""
    return demo_data.build(prisoners=12, password=PASSWORD, casework=True)


def _menu(page):
    """The header menu, opened first when it sits behind its button (it did not fit one row)."""
    toggle = page.locator(".menu-toggle")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    return page.locator("header.topbar nav")


def _click(page, locator):
    with page.expect_navigation():
        locator.click()


def test_the_supervisor_approves_an_assessment_from_the_work_queue(page, live_demo, sign_in):
    from classification.models import Assessment

    waiting = Assessment.objects.get(status="submitted")
    sign_in(page, "supervisor.a")
    if page.locator(".menu-toggle").is_visible():  # the button of a long menu shows the count too
        expect(page.locator(".menu-toggle .nav-count")).to_be_visible()
    nav = _menu(page)
    badge = nav.locator("[data-queue-count]")
    expect(badge).to_be_visible()
    before = int(badge.inner_text().split()[0])
    _click(page, nav.get_by_role("link", name=re.compile(r"^Work queue")))
    expect(page.locator("h1")).to_have_text("Work queue")
    row = page.locator("tr[data-queue=assessment]", has_text=waiting.prisoner.prison_number)
    expect(row).to_have_count(1)
    _click(page, row.get_by_role("link", name="Assessments to approve"))
    assert page.url.endswith(f"/risk/assessments/{waiting.pk}/"), page.url
    _click(page, page.get_by_role("button", name="Approve", exact=True))
    expect(page.locator(".message.success")).to_contain_text("Approved.")
    waiting.refresh_from_db()
    assert waiting.status == "approved" and waiting.approved_by.username == "supervisor.a"
    # the approval became a classification to decide: the queue holds as many items as before
    _click(page, _menu(page).get_by_role("link", name=re.compile(r"^Work queue")))
    expect(page.locator("tr[data-queue=assessment]")).to_have_count(0)
    expect(
        page.locator("tr[data-queue=classification]", has_text=waiting.prisoner.prison_number)
    ).to_have_count(1)
    assert int(_menu(page).locator("[data-queue-count]").inner_text().split()[0]) == before


def test_programme_staff_mark_everyone_present_but_one(page, live_demo, sign_in):
    from django.utils import timezone

    from rehabilitation.models import Attendance, Enrolment, Session

    session = Session.objects.get(date=timezone.localdate())
    enrolled = list(Enrolment.objects.filter(offering=session.offering, status="active").order_by("pk"))
    assert len(enrolled) >= 2
    sign_in(page, "programme.a")
    today = page.locator("section.card", has=page.get_by_role("heading", name="Today's sessions"))
    _click(page, today.locator(f"a[href$='/sessions/{session.pk}/']"))
    expect(page.locator("h1")).to_contain_text("Attendance")
    sick = page.locator("table.attendance tbody tr", has_text=enrolled[0].prisoner.prison_number)
    sick.get_by_role("radio", name=re.compile(r": Sick$")).check()
    _click(page, page.get_by_role("button", name="Everyone else present"))
    expect(page.locator(".message.success")).to_have_text("Attendance recorded.")
    saved = dict(Attendance.objects.filter(session=session).values_list("enrolment_id", "status"))
    assert saved == {e.pk: ("sick" if e.pk == enrolled[0].pk else "attended") for e in enrolled}


def test_a_case_manager_opens_a_review_due_this_week_from_home(page, live_demo, sign_in):
    from classification.services import review_flag_raise

    prisoner = live_demo.prisoners["A"][0]
    review_flag_raise(actor=live_demo.users["supervisor.a"], prisoner=prisoner, trigger="intelligence")
    sign_in(page, "casemanager.a")
    due = page.locator("section.card", has=page.get_by_role("heading", name="Risk reviews due this week"))
    _click(page, due.get_by_role("link", name=prisoner.full_name))
    assert page.url.endswith(f"/prisoners/{prisoner.pk}/risk/"), page.url
    expect(page.locator("#tab-risk")).to_have_attribute("aria-selected", "true")
