"""The intake's step list tells the truth: each step is complete, incomplete or not
started by the rules completion uses (``services.step_report``), and the review page lists
what is missing, each item a link to its field."""

import pytest
from django.urls import reverse

from intake import services
from intake.services import StepStatus
from tests.intake.conftest import IDENTITY, ORDER

pytestmark = pytest.mark.django_db


def _status(admission):
    return {step: status for step, _label, status, _problems in services.step_report(admission)["steps"]}


def test_a_new_draft_has_every_step_not_started(demo):
    officer = demo.users["officer.a"]
    admission = services.admission_start(actor=officer, facility=demo.facilities["A"])
    report = services.step_report(admission)
    assert set(_status(admission).values()) == {StepStatus.NOT_STARTED}
    assert report["complete"] == 0 and not report["ready"] and report["missing"]


def test_a_step_saved_with_a_field_missing_is_incomplete_not_done(demo):
    officer = demo.users["officer.a"]
    admission = services.admission_start(actor=officer, facility=demo.facilities["A"])
    admission = services.admission_save_step(
        actor=officer, admission=admission, step="order", data={**ORDER, "arrested_at": None}
    )
    assert "order" in admission.steps_done  # saved ("touched") ...
    assert _status(admission)["order"] == StepStatus.INCOMPLETE  # ... but not complete
    missing = services.step_report(admission)["missing"]
    assert ("order", "arrested_at") in {(step, field) for step, field, _m in missing}
    partial = services.admission_save_step(
        actor=officer, admission=admission, step="identity", data={"family_name": IDENTITY["family_name"]}
    )
    assert _status(partial)["identity"] == StepStatus.INCOMPLETE


def test_a_ready_draft_shows_its_required_steps_complete_and_completes(demo, draft_factory):
    admission = draft_factory()
    report = services.step_report(admission)
    status = _status(admission)
    assert report["ready"] and report["missing"] == []
    for step in ("order", "identity", "information", "review"):
        assert status[step] == StepStatus.COMPLETE, step
    assert (
        services.admission_complete(actor=demo.users["officer.a"], admission=admission).status == "completed"
    )


def test_no_step_shows_complete_while_completion_is_blocked_by_it(demo, draft_factory):
    """The one rule: every completion error belongs to a step shown incomplete or not started."""
    admission = draft_factory()
    admission.info_language = ""
    admission.save(update_fields=["info_language"])
    errors = services.completion_errors(admission)
    assert "info_language" in errors
    assert _status(admission)["information"] == StepStatus.INCOMPLETE
    assert not services.step_report(admission)["ready"]


def test_the_review_page_links_each_missing_item_to_its_field(demo, client):
    officer = demo.users["officer.a"]
    client.force_login(officer)
    admission = services.admission_start(actor=officer, facility=demo.facilities["A"])
    html = client.get(reverse("intake:step", args=[admission.pk, "review"])).content.decode()
    order_url = reverse("intake:step", args=[admission.pk, "order"])
    identity_url = reverse("intake:step", args=[admission.pk, "identity"])
    assert f'href="{order_url}#id_s-order_number"' in html
    assert f'href="{identity_url}#id_s-family_name"' in html
    assert f'href="{identity_url}#match"' in html
    assert "Not started" in html and "steps of" not in html
