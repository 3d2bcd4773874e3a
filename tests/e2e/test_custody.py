"""An officer moves a prisoner in a real browser: the conflict list answers as the cell is
chosen, the movement is recorded, and the roll changes."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_moves_a_prisoner_and_sees_the_roll_change(page, live_server, live_demo, sign_in):
    facility = live_demo.facilities["A"]
    prisoner = next(p for p in live_demo.prisoners["A"] if p.unit.code == "R")
    target = facility.units.get(code="M1").cells.order_by("number").last()
    sign_in(page, "officer.a")

    page.goto(f"{live_server.url}/custody/roll/{facility.pk}/")
    reception, remand = page.locator("#roll-unit-R td.present"), page.locator("#roll-unit-M1 td.present")
    before_r, before_m1 = int(reception.inner_text()), int(remand.inner_text())

    page.goto(f"{live_server.url}/prisoners/{prisoner.pk}/movements/")
    expect(page.locator("#id_kind")).to_have_value("cell_move")  # the first choice
    page.select_option("#id_cell", str(target.pk))
    # htmx re-renders the form with the check's answer, keeping the choice.
    expect(page.locator("#move-conflicts")).to_contain_text("No conflict with this placement.")
    expect(page.locator("#id_cell")).to_have_value(str(target.pk))
    page.fill("#id_reason", "Allocation after reception")
    with page.expect_navigation():  # htmx answers HX-Redirect to the tab
        page.get_by_role("button", name="Record the movement").click()
    expect(page.locator(".messages")).to_contain_text("The movement is recorded.")
    expect(page.locator("table.list")).to_contain_text("Cell move")

    page.goto(f"{live_server.url}/custody/roll/{facility.pk}/")
    expect(page.locator("#roll-unit-R td.present")).to_have_text(str(before_r - 1))
    expect(page.locator("#roll-unit-M1 td.present")).to_have_text(str(before_m1 + 1))

    # A change of kind redraws the form with that kind's questions.
    page.goto(f"{live_server.url}/prisoners/{prisoner.pk}/movements/")
    expect(page.locator("#id_property_signed")).to_have_count(0)
    page.select_option("#id_kind", "release")
    expect(page.locator("#id_property_signed")).to_be_visible()
    expect(page.locator("#id_cell")).to_have_count(0)
    # The redrawn form is live once htmx has settled it (a change before that is not sent).
    page.wait_for_function("!document.querySelector('.htmx-settling, .htmx-swapping, .htmx-added')")
    page.select_option("#id_kind", "court")
    expect(page.locator("#id_property_signed")).to_have_count(0)
    page.fill("#id_external_place", "Суди ноҳияи Сино")
    page.fill("#id_reason", "Hearing")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the movement").click()
    expect(page.locator("table.list")).to_contain_text("To court")
