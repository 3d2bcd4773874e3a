import datetime as dt

import pytest

from rehabilitation import services
from rehabilitation.models import Offering, Programme, ProgrammeGoal

T = lambda en: {"en": en, "ru": en + " (ru)", "tg": en + " (tg)"}  # noqa: E731


def make_offering(demo, capacity=2, **programme_rules):
    programme = Programme.objects.create(
        code=f"p{Programme.objects.count()}",
        name=T("Literacy"),
        kind="education",
        sessions_count=10,
        **programme_rules,
    )
    ProgrammeGoal.objects.create(programme=programme, order=1, text=T("Reads a short text"))
    ProgrammeGoal.objects.create(programme=programme, order=2, text=T("Writes a letter home"))
    offering = Offering.objects.create(
        programme=programme,
        facility=demo.facilities["A"],
        place="School room",
        starts_on=dt.date(2026, 12, 1),
        capacity=capacity,
        status="running",
    )
    offering.staff.add(demo.users["programme.a"])
    return offering


@pytest.fixture
def offering(demo):
    return make_offering(demo)


@pytest.fixture
def men(demo):
    return [p for p in demo.prisoners["A"] if p.sex == "male"]


def refer(demo, prisoner, offering):
    return services.referral_create(
        actor=demo.users["casemanager.a"], prisoner=prisoner, offering=offering, reason="Needs literacy"
    )
