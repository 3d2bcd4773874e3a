"""Cyrillic with and without Tajik letters, and Latin spellings, find one person."""

import pytest

from casemgmt import names, services
from casemgmt.choices import LegalStatus, Sex
from casemgmt.models import Prisoner
from casemgmt.selectors import search_prisoners

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("spellings"),
    [
        ["Раҳимов", "Рахимов", "Rahimov", "Rakhimov", "RAHIMOV"],
        ["Ҷӯраев", "Джураев", "Juraev", "Dzhuraev", "Djuraev"],
        ["Қодиров", "Кодиров", "Qodirov", "Kodirov"],
        ["Ғафуров", "Гафуров", "Ghafurov", "Gafurov"],
    ],
)
def test_every_spelling_has_one_key(spellings):
    assert len({names.search_key(s) for s in spellings}) == 1


def test_fold_keeps_cyrillic():
    assert names.fold_cyrillic("  Раҳимов-Ҷӯраев ") == "рахимов чураев"


def test_transliteration_is_readable():
    assert names.transliterate("Раҳимов Фирӯз") == "Rahimov Firuz"


def person(family, given, **extra):
    return services.prisoner_admit(
        actor=None,
        family_name=family,
        given_name=given,
        sex=Sex.MALE,
        legal_status=LegalStatus.REMAND,
        **extra,
    )


@pytest.fixture
def rahimov(db):
    found = person("Раҳимов", "Фаридун", patronymic="Саидович", aliases=["Фарид"])
    person("Иванов", "Сергей")
    person("Ҳакимов", "Далер")
    person("Каримов", "Зафар")
    return found


@pytest.mark.parametrize(
    "query",
    [
        "Рахимов",
        "Раҳимов",
        "Rahimov",
        "Rakhimov",
        "рахимов фаридун",
        "Rahimov Faridun",
        "Раҳимов Фаридун",
        "Фарид",
        "Rahimow",
    ],
)
def test_search_finds_the_person_in_any_script(rahimov, query):
    found = list(search_prisoners(Prisoner.objects.all(), query))
    assert found[0] == rahimov
    assert "Иванов" not in {p.family_name for p in found}


def test_search_by_prison_number(rahimov):
    assert list(search_prisoners(Prisoner.objects.all(), rahimov.prison_number)) == [rahimov]


def test_search_does_not_match_everything(rahimov):
    found = set(search_prisoners(Prisoner.objects.all(), "Иванова Ольга"))
    assert rahimov not in found


def test_search_through_the_page_for_the_officer(demo, client):
    client.force_login(demo.users["officer.a"])
    target = demo.prisoners["A"][0]
    latin = names.transliterate(target.family_name)
    html = client.get("/prisoners/", {"q": latin}).content.decode()
    assert target.prison_number in html
