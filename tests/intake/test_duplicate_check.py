"""The duplicate check across facilities (issue 16): an officer learns whether the person
before them already has a file, not what other facilities hold. A file of another
facility appears only on a strong match (names and date of birth on their Latin keys, or
a document number), with the minimum; the check is audited and rate-limited per user."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse

from casemgmt import names
from casemgmt.models import IdentityDocument, Prisoner
from core.models import ReadEvent
from intake import duplicates

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def foreign(demo):
    """A file of facility B, which officer.a may not open."""
    p = demo.prisoners["B"][0]
    Prisoner.objects.filter(pk=p.pk).update(date_of_birth=dt.date(1984, 3, 9))
    p.refresh_from_db()
    assert not Prisoner.objects.restrict(demo.users["officer.a"]).filter(pk=p.pk).exists()
    return p


def _candidates(api, demo, draft_factory, **identity):
    draft = draft_factory(identity=identity)
    answer = api(demo.users["officer.a"]).get(f"/api/v1/admissions/{draft.pk}/candidates/")
    assert answer.status_code == 200, answer.content
    return draft, answer.json()


def test_a_weak_match_shows_no_file_of_another_facility(demo, api, draft_factory, foreign):
    own = demo.prisoners["A"][0]
    # The same family name, another given name, no date of birth: close, not strong.
    _, rows = _candidates(
        api, demo, draft_factory, family_name=foreign.family_name, given_name="Зарина", date_of_birth=None
    )
    assert foreign.prison_number not in {r["prison_number"] for r in rows}
    # The same names without the date of birth are not strong either.
    _, rows = _candidates(
        api,
        demo,
        draft_factory,
        family_name=foreign.family_name,
        given_name=foreign.given_name,
        date_of_birth=dt.date(1999, 1, 1),
    )
    assert foreign.prison_number not in {r["prison_number"] for r in rows}
    # A close name among the officer's own files is offered as before.
    _, rows = _candidates(
        api, demo, draft_factory, family_name=own.family_name, given_name=own.given_name, date_of_birth=None
    )
    assert own.prison_number in {r["prison_number"] for r in rows}
    assert all(not r["foreign"] for r in rows)


def test_a_strong_match_shows_the_minimum_of_another_facilitys_file(demo, api, login, draft_factory, foreign):
    # Typed in Latin letters, the file is in Cyrillic: the Latin search keys meet.
    latin = {
        "family_name": names.transliterate(foreign.family_name),
        "given_name": names.transliterate(foreign.given_name),
        "date_of_birth": foreign.date_of_birth,
    }
    draft, rows = _candidates(api, demo, draft_factory, **latin)
    row = next(r for r in rows if r["prison_number"] == foreign.prison_number)
    assert row["foreign"] is True and row["custody_status"] is None
    assert row["facility"] == foreign.facility.name and row["date_of_birth"] == str(foreign.date_of_birth)
    assert set(row) == {
        "id",
        "prison_number",
        "full_name",
        "full_name_latin",
        "date_of_birth",
        "facility",
        "custody_status",
        "foreign",
        "similarity",
        "same_birth_date",
    }
    # The page: the number, the names, the facility; no cell, no status, no photo.
    page = login(demo.users["officer.a"]).get(reverse("intake:step", args=[draft.pk, "identity"]))
    body = page.content.decode()
    assert page.status_code == 200 and foreign.prison_number in body and foreign.facility.name in body
    item = next(li for li in body.split("<li>") if foreign.prison_number in li).split("</li>")[0]
    assert foreign.facility.name in item and foreign.get_custody_status_display() not in item
    assert reverse("prisoner-photo", args=[foreign.pk]) not in body
    # The officer may decide it is the same person: the choice is among the candidates.
    chosen = login(demo.users["officer.a"]).post(
        reverse("intake:match", args=[draft.pk]), {"prisoner": str(foreign.pk)}
    )
    assert chosen.status_code == 302
    draft.refresh_from_db()
    assert draft.prisoner_id == foreign.pk


def test_a_document_number_is_a_strong_match(demo, api, draft_factory, foreign):
    IdentityDocument.objects.create(
        prisoner=foreign, kind="passport", number="A1234567", issuing_country="TJ"
    )
    _, rows = _candidates(
        api,
        demo,
        draft_factory,
        family_name="Каримов",
        given_name="Алишер",
        date_of_birth=None,
        document_kind="passport",
        document_number="a1234567",
    )
    assert [r["prison_number"] for r in rows if r["foreign"]] == [foreign.prison_number]


def test_a_file_not_among_the_candidates_cannot_be_chosen(demo, login, draft_factory, foreign):
    draft = draft_factory(identity={"family_name": foreign.family_name, "given_name": "Зарина"})
    answer = login(demo.users["officer.a"]).post(
        reverse("intake:match", args=[draft.pk]), {"prisoner": str(foreign.pk)}
    )
    assert answer.status_code == 404
    draft.refresh_from_db()
    assert draft.prisoner_id is None


def test_the_check_is_audited_with_the_query_and_the_files_shown(demo, api, login, draft_factory, foreign):
    identity = {
        "family_name": foreign.family_name,
        "given_name": foreign.given_name,
        "date_of_birth": foreign.date_of_birth,
    }
    draft, rows = _candidates(api, demo, draft_factory, **identity)
    event = ReadEvent.objects.filter(route="admission-candidates").latest("id")
    assert foreign.pk in event.subjects and event.actor == demo.users["officer.a"]
    assert foreign.family_name in event.reason and str(foreign.date_of_birth) in event.reason
    # The htmx check as the officer types: the query string and the files shown.
    client = login(demo.users["officer.a"])
    typed = {
        "s-family_name": foreign.family_name,
        "s-given_name": foreign.given_name,
        "s-date_of_birth": str(foreign.date_of_birth),
    }
    answer = client.get(reverse("intake:candidates", args=[draft.pk]), typed)
    assert answer.status_code == 200 and foreign.prison_number in answer.content.decode()
    event = ReadEvent.objects.filter(route="intake:candidates").latest("id")
    assert foreign.pk in event.subjects and "s-family_name" in event.query
    # Nothing found is audited too: the query was typed.
    client.get(reverse("intake:candidates", args=[draft.pk]), {"s-family_name": "Ъъъъ"})
    assert "Ъъъъ" in ReadEvent.objects.filter(route="intake:candidates").latest("id").reason


def test_the_check_is_rate_limited_per_user(demo, api, login, draft_factory, monkeypatch):
    monkeypatch.setattr(duplicates, "CHECKS_PER_MINUTE", 2)
    draft = draft_factory()
    officer = api(demo.users["officer.a"])
    url = f"/api/v1/admissions/{draft.pk}/candidates/"
    assert [officer.get(url).status_code for _ in range(3)] == [200, 200, 429]
    page = login(demo.users["officer.a"]).get(reverse("intake:candidates", args=[draft.pk]))
    assert page.status_code == 200
    assert "many times in the last minute" in page.content.decode()
    # Another officer's checks are counted apart.
    supervisor = api(demo.users["supervisor.a"])
    assert supervisor.get(url).status_code == 200
