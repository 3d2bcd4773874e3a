"""The legal record: the status follows it, every change recalculates the release date
with its history, appeals change the sentence, a court trip names its hearing."""

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection
from django.http import Http404
from django.utils import timezone

from core.models import AuditEvent
from custody.services import movement_record
from legal import services
from legal.models import ReleaseCalculation, Sentence

pytestmark = pytest.mark.django_db


def _status(prisoner):
    prisoner.refresh_from_db()
    return prisoner.legal_status


def test_the_legal_status_follows_the_sentence_and_the_appeal(demo, case, today):
    officer = demo.users["officer.a"]
    prisoner = case.prisoner
    assert _status(prisoner) == "remand"
    services.remand_record(actor=officer, case=case, start_on=today - dt.timedelta(days=100))
    sentence = services.sentence_record(
        actor=officer, case=case, sentenced_on=today - dt.timedelta(days=10), years=2
    )
    assert _status(prisoner) == "convicted"
    appeal = services.appeal_lodge(actor=officer, sentence=sentence, lodged_on=today, court="Суди Олӣ")
    assert _status(prisoner) == "appeal"
    services.appeal_decide(actor=officer, appeal=appeal, outcome="upheld", decided_on=today)
    assert _status(prisoner) == "convicted"
    assert (
        AuditEvent.objects.filter(object_type="casemgmt.prisoner", object_id=str(prisoner.pk))
        .filter(after__legal_status="appeal")
        .exists()
    )


def test_every_change_recalculates_and_keeps_the_history(demo, case, today):
    officer = demo.users["officer.a"]
    sentenced = today - dt.timedelta(days=30)
    services.remand_record(
        actor=officer,
        case=case,
        start_on=sentenced - dt.timedelta(days=90),
        end_on=sentenced - dt.timedelta(days=1),
    )
    sentence = services.sentence_record(actor=officer, case=case, sentenced_on=sentenced, years=3)
    first = services.current_calculation(case.prisoner_id)
    assert first.credit_days == 90
    assert first.release_on == sentenced.replace(year=sentenced.year + 3) - dt.timedelta(days=1 + 90)
    assert first.explanation() and any("90" in line for line in first.explanation())
    # An appeal varies the sentence to two years: a new sentence replaces it, the date moves.
    appeal = services.appeal_lodge(actor=officer, sentence=sentence, lodged_on=today, court="Суди Олӣ")
    services.appeal_decide(actor=officer, appeal=appeal, outcome="varied", decided_on=today, years=2)
    sentence.refresh_from_db()
    assert sentence.status == "replaced"
    new = Sentence.objects.get(replaces=sentence)
    current = services.current_calculation(case.prisoner_id)
    assert current.release_on == sentenced.replace(year=sentenced.year + 2) - dt.timedelta(days=1 + 90)
    history = list(
        ReleaseCalculation.objects.filter(prisoner=case.prisoner).values_list("release_on", flat=True)
    )
    assert first.release_on in history and current.release_on in history
    assert new.status == "active"
    with pytest.raises(DatabaseError), connection.cursor() as cursor:
        cursor.execute("UPDATE legal_releasecalculation SET release_on = NULL WHERE id = %s", [first.pk])


def test_a_quashed_conviction_leaves_no_release_date(demo, case, today):
    officer = demo.users["officer.a"]
    sentence = services.sentence_record(actor=officer, case=case, sentenced_on=today, years=1)
    appeal = services.appeal_lodge(actor=officer, sentence=sentence, lodged_on=today, court="Суди Олӣ")
    services.appeal_decide(actor=officer, appeal=appeal, outcome="quashed", decided_on=today)
    assert services.current_calculation(case.prisoner_id).release_on is None
    assert _status(case.prisoner) == "remand"  # the case is still open


def test_concurrent_and_consecutive_sentences_on_the_file(demo, case, today):
    officer = demo.users["officer.a"]
    start = today - dt.timedelta(days=10)
    first = services.sentence_record(actor=officer, case=case, sentenced_on=start, years=1)
    other = services.case_create(actor=officer, prisoner=case.prisoner, case_number="1-9/2026", court="Суд")
    services.sentence_record(actor=officer, case=other, sentenced_on=start, months=6)  # concurrent
    one_year = start.replace(year=start.year + 1) - dt.timedelta(days=1)
    assert services.current_calculation(case.prisoner_id).release_on == one_year
    services.sentence_record(actor=officer, case=other, sentenced_on=start, months=3, consecutive_to=first)
    day_after = one_year + dt.timedelta(days=1)
    expected = day_after + relativedelta(months=3) - dt.timedelta(days=1)
    assert services.current_calculation(case.prisoner_id).release_on == expected


def test_court_trip_names_its_hearing(demo, case):
    officer = demo.users["officer.a"]
    hearing = services.hearing_create(actor=officer, case=case, scheduled_at=timezone.now())
    trip = movement_record(
        actor=officer,
        prisoner=case.prisoner,
        kind="court",
        external_place="Суди ноҳияи Сино",
        reason="hearing",
    )
    services.hearing_link_movement(actor=officer, hearing=hearing, movement=trip)
    assert trip.hearing == hearing
    other = demo.prisoners["A"][1]
    other_case = services.case_create(actor=officer, prisoner=other, case_number="2-1/2026", court="Суд")
    hearing2 = services.hearing_create(actor=officer, case=other_case, scheduled_at=timezone.now())
    with pytest.raises(ValidationError):  # another person's trip
        services.hearing_link_movement(actor=officer, hearing=hearing2, movement=trip)


def test_only_the_facility_staff_write_the_record(demo, case, today):
    with pytest.raises(Http404):
        services.sentence_record(actor=demo.users["officer.b"], case=case, sentenced_on=today, years=1)
    with pytest.raises(Http404):  # the case manager reads it but does not write it
        services.sentence_record(actor=demo.users["casemanager.a"], case=case, sentenced_on=today, years=1)
    with pytest.raises(ValidationError):
        services.sentence_record(actor=demo.users["officer.a"], case=case, sentenced_on=today)  # no length
    with pytest.raises(ValidationError):
        services.sentence_record(
            actor=demo.users["officer.a"], case=case, sentenced_on=dt.date(1900, 1, 1), years=1
        )
