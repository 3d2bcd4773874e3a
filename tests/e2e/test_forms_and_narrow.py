"""Forms a person can trust, and pages that fit a phone: the error summary takes the
focus and links to the field, the intake keeps text that was typed but not left, and at
390 px wide (in Tajik, the longest labels) no main page scrolls sideways and the header
menu sits behind a button. axe-core checks every page loaded (conftest ``page``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from intake.models import Admission
from tests.e2e import a11y

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SIDEWAYS = "() => document.scrollingElement.scrollWidth - window.innerWidth"


def test_the_error_summary_takes_the_focus_and_links_to_the_field(page, live_server, live_demo, sign_in):
    sign_in(page, "officer.a")
    page.goto(f"{live_server.url}/intake/")
    with page.expect_navigation():
        page.get_by_role("button", name="Start an intake").click()
    page.fill("#id_s-order_number", "9/26")
    # in the future but within a year (further off, the edge refuses the date as implausible)
    page.fill("#id_s-order_date", (timezone.localdate() + dt.timedelta(days=3)).isoformat())
    with page.expect_navigation():
        page.locator(".step-form").get_by_role("button", name="Save and continue").click()
    assert page.title().startswith("Error: ")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("The order cannot be dated in the future.")
    summary.locator('a[href="#id_s-order_date"]').click()
    expect(page.locator("#id_s-order_date")).to_be_focused()
    expect(page.locator("#id_s-order_number")).to_have_value("9/26")  # what was typed is kept
    # The custody forms too: the movement form sent by htmx shows its own summary.
    prisoner = live_demo.prisoners["A"][0]
    page.goto(f"{live_server.url}/prisoners/{prisoner.pk}/movements/")
    page.get_by_role("button", name="Record the movement").click()
    expect(page.locator("#move-form [data-error-summary]")).to_be_focused()
    expect(page.locator("#move-form .errorlist")).to_have_css("color", "rgb(179, 38, 30)")
    violations = a11y.audit(page)  # the htmx-drawn error state is checked too
    assert not violations, a11y.report(violations)


def test_the_intake_saves_text_typed_but_not_left(page, live_server, live_demo, sign_in):
    sign_in(page, "officer.a")
    page.goto(f"{live_server.url}/intake/")
    with page.expect_navigation():
        page.get_by_role("button", name="Start an intake").click()
    admission = Admission.objects.filter(status="draft").latest("pk")
    with page.expect_response(
        lambda r: r.request.method == "POST" and "autosave=1" in (r.request.post_data or "")
    ):
        page.locator("#id_s-arrest_place").press_sequentially("Душанбе", delay=40)  # no Tab, no blur
    expect(page.locator("#save-status")).to_contain_text("Draft saved at")
    page.reload()
    expect(page.locator("#id_s-arrest_place")).to_have_value("Душанбе")
    admission.refresh_from_db()
    assert admission.arrest_place == "Душанбе"
    # The step list says what is complete by the rules of completion, not what was touched.
    expect(page.locator(".steps li.current .step-status")).to_have_text("Incomplete")
    # A save that does not reach the server says so.
    page.route(
        "**/intake/**", lambda route: route.abort() if route.request.method == "POST" else route.continue_()
    )
    page.locator("#id_s-order_number").press_sequentially("77", delay=40)
    expect(page.locator("#save-status")).to_contain_text("Not saved")


WIDEST = """() => [...document.querySelectorAll('main *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(-3).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""

#: beside every link of the header menu and every tab of a case file
#: a control cut off by a container that hides its overflow does not scroll the page, but
#: cannot be used either (the risk tab's "start an assessment" in Tajik)
CLIPPED = """() => [...document.querySelectorAll('main :is(input, select, textarea, button, a.button)')]
  .filter(e => e.offsetParent !== null && e.getBoundingClientRect().right > window.innerWidth + 1)
  .map(e => e.tagName + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right))"""

MORE_PAGES = ["/intake/{a}/order/", "/intake/{a}/identity/", "/intake/{a}/review/", "/account/"]
LINKS = "sel => [...document.querySelectorAll(sel)].map(a => a.getAttribute('href'))"


@pytest.mark.parametrize("username", ["supervisor.a", "casemanager.a"])
def test_no_main_page_scrolls_sideways_at_390_px_in_tajik(browser, live_server, live_demo, sign_in, username):
    from intake import services as intake

    admission = intake.admission_start(actor=live_demo.users["officer.a"], facility=live_demo.facilities["A"])
    prisoner = live_demo.prisoners["A"][0]
    context = browser.new_context(locale="tg-TJ", viewport={"width": 390, "height": 844})
    context.add_cookies([{"name": "lang", "value": "tg", "url": live_server.url}])
    page = context.new_page()
    violations = a11y.watch(page)
    try:
        sign_in(page, username)
        # Not the API's Swagger page: a third-party tool in English, outside the app's pages.
        paths = ["/", *[p for p in page.evaluate(LINKS, "#main-nav a") if not p.startswith("/api/")]]
        page.goto(f"{live_server.url}/prisoners/{prisoner.pk}/")
        paths += page.evaluate(LINKS, ".tabs a")
        if username == "supervisor.a":
            paths += [path.format(a=admission.pk) for path in MORE_PAGES]
        wide = {}
        for path in dict.fromkeys(paths):
            page.goto(live_server.url + path)
            page.wait_for_load_state("load")
            if page.evaluate(SIDEWAYS) > 0:
                wide[path] = page.evaluate(WIDEST)
            elif clipped := page.evaluate(CLIPPED):
                wide[path] = clipped
        assert len(paths) > 10
        assert wide == {}, f"pages wider than 390 px: {wide}"
        # The header menu is behind a button, and opens.
        page.goto(f"{live_server.url}/")
        toggle = page.locator(".menu-toggle")
        expect(toggle).to_be_visible()
        expect(page.locator("#main-nav")).to_be_hidden()
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(page.locator("#main-nav")).to_be_visible()
        assert page.evaluate(SIDEWAYS) <= 0
        assert not violations, a11y.report(violations)
    finally:
        context.close()


@pytest.mark.parametrize("language", ["ru", "tg"])
def test_the_header_is_one_row_at_1280_px(browser, live_server, live_demo, sign_in, language):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "lang", "value": language, "url": live_server.url}])
    page = context.new_page()
    try:
        sign_in(page, "supervisor.a")
        page.goto(f"{live_server.url}/")
        tops = page.evaluate(
            """() => [...document.querySelectorAll('.topbar > *:not([hidden])')]
                 .filter(e => getComputedStyle(e).display !== 'none')
                 .map(e => Math.round(e.getBoundingClientRect().top))"""
        )
        assert max(tops) - min(tops) < 24, f"the header wraps: {tops}"
    finally:
        context.close()
