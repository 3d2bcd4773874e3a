import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import formats, translation

from casemgmt.models import Facility, Prisoner, User


def test_tajik_dates_do_not_borrow_russian():
    day = datetime.date(2026, 3, 8)
    with translation.override("tg"):
        text = formats.date_format(day, "DATE_FORMAT")
        assert text.endswith("с.") and "г." not in text
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "08.03.2026"
    with translation.override("ru"):
        assert formats.date_format(day, "DATE_FORMAT").endswith("г.")


@pytest.mark.django_db
def test_language_switcher_on_every_page(client, demo):
    for url in ("/login/",):
        assert 'id="language-select"' in client.get(url).content.decode()
    client.force_login(demo.users["officer.a"])
    for url in ("/", "/prisoners/", f"/prisoners/{demo.prisoners['A'][0].pk}/"):
        assert 'id="language-select"' in client.get(url).content.decode()


@pytest.mark.django_db
def test_switching_language_sets_the_cookie(client, demo):
    client.force_login(demo.users["officer.a"])
    response = client.post("/i18n/setlang/", {"language": "tg", "next": "/prisoners/"})
    assert response.status_code == 302 and response.cookies["lang"].value == "tg"
    page = client.get("/prisoners/")
    assert page.headers["Content-Language"] == "tg"


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_seed_refuses_the_demo_password_when_debug_is_off():
    with pytest.raises(CommandError, match="--password"):
        call_command("seed_demo", prisoners=2)
    assert not Facility.objects.exists()


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_seed_runs_once(capsys):
    call_command("seed_demo", prisoners=10)
    call_command("seed_demo", prisoners=10)
    assert Prisoner.objects.count() == 10
    assert "already there" in capsys.readouterr().out
    assert set(User.objects.values_list("username", flat=True)) == {
        "officer.a",
        "officer.b",
        "casemanager.a",
        "programme.a",
        "supervisor.a",
        "admin",
        "auditor",
        "inspector",
        # the discipline app's (seed_demo only)
        "adjudicator.a",
        "health.a",
    }
    women = Prisoner.objects.filter(sex="female")
    assert women.exists() and all(p.unit.sex == "female" for p in women)


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_seed_includes_instruments_and_casework():
    from classification.models import Assessment, Classification, Instrument, Item

    call_command("seed_demo", prisoners=12)
    assert set(Instrument.objects.values_list("code", flat=True)) == {"srs", "vej"}
    assert Item.objects.filter(domain__version__instrument__code="vej", applies_to="women").count() >= 4
    assert Classification.objects.filter(status="approved").count() == 5
    assert Assessment.objects.filter(status="submitted").count() == 1


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_seed_enrols_programme_participants():
    from rehabilitation.models import Enrolment, Session

    call_command("seed_demo", prisoners=40)
    staff = User.objects.get(username="programme.a")
    assert Enrolment.objects.filter(offering__staff=staff, status="active").count() == 6
    assert Prisoner.objects.restrict(staff).count() == 6
    assert Session.objects.count() == 3
