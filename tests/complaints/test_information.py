"""Information on admission (Mandela Rules 54-55, Bangkok Rule 2): the intake step."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from intake import services
from reports import selectors as report_selectors
from tests.intake.conftest import INFORMATION, make_draft

pytestmark = pytest.mark.django_db


def _untold(admission):
    """The draft as it was before the information step."""
    from intake.models import Admission

    fields = {f: Admission._meta.get_field(f).get_default() for f in services.STEP_FIELDS["information"]}
    Admission.objects.filter(pk=admission.pk).update(**fields)
    admission.refresh_from_db()
    return admission


def test_admission_cannot_complete_without_the_information_step(demo):
    draft = _untold(make_draft(demo))
    errors = services.completion_errors(draft)
    assert {"info_given_on", "info_language", "info_rules", "info_no_ack_reason"} <= set(errors)
    with pytest.raises(ValidationError):
        services.admission_complete(actor=demo.users["officer.a"], admission=draft)
    told = services.admission_save_step(
        actor=demo.users["officer.a"], admission=draft, step="information", data=INFORMATION
    )
    assert told.info_given_by == demo.users["officer.a"]  # the officer saving it, unless named
    done = services.admission_complete(actor=demo.users["officer.a"], admission=told)
    assert done.status == "completed"


def test_foreign_nationals_interpreters_and_acknowledgement(demo):
    officer = demo.users["officer.a"]
    draft = make_draft(
        demo, identity={"citizenships": ["AF"], "languages": ["ps"], "interpreter_needed": True}
    )
    errors = services.completion_errors(draft)
    assert "consular" in " ".join(errors["info_rules"])
    assert "interpreter" in " ".join(errors["info_interpreter"])
    draft = services.admission_save_step(
        actor=officer,
        admission=draft,
        step="information",
        data={
            "info_consular": True,
            "info_interpreter": "Ahmadi, Pashto interpreter",
            "info_acknowledged": False,
        },
    )
    assert "info_no_ack_reason" in services.completion_errors(draft)
    draft = services.admission_save_step(
        actor=officer,
        admission=draft,
        step="information",
        data={"info_no_ack_reason": "Cannot read; refused to sign"},
    )
    assert services.completion_errors(draft) == {}
    with pytest.raises(ValidationError):  # acknowledged and a reason for none: one or the other
        services.admission_save_step(
            actor=officer, admission=draft, step="information", data={"info_acknowledged": True}
        )


@pytest.mark.parametrize("language", ["en", "ru", "tg"])
def test_the_step_round_trips_in_each_language(demo, client, language):
    officer = demo.users["officer.a"]
    draft = _untold(make_draft(demo))
    client.force_login(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    url = reverse("intake:step", args=[draft.pk, "information"])
    page = client.get(url)
    assert page.status_code == 200 and f'lang="{language}"' in page.content.decode()
    data = {
        "version": draft.version,
        "s-info_given_on": "2026-11-23",
        "s-info_given_by": officer.pk,
        "s-info_language": "ru",
        "s-info_interpreter": "Юсупова Ш.",
        "s-info_rules": "on",
        "s-info_rights": "on",
        "s-info_complaints": "on",
        "s-info_legal_advice": "on",
        "s-info_no_ack_reason": "Отказался подписать",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert (draft.info_given_on.isoformat(), draft.info_language, draft.info_interpreter) == (
        "2026-11-23",
        "ru",
        "Юсупова Ш.",
    )
    assert draft.info_no_ack_reason == "Отказался подписать" and draft.info_complaints
    body = client.get(url).content.decode()
    assert 'value="2026-11-23"' in body and "Юсупова Ш." in body and "Отказался подписать" in body
    assert "information" in draft.steps_done
    # A future date is refused with the field's error, in the page's language.
    refused = client.post(url, {**data, "s-info_given_on": "2099-01-01"})
    assert refused.status_code in (200, 400) and 'class="error"' in refused.content.decode()


def test_the_standards_view_counts_it(demo):
    officer, sup = demo.users["officer.a"], demo.users["supervisor.a"]
    before = {r["code"]: r for r in report_selectors.standards_view(user=sup)}
    told = services.admission_complete(actor=officer, admission=make_draft(demo))
    after = {r["code"]: r for r in report_selectors.standards_view(user=sup)}
    for code in ("informed", "informed_language", "informed_women"):  # she is a woman (conftest)
        assert after[code]["complete"] == before[code]["complete"] + 1, code
    assert told.prisoner_id
