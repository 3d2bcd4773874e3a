"""Identity correction after admission: a reason, the history, the audit, refreshed search
keys (the old spelling kept as an alias when chosen), and the Rule 11 age check run again."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from casemgmt import services
from casemgmt.models import Alert, Prisoner
from casemgmt.selectors import search_prisoners
from core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _man_in(demo, unit_code, facility="A"):
    return next(p for p in demo.prisoners[facility] if p.unit.code == unit_code)


def test_a_correction_needs_a_reason_and_the_change_capability(demo):
    man = _man_in(demo, "M1")
    with pytest.raises(ValidationError) as exc:
        services.prisoner_correct(
            actor=demo.users["officer.a"], prisoner=man, reason=" ", family_name="Раҳимов"
        )
    assert "reason" in exc.value.error_dict
    for user in ("officer.b", "programme.a", "casemanager.a"):
        with pytest.raises(Http404):
            services.prisoner_correct(
                actor=demo.users[user], prisoner=man, reason="typo", family_name="Раҳимов"
            )
    with pytest.raises(ValueError):
        services.prisoner_correct(actor=demo.users["officer.a"], prisoner=man, reason="x", unit=None)
    man.refresh_from_db()
    assert man.family_name != "Раҳимов"


def test_a_corrected_name_is_found_and_the_old_spelling_through_the_alias(demo):
    man = _man_in(demo, "M1")
    old_family = man.family_name
    old_key = man.search_latin
    corrected, problems = services.prisoner_correct(
        actor=demo.users["officer.a"],
        prisoner=man,
        reason="Passport shows another spelling",
        keep_old_name=True,
        family_name="Зиёмуҳаммадов",
        documents=[{"kind": "national_id", "number": "ID-778899", "issuing_country": "TJ"}],
    )
    assert problems == []
    assert corrected.family_name_latin == "Ziyomuhammadov" or corrected.family_name_latin
    assert corrected.search_latin != old_key
    assert list(search_prisoners(Prisoner.objects.all(), "Зиёмуҳаммадов")) == [corrected]
    assert corrected in search_prisoners(Prisoner.objects.all(), "Ziyomuhammadov")
    # The old spelling stays findable as a previous name.
    assert corrected in search_prisoners(Prisoner.objects.all(), old_family)
    assert corrected.aliases.filter(kind="previous").exists()
    assert corrected.documents.filter(number="ID-778899").exists()
    event = AuditEvent.objects.filter(object_type="casemgmt.prisoner", subject_id=man.pk).latest("id")
    assert event.reason == "Passport shows another spelling"
    assert event.before["family_name"] == old_family
    assert event.after["family_name"] == "Зиёмуҳаммадов"
    assert event.after["documents_added"] == [{"kind": "national_id", "number": "ID-778899"}]


def test_without_keeping_the_old_name_the_old_spelling_is_gone(demo):
    man = _man_in(demo, "M1")
    old_family = man.family_name
    services.prisoner_correct(
        actor=demo.users["officer.a"], prisoner=man, reason="typo", family_name="Зиёмуҳаммадов"
    )
    assert man not in search_prisoners(Prisoner.objects.filter(pk=man.pk), old_family)


def test_a_corrected_date_of_birth_reruns_the_rule_11_age_check(demo):
    man = _man_in(demo, "M1")
    seventeen = timezone.localdate() - dt.timedelta(days=17 * 365)
    corrected, problems = services.prisoner_correct(
        actor=demo.users["officer.a"],
        prisoner=man,
        reason="Birth certificate received",
        date_of_birth=seventeen,
    )
    assert corrected.date_of_birth == seventeen  # the fact is recorded ...
    assert len(problems) == 1 and "under 18" in problems[0]  # ... and the conflict reported
    assert Alert.objects.filter(kind="placement", object_id=str(man.pk)).exists()
    with pytest.raises(ValidationError):  # nothing changed
        services.prisoner_correct(
            actor=demo.users["officer.a"], prisoner=corrected, reason="again", date_of_birth=seventeen
        )


def test_the_correction_page_and_api(demo, login, api):
    man = _man_in(demo, "M1")
    url = f"/prisoners/{man.pk}/correct/"
    officer = login(demo.users["officer.a"])
    page = officer.get(url)
    assert page.status_code == 200 and man.family_name in page.content.decode()
    bad = officer.post(url, {"family_name": "Саидов", "reason": ""})
    assert bad.status_code == 400 and "reason" in bad.content.decode().lower()
    form = page.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {"family_name": "Саидзода", "reason": "Court order changes the surname", "keep_old_name": "on"}
    )
    data["citizenships"] = ",".join(data.get("citizenships") or [])
    done = officer.post(url, data)
    assert done.status_code == 302, done.content.decode()[:2000]
    man.refresh_from_db()
    assert man.family_name == "Саидзода"
    assert man.aliases.filter(kind="previous").exists()
    assert login(demo.users["officer.b"]).get(url).status_code == 404
    answer = api(demo.users["officer.a"]).post(
        f"/api/v1/prisoners/{man.pk}/correct/", {"given_name": "Фаррух", "reason": "typo"}, format="json"
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["problems"] == []
    man.refresh_from_db()
    assert man.given_name == "Фаррух"
    assert (
        api(demo.users["officer.b"])
        .post(f"/api/v1/prisoners/{man.pk}/correct/", {"given_name": "X", "reason": "typo"}, format="json")
        .status_code
        == 404
    )
    no_reason = api(demo.users["officer.a"]).post(
        f"/api/v1/prisoners/{man.pk}/correct/", {"given_name": "Y"}, format="json"
    )
    assert no_reason.status_code == 400
