"""A fixture population with known counts, on top of the demo personas.

Facility A's six demo prisoners (pa0..pa5, in units R, M1, M2, W1, W2, R) get
dates of birth, nationalities, legal statuses, admissions, risk decisions and
programme records chosen so that every dashboard figure has a known value. The
rows are written directly: this is a fixture of the world, not of the services.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from casemgmt.models import Prisoner
from reports.criteria import years_ago


def month_start(today: dt.date, back: int) -> dt.date:
    month = today.month - back
    year = today.year + (month - 1) // 12
    return dt.date(year, (month - 1) % 12 + 1, 1)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _risk(prisoner, assessor, version, *, overall, level, review_due, approved_at):
    from classification.models import Assessment, Classification

    assessment = Assessment.objects.create(
        prisoner=prisoner,
        instrument_version=version,
        kind="initial",
        status="approved",
        assessor=assessor,
        overall=overall,
        approved_at=approved_at,
        approved_by=assessor,
    )
    Classification.objects.create(
        prisoner=prisoner,
        assessment=assessment,
        status="approved",
        suggested_level=level,
        suggested_regime="general",
        security_level=level,
        regime="general",
        next_review_due=review_due,
        decided_by=assessor,
        decided_at=approved_at,
    )


@pytest.fixture
def world(demo):
    from classification.models import Instrument, InstrumentVersion
    from intake.models import Admission
    from rehabilitation.models import Attendance, Enrolment, Offering, Programme, Referral, Session

    today = timezone.localdate()
    sup = demo.users["supervisor.a"]
    pa = list(demo.prisoners["A"])
    assert [p.unit.code for p in pa] == ["R", "M1", "M2", "W1", "W2", "R"]
    ages = [17, 20, 30, 40, 50, None]
    nationalities = ["Тоҷик", "Тоҷик", "Тоҷик", "Тоҷик", "Ӯзбек", ""]
    for p, age, nat in zip(pa, ages, nationalities, strict=True):
        dob = None if age is None else years_ago(today, age) - dt.timedelta(days=30)
        Prisoner.objects.filter(pk=p.pk).update(date_of_birth=dob, nationality=nat)
    Prisoner.objects.filter(pk=pa[2].pk).update(legal_status="convicted")
    Prisoner.objects.filter(pk=pa[4].pk).update(legal_status="appeal")
    Prisoner.objects.filter(pk=pa[5].pk).update(custody_status="released")

    facility = demo.facilities["A"]

    def admit(p, day, initial_due, released=None):
        return Admission.objects.create(
            facility=facility,
            status="completed",
            prisoner=p,
            created_by=sup,
            admitted_at=at(day),
            initial_assessment_due=initial_due,
            released_at=at(released) if released else None,
            family_name=p.family_name,
            given_name=p.given_name,
        )

    two_ago = month_start(today, 2) + dt.timedelta(days=9)
    admit(pa[0], today, today - dt.timedelta(days=1))
    admit(pa[2], two_ago, two_ago + dt.timedelta(days=14))
    admit(pa[3], two_ago, today + dt.timedelta(days=30))
    admit(
        pa[5],
        month_start(today, 3) + dt.timedelta(days=4),
        None,
        released=month_start(today, 1) + dt.timedelta(days=2),
    )

    instrument = Instrument.objects.create(
        code="t", name={"en": "T", "ru": "T", "tg": "T"}, purpose="security"
    )
    version = InstrumentVersion.objects.create(instrument=instrument, number=1, status="published")
    _risk(
        pa[1],
        sup,
        version,
        overall="high",
        level="high",
        review_due=today - dt.timedelta(days=3),
        approved_at=at(today - dt.timedelta(days=100)),
    )
    _risk(
        pa[2],
        sup,
        version,
        overall="low",
        level="standard",
        review_due=today + dt.timedelta(days=5),
        approved_at=at(two_ago + dt.timedelta(days=4)),
    )

    programme = Programme.objects.create(
        code="lit", name={"en": "Literacy", "ru": "Л", "tg": "С"}, kind="education", sessions_count=10
    )
    offering = Offering.objects.create(
        programme=programme,
        facility=facility,
        place="Room",
        starts_on=today - dt.timedelta(days=20),
        capacity=8,
        status="running",
    )
    offering.staff.add(demo.users["programme.a"])
    enrolments = {}
    for p, status in [(pa[0], None), (pa[1], "active"), (pa[2], "completed"), (pa[3], "withdrawn")]:
        referral = Referral.objects.create(
            prisoner=p,
            offering=offering,
            reason="x",
            referred_by=sup,
            status="enrolled" if status else "pending",
        )
        if status:
            enrolments[p.pk] = Enrolment.objects.create(
                referral=referral,
                prisoner=p,
                offering=offering,
                status=status,
                ended_at=timezone.now() if status in ("completed", "withdrawn") else None,
            )
    session = Session.objects.create(offering=offering, date=today - dt.timedelta(days=2), topic="A")
    for p, status in [(pa[1], "attended"), (pa[2], "late"), (pa[3], "refused")]:
        Attendance.objects.create(session=session, enrolment=enrolments[p.pk], status=status, recorded_by=sup)
    return SimpleNamespace(demo=demo, pa=pa, today=today, two_ago=two_ago, offering=offering)
