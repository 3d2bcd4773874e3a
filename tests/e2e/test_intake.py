"""Reception in a real browser: an officer admits a woman through every step of the
intake, and the confidential parts of what she recorded (the child, the complaint of
ill-treatment) are read by the supervisor, not by the officer."""

from __future__ import annotations

import datetime as dt
import io
import re
from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from casemgmt.models import Alert, Prisoner
from intake.duplicates import name_matches
from intake.models import Admission, Child, Injury

from .conftest import VIEWPORT

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FAMILY, GIVEN = "Шарипова", "Нигина"
ORDER_NUMBER = "1-245/2026"
COMPLAINT = "Дар шӯъбаи милиса заданд"  # "They beat me at the police station"
CHILD = "Шарипов Умед"
SEAL = "PL-0042"


@pytest.fixture(autouse=True)
def _private_media(private_storage):
    """Uploaded photos go to a throw-away folder, not the project's private_media/."""


def _local(delta: dt.timedelta) -> dt.datetime:
    return timezone.localtime(timezone.now() + delta)


def _query(url: str, name: str) -> str:
    return parse_qs(urlsplit(url).query).get(name, [""])[0]


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 80), (150, 110, 90)).save(out, format="JPEG")
    return out.getvalue()


def _step_url(step: str) -> re.Pattern:
    return re.compile(rf"/intake/\d+/{step}/(#.*)?$")


CONFLICT = "This intake was saved in another tab or by another officer."


def _errors(page) -> list[str]:
    return page.locator(".message.error, .step-form [role=alert], p.error").all_inner_texts()


@contextmanager
def _autosaved(page, expected: dict[str, str], status: str = "Draft saved at"):
    """The block's changes end in one autosave carrying ``expected``.

    The step form autosaves (htmx: 1 s after typing stops, or when a field is left) and
    shows "Draft saved at ...". The test waits for it, as a person would (and presses Tab
    at the end, so the last text field's change event fires too)."""

    def is_it(response) -> bool:
        request = response.request
        if request.method != "POST" or "/intake/" not in request.url:
            return False
        data = parse_qs(request.post_data or "")
        return data.get("autosave") == ["1"] and all(data.get(k, [""])[0] == v for k, v in expected.items())

    with page.expect_response(is_it) as saved:
        yield
        page.keyboard.press("Tab")
    assert saved.value.ok, f"autosave failed: {saved.value.status}"
    expect(page.locator("#save-status")).to_contain_text(status)


def _submit(page, button, next_step: str) -> None:
    with page.expect_navigation():
        button.click()
    errors = _errors(page)
    # An autosave bumps Admission.version: the page must take the new version (the
    # out-of-band <input id="step-version"> of intake/_save_status.html), or this
    # submit is refused as if another tab had saved.
    assert not any(CONFLICT in e for e in errors), f"false conflict after an autosave: {errors}"
    assert not errors, f"expected to reach the {next_step} step, got errors: {errors}"
    page.wait_for_url(_step_url(next_step))


def _save_and_continue(page, next_step: str) -> None:
    _submit(page, page.locator(".step-form").get_by_role("button", name="Save and continue"), next_step)


def _continue(page, next_step: str) -> None:
    _submit(page, page.get_by_role("button", name="Continue", exact=True), next_step)


def _add_record(page, kind: str) -> None:
    first = "name" if kind in ("contact", "child") else "description"
    form = page.locator(f"form.record-form:has(#id_{kind}-{first})")
    with page.expect_navigation():
        form.get_by_role("button", name="Add", exact=True).click()
    errors = _errors(page)
    assert not errors, f"the {kind} was not added: {errors}"
    expect(page.locator(".message.success")).to_contain_text("Added.")


def _fill_order(page, arrested_at: dt.datetime) -> dict[str, str]:
    """Fill the commitment order; returns {selector: value} of the text and date fields."""
    order_date = timezone.localdate() - dt.timedelta(days=1)
    values = {
        "#id_s-order_authority": "Суди ноҳияи Сино",
        "#id_s-order_number": ORDER_NUMBER,
        "#id_s-order_date": order_date.isoformat(),
        "#id_s-legal_basis": "м. 179 КҶ ҶТ",
        "#id_s-reasons": "Ҳабс ҳамчун чораи пешгирӣ",
        "#id_s-arrested_at": arrested_at.strftime("%Y-%m-%dT%H:%M"),
        "#id_s-arrest_place": "Душанбе",
    }
    page.select_option("#id_s-order_authority_kind", "court")
    for selector, value in values.items():
        page.fill(selector, value)
    page.select_option("#id_s-legal_status", "remand")
    return values


def _start_intake(page, live_server) -> None:
    page.goto(f"{live_server.url}/intake/")
    expect(page.get_by_role("heading", name="Reception: admissions")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Start an intake").click()
    page.wait_for_url(_step_url("order"))


def test_officer_admits_a_woman_through_every_step(browser, page, live_server, live_demo, sign_in):
    facility = live_demo.facilities["A"]
    sign_in(page, "officer.a")

    # Reception → Start an intake.
    _start_intake(page, live_server)
    admission = Admission.objects.get(facility=facility, status="draft", created_by__username="officer.a")

    # 1. Commitment order.
    with _autosaved(page, {"s-order_number": ORDER_NUMBER, "s-legal_status": "remand"}):
        order = _fill_order(page, _local(-dt.timedelta(days=2)))
    _save_and_continue(page, "identity")
    admission.refresh_from_db()
    assert admission.order_number == ORDER_NUMBER and admission.legal_status == "remand"
    assert timezone.localtime(admission.arrested_at).strftime("%Y-%m-%dT%H:%M") == order["#id_s-arrested_at"]

    # 2. Identity: the "Earlier files" panel follows what is typed (htmx, no reload).
    panel = page.locator("#candidates")
    # The officer is offered close names only among the files they may open (issue 16).
    expected = name_matches(
        Prisoner.objects.restrict(admission.created_by, "view"), family_name=FAMILY, given_name=GIVEN
    )
    page.evaluate("window.__notReloaded = true")
    identity = {
        "s-family_name": FAMILY,
        "s-given_name": GIVEN,
        "s-date_of_birth": "1991-04-02",
        "s-sex": "female",
        "s-gender_identity": "woman",
    }
    with _autosaved(page, identity):
        with page.expect_response(
            lambda r: "/candidates/" in r.url and _query(r.url, "s-given_name") == GIVEN
        ) as swap:
            page.locator("#id_s-family_name").press_sequentially(FAMILY, delay=30)
            page.locator("#id_s-given_name").press_sequentially(GIVEN, delay=30)
        assert swap.value.status == 200
        if expected:
            for candidate in expected:
                expect(panel).to_contain_text(candidate.prisoner.prison_number)
            expect(panel.get_by_role("button", name="Same person")).to_have_count(len(expected))
        else:
            expect(panel).to_contain_text("No earlier file matches the name typed.")
        with page.expect_response(lambda r: "/candidates/" in r.url and _query(r.url, "s-date_of_birth")):
            page.fill("#id_s-date_of_birth", "1991-04-02")
        page.select_option("#id_s-sex", "female")
        page.select_option("#id_s-gender_identity", "woman")
    assert page.evaluate("window.__notReloaded === true"), "typing the name reloaded the page"
    expect(page.locator("#match")).to_contain_text("Not yet checked")
    # "None of these" is a separate form: it keeps only what the autosave has stored
    # (the test waited for "Draft saved at"), so the values must come back after the reload.
    with page.expect_navigation():
        panel.get_by_role("button", name="None of these: a new person").click()
    page.wait_for_url(_step_url("identity"))
    expect(page.locator("#match")).to_contain_text("New person: no earlier file.")
    # What was typed survived the reload (the autosave had stored it).
    expect(page.locator("#id_s-family_name")).to_have_value(FAMILY)
    expect(page.locator("#id_s-given_name")).to_have_value(GIVEN)
    expect(page.locator("#id_s-date_of_birth")).to_have_value("1991-04-02")
    expect(page.locator("#id_s-sex")).to_have_value("female")

    # The photo: upload a JPEG; the page shows it, and the image loads.
    expect(page.locator("img.photo")).to_have_count(0)
    page.set_input_files("#id_photo", {"name": "nigina.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()})
    with page.expect_navigation():
        page.get_by_role("button", name="Upload photo").click()
    expect(page.locator(".message.success")).to_contain_text("Photo saved.")
    photo = page.locator("img.photo")
    expect(photo).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=photo.element_handle())
    _save_and_continue(page, "injuries")

    # 3. Injuries: a complaint of ill-treatment, which can never be removed.
    page.fill("#id_injury-body_location", "Пушт")
    page.fill("#id_injury-description", "Кабудшавӣ 5×3 см")
    page.fill("#id_injury-examined_by", "Фельдшер Каримов")
    page.check("#id_injury-ill_treatment_complaint")
    page.fill("#id_injury-complaint_details", COMPLAINT)
    _add_record(page, "injury")
    injury_row = page.locator("ul.records li").filter(has_text="Пушт")
    expect(injury_row).to_have_count(1)
    expect(injury_row.locator(".badge.danger")).to_have_text("complaint of ill-treatment")
    expect(injury_row.get_by_role("button", name="Remove")).to_have_count(0)
    _continue(page, "property")

    # 4. Property: a sealed valuable, and the acknowledgement.
    page.fill("#id_property-description", "Ангуштарини тилло")
    page.fill("#id_property-quantity", "1")
    page.fill("#id_property-storage_location", "Сейф 3")
    page.check("#id_property-is_valuable")
    page.fill("#id_property-seal_number", SEAL)
    _add_record(page, "property")
    item = page.locator("ul.records li").filter(has_text="Ангуштарини тилло")
    expect(item.locator(".badge.warn")).to_contain_text(SEAL)
    with _autosaved(page, {"s-property_acknowledged": "on"}):
        page.check("#id_s-property_acknowledged")
    _save_and_continue(page, "family")

    # 5. Family: next of kin and a child living with relatives.
    page.select_option("#id_contact-role", "next_of_kin")
    page.fill("#id_contact-name", "Шарипов Саид")
    page.fill("#id_contact-relationship", "Падар")
    page.fill("#id_contact-phone", "+992 93 555 01 02")
    _add_record(page, "contact")
    page.fill("#id_child-name", CHILD)
    page.fill("#id_child-age_years", "7")
    page.select_option("#id_child-custody", "relatives")
    page.fill("#id_child-location", "н. Рӯдакӣ, назди бибиаш")
    _add_record(page, "child")
    records = page.locator("ul.records")
    expect(records.filter(has_text="Шарипов Саид (Падар)")).to_have_count(1)
    expect(records.filter(has_text=CHILD)).to_have_count(1)
    _continue(page, "security")

    # 6. Returnee and security; 7. Health.
    with _autosaved(page, {"s-countries_abroad": "Россия", "s-periods_abroad": "2018–2021"}):
        page.fill("#id_s-countries_abroad", "Россия")
        page.fill("#id_s-periods_abroad", "2018–2021")
    _save_and_continue(page, "health")
    with _autosaved(page, {"s-doctor_within_24h": "on", "s-pregnancy": "no", "s-medication": "Парацетамол"}):
        page.check("#id_s-doctor_within_24h")
        page.select_option("#id_s-pregnancy", "no")
        page.fill("#id_s-medication", "Парацетамол")
    _save_and_continue(page, "information")

    # 8. Told her rights in Tajik through an interpreter (no language of hers is on record;
    # Mandela Rules 54-55), and she signed.
    with _autosaved(
        page, {"s-info_language": "tg", "s-info_interpreter": "Юсупова Ш.", "s-info_acknowledged": "on"}
    ):
        page.fill("#id_s-info_given_on", "2026-11-25")
        page.select_option("#id_s-info_language", "tg")
        page.fill("#id_s-info_interpreter", "Юсупова Ш.")
        for topic in ("rules", "rights", "complaints", "legal_advice"):
            page.check(f"#id_s-info_{topic}")
        page.check("#id_s-info_acknowledged")
    _save_and_continue(page, "review")

    # 9. Review: only the placement is missing; choose the women's remand unit W1 and a cell.
    expect(page.locator(".warn-box")).to_contain_text("Choose the reception unit.")
    expect(page.locator(".warn-box li")).to_have_count(1)
    w1 = facility.units.get(code="W1")
    cell = w1.cells.order_by("number").first()
    # Only the units that fit her (Rule 11: a remand woman), by name; the cells follow the unit.
    unit_labels = page.locator("#id_s-unit option").all_inner_texts()
    assert unit_labels == ["---------", w1.name], f"units offered: {unit_labels}"
    with _autosaved(page, {"s-unit": str(w1.pk), "s-cell": str(cell.pk)}):
        page.select_option("#id_s-unit", value=str(w1.pk))
        expect(page.locator(f"#id_s-cell option[value='{cell.pk}']")).to_contain_text("places free")
        page.select_option("#id_s-cell", value=str(cell.pk))
    _save_and_continue(page, "review")
    expect(page.locator(".warn-box")).to_have_count(0)
    expect(page.locator("#id_s-unit option:checked")).to_have_text(w1.name)
    expect(page.locator("#id_s-cell option:checked")).to_contain_text(cell.number)
    with page.expect_navigation():
        page.get_by_role("button", name="Complete the admission").click()

    # The new file: name, a TJ- prison number, the unit.
    admission.refresh_from_db()
    assert admission.status == "completed", page.locator(".message").all_inner_texts()
    prisoner = Prisoner.objects.get(pk=admission.prisoner_id)
    page.wait_for_url(re.compile(rf"/prisoners/{prisoner.pk}/$"))
    head = page.locator(".casefile-head")
    expect(head.locator("h1")).to_contain_text(FAMILY)
    expect(head.locator("h1")).to_contain_text(GIVEN)
    expect(head.locator(".facts")).to_contain_text(re.compile(r"TJ-\d{4}-\d{6}"))
    assert prisoner.prison_number.startswith("TJ-")
    expect(head.locator(".facts")).to_contain_text(prisoner.prison_number)
    expect(head.locator(".facts")).to_contain_text(f"{w1.name} · cell {cell.number}")
    expect(page.locator(".message.success")).to_contain_text(prisoner.prison_number)
    assert prisoner.sex == "female" and prisoner.unit.code == "W1" and bool(prisoner.photo)
    head_photo = head.locator("img.photo")
    expect(head_photo).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=head_photo.element_handle())

    # The Intake tab, as officer.a: the order and the property; not the child, not the complaint.
    panel = page.locator("#tab-panel")
    with page.expect_response(lambda r: r.url.endswith(f"/prisoners/{prisoner.pk}/intake/")):
        page.locator("#tab-intake").click()
    expect(panel).to_contain_text("Commitment order")
    expect(panel).to_contain_text(ORDER_NUMBER)
    expect(panel).to_contain_text(SEAL)
    expect(panel).to_contain_text("doctor within 24 hours")
    for heading in ("Injuries and complaints", "Contacts", "Children"):
        expect(panel.get_by_role("heading", name=heading)).to_have_count(0)
    officer_text = panel.inner_text()
    for secret in (CHILD, COMPLAINT, "complaint of ill-treatment", "Парацетамол", "Россия"):
        assert secret not in officer_text, f"officer.a (no view_family/view_health) reads {secret!r}"

    # The alert for the complaint, raised for facility A.
    injury = Injury.objects.get(admission=admission)
    assert injury.ill_treatment_complaint and injury.prisoner_id == prisoner.pk
    alert = Alert.objects.get(facility=facility, kind="ill_treatment", object_id=str(injury.pk))
    assert alert.acknowledged_at is None
    assert Child.objects.get(admission=admission).prisoner_id == prisoner.pk

    # The supervisor, in a separate browser context: the alert, the complaint and the child.
    context = browser.new_context(locale="en-US", viewport=VIEWPORT)
    context.set_default_timeout(15_000)
    try:
        supervisor = context.new_page()
        sign_in(supervisor, "supervisor.a")
        expect(supervisor.locator("section.alerts")).to_contain_text(
            "A complaint of ill-treatment was recorded at reception."
        )
        supervisor.goto(f"{live_server.url}/prisoners/{prisoner.pk}/intake/")
        sup_panel = supervisor.locator("#tab-panel")
        expect(sup_panel).to_contain_text(ORDER_NUMBER)
        expect(sup_panel).to_contain_text(CHILD)
        expect(sup_panel).to_contain_text(COMPLAINT)
        expect(sup_panel.locator(".badge.danger", has_text="complaint of ill-treatment")).to_be_visible()
        expect(sup_panel).to_contain_text("Парацетамол")
        expect(sup_panel).to_contain_text("Шарипов Саид (Падар) · Next of kin")
    finally:
        context.close()


def test_an_arrest_in_the_future_is_refused_and_nothing_typed_is_lost(page, live_server, live_demo, sign_in):
    sign_in(page, "officer.a")
    _start_intake(page, live_server)

    # The autosave already refuses it, in the status line next to the button ...
    arrest = _local(dt.timedelta(days=2))
    with _autosaved(page, {"s-arrested_at": arrest.strftime("%Y-%m-%dT%H:%M")}, status="except:"):
        values = _fill_order(page, arrest)
    expect(page.locator("#save-status")).to_contain_text("The arrest cannot be in the future.")

    # ... and so does "Save and continue": the error sits next to the field, the rest is kept.
    with page.expect_navigation():
        page.locator(".step-form").get_by_role("button", name="Save and continue").click()
    page.wait_for_url(_step_url("order"))
    expect(page.locator(".message.error")).to_contain_text("Not saved")
    field = page.locator(".field.has-error").filter(has=page.locator("#id_s-arrested_at"))
    expect(field).to_have_count(1)
    expect(page.locator("#id_s-arrested_at-error")).to_have_text("The arrest cannot be in the future.")
    expect(page.locator(".field.has-error")).to_have_count(1)
    for selector, value in values.items():
        expect(page.locator(selector)).to_have_value(value)
    expect(page.locator("#id_s-order_authority_kind")).to_have_value("court")
    expect(page.locator("#id_s-legal_status")).to_have_value("remand")
    admission = Admission.objects.get(created_by__username="officer.a", status="draft")
    assert admission.arrested_at is None, "an arrest in the future was stored"
    # The valid fields were stored by the autosave: a closed tab would have lost nothing else.
    assert admission.order_number == values["#id_s-order_number"]
