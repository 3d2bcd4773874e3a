import datetime as dt

import pytest

from casemgmt import services as casemgmt_services
from intake.selectors import duplicate_candidates

pytestmark = pytest.mark.django_db


@pytest.fixture
def returning(db):
    casemgmt_services.prisoner_admit(
        actor=None, family_name="Ҳакимов", given_name="Далер", sex="male", legal_status="remand"
    )
    casemgmt_services.prisoner_admit(
        actor=None, family_name="Иванов", given_name="Сергей", sex="male", legal_status="remand"
    )
    return casemgmt_services.prisoner_admit(
        actor=None,
        family_name="Раҳимов",
        given_name="Фаридун",
        patronymic="Саидович",
        sex="male",
        legal_status="convicted",
        date_of_birth=dt.date(1988, 5, 17),
        custody_status="released",
    )


@pytest.mark.parametrize(
    ("family", "given"),
    [
        ("Рахимов", "Фаридун"),
        ("Rakhimov", "Faridun"),
        ("Rahimov", ""),
        ("Раҳимов", "Фаридун"),
        ("RAHIMOV", "Farrukh"),
    ],
)
def test_the_returning_person_is_found_in_either_script(returning, family, given):
    found = duplicate_candidates(family_name=family, given_name=given)
    assert found and found[0].prisoner == returning
    assert "Иванов" not in {c.prisoner.family_name for c in found}


def test_same_birth_date_ranks_first(returning):
    twin = casemgmt_services.prisoner_admit(
        actor=None,
        family_name="Рахимов",
        given_name="Фарид",
        sex="male",
        legal_status="remand",
        date_of_birth=dt.date(1990, 1, 1),
    )
    found = duplicate_candidates(
        family_name="Rahimov", given_name="Farid", date_of_birth=dt.date(1988, 5, 17)
    )
    assert found[0].prisoner == returning and found[0].same_birth_date
    assert twin in [c.prisoner for c in found]


def test_nothing_for_an_empty_name(returning):
    assert duplicate_candidates(family_name="  ") == []
