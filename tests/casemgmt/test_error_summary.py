"""Errors the GOV.UK way on every form: one summary at the top linking to each field,
"Error:" in the page title, the message beside the field, what was typed kept, and no
form left to the browser's own "Please fill out this field" (``novalidate``)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from intake import services

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def test_every_form_in_the_templates_is_validated_by_the_server():
    unvalidated = [
        f"{path.relative_to(TEMPLATES)}: {tag}"
        for path in TEMPLATES.rglob("*.html")
        for tag in re.findall(r"<form\b[^>]*>", path.read_text())
        if "novalidate" not in tag
    ]
    assert unvalidated == []


def test_an_intake_step_sent_back_has_the_summary_the_title_and_the_typed_value(demo, client):
    officer = demo.users["officer.a"]
    client.force_login(officer)
    admission = services.admission_start(actor=officer, facility=demo.facilities["A"])
    response = client.post(
        reverse("intake:step", args=[admission.pk, "order"]),
        {"s-order_number": "9/26", "s-order_date": "31.31.2026", "s-arrest_place": "Хуҷанд"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert re.search(r"<title>Error: ", html)
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert 'tabindex="-1"' in summary and "data-error-summary" in summary
    assert 'href="#id_s-order_date"' in summary
    assert 'value="9/26"' in html and 'value="31.31.2026"' in html  # what was typed is kept
    assert 'id="id_s-order_date-error"' in html  # and the message sits beside the field
    assert html.count("data-error-summary") == 1


def test_a_custody_form_sent_back_shows_the_summary_and_red_messages(demo, login):
    prisoner = demo.prisoners["A"][0]
    client = login(demo.users["supervisor.a"])
    response = client.post(reverse("custody:death", args=[prisoner.pk]), {"place": "Камера"})
    html = response.content.decode()
    assert response.status_code == 400
    assert re.search(r"<title>Error: ", html) and "error-summary" in html
    assert 'class="errorlist' in html  # beside the field (red, app.css ul.errorlist)
    assert re.search(r'<a href="#id_[a-z_]+">', html)


def test_a_page_without_errors_has_no_summary_and_a_plain_title(demo, login):
    prisoner = demo.prisoners["A"][0]
    html = (
        login(demo.users["supervisor.a"]).get(reverse("custody:death", args=[prisoner.pk])).content.decode()
    )
    assert "error-summary" not in html and "<title>Error:" not in html


def test_the_move_form_sent_by_htmx_carries_its_own_summary(demo, login):
    prisoner = demo.prisoners["A"][0]
    client = login(demo.users["officer.a"])
    html = client.post(
        reverse("custody:move", args=[prisoner.pk]), {"kind": "cell_move"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert html.count("data-error-summary") == 1 and 'href="#id_reason"' in html
