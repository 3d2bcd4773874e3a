"""An officer's day in a real browser: sign in, find a prisoner by the Latin spelling
of a Cyrillic name, open the file, change tab, switch to Tajik; and the facility
boundary holds in the browser as it does in the views."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from casemgmt import selectors

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _tajik(message: str) -> str:
    with translation.override("tg"):
        return translation.gettext(message)


def test_officer_finds_a_prisoner_opens_the_file_and_reads_it_in_tajik(page, live_server, live_demo, sign_in):
    officer = live_demo.users["officer.a"]
    ours = live_demo.prisoners["A"]
    theirs = live_demo.prisoners["B"]
    prisoner = next(p for p in ours if p.family_name_latin)
    query = prisoner.family_name_latin
    expected_hits = selectors.search_prisoners(selectors.prisoner_list(user=officer), query).count()
    assert expected_hits >= 1

    sign_in(page, "officer.a")

    # The list: every prisoner of facility A, none of facility B.
    page.goto(f"{live_server.url}/prisoners/")
    results = page.locator("#results")
    expect(results.locator("tbody tr")).to_have_count(len(ours))
    listing = page.content()
    for other in theirs:
        assert other.prison_number not in listing, f"officer.a sees {other.prison_number} of facility B"

    # Type the Latin transliteration; htmx swaps #results without reloading the page.
    page.evaluate("window.__notReloaded = true")
    page.locator("#id_q").press_sequentially(query, delay=40)
    page.wait_for_url(re.compile(r"[?&]q=" + re.escape(query)))
    row_link = results.get_by_role("link", name=prisoner.prison_number, exact=True)
    expect(row_link).to_be_visible()
    expect(results.locator("tbody tr")).to_have_count(expected_hits)
    reloaded = not page.evaluate("window.__notReloaded === true")
    assert not reloaded, "the search reloaded the page instead of an htmx swap"
    filtered = page.content()
    for other in theirs:
        assert other.prison_number not in filtered, f"officer.a sees {other.prison_number} of facility B"

    # The case file: prison number in the header, the tabs, identity first.
    with page.expect_navigation():
        row_link.click()
    assert page.url.rstrip("/").endswith(f"/prisoners/{prisoner.pk}")
    expect(page.locator(".casefile-head .facts")).to_contain_text(prisoner.prison_number)
    tabs = page.get_by_role("tab")
    expect(page.locator("#tab-identity")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#tab-history")).to_be_visible()
    assert tabs.count() >= 2
    panel = page.locator("#tab-panel")
    expect(panel).to_contain_text("Identity documents")
    page.evaluate("window.__notReloaded = true")

    # History: the panel is swapped by htmx, the URL follows, the tab is selected.
    with page.expect_response(lambda r: r.url.endswith(f"/prisoners/{prisoner.pk}/history/")) as swap:
        page.locator("#tab-history").click()
    assert swap.value.status == 200
    expect(panel).to_contain_text("Changes to this file, newest first")
    expect(panel).not_to_contain_text("Identity documents")
    expect(page.locator("#tab-history")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#tab-identity")).to_have_attribute("aria-selected", "false")
    page.wait_for_url(re.compile(rf"/prisoners/{prisoner.pk}/history/$"))
    assert page.evaluate("window.__notReloaded === true"), "the tab reloaded the page instead of an htmx swap"

    # Tajik: the expected labels come from the compiled catalogue, and must be translated.
    tg_identity, tg_prison_number = _tajik("Identity"), _tajik("Prison number")
    untranslated = [m for m, t in (("Identity", tg_identity), ("Prison number", tg_prison_number)) if m == t]
    if untranslated:
        pytest.fail(
            f"no Tajik translation for {untranslated}: is locale/tg/LC_MESSAGES/django.mo compiled "
            "(django-admin compilemessages -l tg)?",
            pytrace=False,
        )
    with page.expect_navigation():
        page.select_option("#language-select", "tg")  # static/js/app.js submits the form
    expect(page.locator("html")).to_have_attribute("lang", "tg")
    expect(page.locator("#tab-identity")).to_have_text(tg_identity)
    expect(page.locator(".casefile-head .facts")).to_contain_text(tg_prison_number)
    expect(page.locator(".casefile-head .facts")).to_contain_text(prisoner.prison_number)
    body = page.locator("body").inner_text()
    assert tg_identity in body and tg_prison_number in body


def test_officer_of_another_facility_gets_404_for_the_url(page, live_server, live_demo, sign_in):
    prisoner = live_demo.prisoners["A"][0]
    sign_in(page, "officer.b")

    response = page.goto(f"{live_server.url}/prisoners/{prisoner.pk}/")
    assert response is not None
    assert response.status == 404
    content = page.content()
    assert prisoner.prison_number not in content
    assert prisoner.family_name not in content
