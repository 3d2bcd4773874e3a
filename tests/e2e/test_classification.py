"""Risk assessment and classification in a real browser: the case manager rates a man
on the test instrument and submits it, the supervisor approves it and overrides the
suggested level (a reason is required), and the officer sees the level in the header
of the file but not the Risk tab."""

from __future__ import annotations

import re

import pytest
from django.utils import formats, timezone
from playwright.sync_api import expect

from classification import services
from classification.models import Assessment, Classification, Item
from tests.classification.conftest import TEST_INSTRUMENT

from .conftest import VIEWPORT

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FORMULATION = "Committed to the group; some family support."
ACCOUNT = "Says he has left the group."
OVERRIDE = "Has kept to the rules for a year; separation is not needed."
RATING = {"lmh": "high", "pa": "present"}


@pytest.fixture
def version(live_demo):
    """The test instrument, loaded and published in the transactional DB (committed)."""
    return services.instrument_load(actor=None, data=TEST_INSTRUMENT)


@pytest.fixture
def prisoner(live_demo):
    """A facility-A man allocated to casemanager.a (the demo allocates the first 15 of A)."""
    return next(p for p in live_demo.prisoners["A"] if p.sex == "male")


def _new_page(browser):
    context = browser.new_context(locale="en-US", viewport=VIEWPORT)
    context.set_default_timeout(15_000)
    return context, context.new_page()


def _risk_url(live_server, prisoner) -> str:
    return f"{live_server.url}/prisoners/{prisoner.pk}/risk/"


def _errors(page) -> list[str]:
    return page.locator(".message.error").all_inner_texts()


def _click_and_land(page, button, url: re.Pattern) -> None:
    with page.expect_navigation():
        button.click()
    page.wait_for_url(url)


def test_assess_approve_override_and_who_sees_the_level(
    browser, page, live_server, live_demo, sign_in, version, prisoner
):
    items = [
        i
        for i in Item.objects.filter(domain__version=version).order_by("domain__order", "order")
        if i.applies(prisoner.sex)
    ]
    assert [i.code for i in items] == ["b1", "b2", "p1"], "the women-only item must not apply to a man"
    risk_tab = re.compile(rf"/prisoners/{prisoner.pk}/risk/$")
    assessment_page = re.compile(r"/risk/assessments/\d+/$")

    # 1. casemanager.a: the case file → the Risk tab (htmx) → start an initial assessment.
    sign_in(page, "casemanager.a")
    page.goto(f"{live_server.url}/prisoners/{prisoner.pk}/")
    expect(page.locator(".casefile-head .facts")).to_contain_text(prisoner.prison_number)
    expect(page.locator(".casefile-head .facts")).to_contain_text("not yet classified")
    panel = page.locator("#tab-panel")
    with page.expect_response(lambda r: r.url.endswith(f"/prisoners/{prisoner.pk}/risk/")) as swap:
        page.locator("#tab-risk").click()
    assert swap.value.status == 200
    expect(page.locator("#tab-risk")).to_have_attribute("aria-selected", "true")
    expect(panel).to_contain_text("No assessment yet.")
    page.select_option("#id_instrument", label="Test instrument")
    page.select_option("#id_kind", "initial")
    _click_and_land(page, panel.get_by_role("button", name="Start an assessment"), assessment_page)
    assessment = Assessment.objects.get(prisoner=prisoner)
    assert assessment.kind == "initial" and assessment.status == "draft"
    assert page.url.endswith(f"/risk/assessments/{assessment.pk}/")
    expect(page.locator("h1")).to_have_text("Test instrument v1")
    expect(page.locator(f"#item-{items[0].pk} legend")).to_contain_text("Endorses violence")
    expect(page.locator("fieldset.item-row")).to_have_count(len(items))
    assert "Caring for children" not in page.locator(".assessment-form").inner_text()

    # 2. Rate every item with a rationale, the judgement, the formulation, the account.
    rationales = {i.pk: f"Seen in interviews ({i.code})." for i in items}
    for item in items:
        page.check(f"input[name='item-{item.pk}-value'][value='{RATING[item.scale]}']")
        page.fill(f"textarea[name='item-{item.pk}-rationale']", rationales[item.pk])
    page.check("input[name='overall'][value='high']")
    page.fill("#id_formulation", FORMULATION)
    page.fill("#id_prisoner_account", ACCOUNT)

    # Save draft: back on the same page, everything stored and shown again.
    _click_and_land(page, page.get_by_role("button", name="Save draft"), assessment_page)
    assert not _errors(page), _errors(page)
    expect(page.locator(".message.success")).to_contain_text("Draft saved.")
    assessment.refresh_from_db()
    assert assessment.status == "draft" and assessment.overall == "high"
    assert assessment.ratings.count() == len(items)
    for item in items:
        expect(
            page.locator(f"input[name='item-{item.pk}-value'][value='{RATING[item.scale]}']")
        ).to_be_checked()
        expect(page.locator(f"textarea[name='item-{item.pk}-rationale']")).to_have_value(rationales[item.pk])
    expect(page.locator("#id_formulation")).to_have_value(FORMULATION)

    # The error path once: one rationale emptied → refused, the error next to that item.
    blank = items[1]
    page.fill(f"textarea[name='item-{blank.pk}-rationale']", "")
    with page.expect_navigation() as refused:
        page.get_by_role("button", name="Submit for approval").click()
    assert refused.value is not None and refused.value.status == 400
    page.wait_for_url(assessment_page)
    expect(page.locator(".message.error")).to_contain_text("Not submitted yet")
    fieldset = page.locator(f"fieldset#item-{blank.pk}")
    expect(fieldset).to_have_class(re.compile(r"\bhas-error\b"))
    expect(fieldset.locator("p.error")).to_have_text("Give the rationale for this rating.")
    expect(page.locator("fieldset.has-error")).to_have_count(1)
    for item in items:
        expect(
            page.locator(f"input[name='item-{item.pk}-value'][value='{RATING[item.scale]}']")
        ).to_be_checked()
        if item != blank:
            expect(page.locator(f"textarea[name='item-{item.pk}-rationale']")).to_have_value(
                rationales[item.pk]
            )
    expect(page.locator("input[name='overall'][value='high']")).to_be_checked()
    expect(page.locator("#id_formulation")).to_have_value(FORMULATION)
    expect(page.locator("#id_prisoner_account")).to_have_value(ACCOUNT)
    assessment.refresh_from_db()
    assert assessment.status == "draft"

    # Give the rationale and submit: back on the Risk tab.
    page.fill(f"textarea[name='item-{blank.pk}-rationale']", rationales[blank.pk])
    _click_and_land(page, page.get_by_role("button", name="Submit for approval"), risk_tab)
    assert not _errors(page), _errors(page)
    expect(page.locator(".message.success")).to_contain_text("Submitted to the supervisor for approval.")
    expect(page.locator("#tab-risk")).to_have_attribute("aria-selected", "true")
    assessment.refresh_from_db()
    assert assessment.status == "submitted"
    assert all(r.rationale for r in assessment.ratings.all())
    expect(page.locator("#tab-panel table", has_text="All assessments")).to_contain_text(
        "Submitted for approval"
    )

    # 3. supervisor.a, in a separate browser context.
    context, sup = _new_page(browser)
    try:
        sign_in(sup, "supervisor.a")
        sup.goto(_risk_url(live_server, prisoner))
        listing = sup.locator("#tab-panel table", has_text="All assessments")
        expect(listing).to_contain_text("Submitted for approval")
        _click_and_land(
            sup, listing.locator(f"a[href$='/risk/assessments/{assessment.pk}/']"), assessment_page
        )
        expect(sup.locator(".assessment-form")).to_contain_text(FORMULATION)
        expect(sup.locator(".assessment-form")).to_contain_text(rationales[blank.pk])
        expect(sup.locator("textarea[name^='item-']")).to_have_count(0)  # read-only for the supervisor
        _click_and_land(sup, sup.get_by_role("button", name="Approve", exact=True), risk_tab)
        assert not _errors(sup), _errors(sup)
        expect(sup.locator(".message.success")).to_contain_text("Approved.")
        proposal = sup.locator("section.card", has=sup.get_by_role("heading", name="Proposed classification"))
        expect(proposal).to_be_visible()
        expect(proposal).to_contain_text(
            "Suggested from the approved assessment: High security, Separation regime."
        )
        expect(sup.locator("#id_security_level")).to_have_value("high")
        expect(sup.locator("#id_regime")).to_have_value("separated")

        # Override without a reason: refused on the reason field, nothing decided, the choice kept.
        sup.select_option("#id_security_level", "enhanced")
        with sup.expect_navigation():
            proposal.get_by_role("button", name="Decide").click()
        expect(sup.locator(".message.error")).to_contain_text("Not decided")
        expect(sup.locator(".field.has-error")).to_contain_text(
            "An override of the suggested level or regime needs a reason."
        )
        expect(sup.locator("#id_security_level")).to_have_value("enhanced")
        expect(proposal).to_be_visible()
        expect(sup.locator("#tab-panel")).to_contain_text("No classification decided yet.")
        expect(sup.locator(".casefile-head .facts")).to_contain_text("not yet classified")
        decision = Classification.objects.get(prisoner=prisoner)
        assert decision.status == "proposed" and not decision.security_level and decision.decided_at is None

        # With the reason: decided.
        sup.fill("#id_override_reason", OVERRIDE)
        _click_and_land(sup, proposal.get_by_role("button", name="Decide"), risk_tab)
        assert not _errors(sup), _errors(sup)
        expect(sup.locator(".message.success")).to_contain_text("Classification decided.")
        expect(proposal).to_have_count(0)
        due = services.next_review("enhanced", timezone.localdate())
        due_text = due.strftime("%d.%m.%Y")
        assert formats.date_format(due, "SHORT_DATE_FORMAT") == due_text
        classification = sup.locator(
            "section.card", has=sup.get_by_role("heading", name="Classification", exact=True)
        )
        expect(classification).to_contain_text(re.compile(rf"Next review due:\s*{re.escape(due_text)}"))
        expect(classification).to_contain_text("Enhanced")
        expect(classification).to_contain_text(OVERRIDE)
        head = sup.locator(".casefile-head .facts")
        expect(head.locator("div", has_text="Security level")).to_contain_text("Enhanced")
        decision.refresh_from_db()
        assert decision.status == "approved" and decision.security_level == "enhanced"
        assert decision.regime == "separated" and decision.override_reason == OVERRIDE
        assert decision.next_review_due == due
    finally:
        context.close()

    # 4. officer.a: the level in the header, but no Risk tab (404 on its URL).
    context, officer = _new_page(browser)
    try:
        sign_in(officer, "officer.a")
        response = officer.goto(f"{live_server.url}/prisoners/{prisoner.pk}/")
        assert response is not None and response.status == 200
        head = officer.locator(".casefile-head .facts")
        expect(head.locator("div", has_text="Security level")).to_contain_text("Enhanced")
        expect(officer.locator("#tab-risk")).to_have_count(0)
        response = officer.goto(_risk_url(live_server, prisoner))
        assert response is not None and response.status == 404
        assert FORMULATION not in officer.content()
        response = officer.goto(f"{live_server.url}/risk/assessments/{assessment.pk}/")
        assert response is not None and response.status == 404
    finally:
        context.close()
