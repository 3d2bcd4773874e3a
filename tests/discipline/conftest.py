import datetime as dt

import pytest
from django.utils import timezone

from casemgmt import services as casemgmt_services
from discipline import services
from discipline.models import Offence, SanctionKind


@pytest.fixture
def staff(demo):
    """An adjudicator and a health worker of facility A (roles, no grant on any file)."""
    admin, fa = demo.users["admin"], demo.facilities["A"]
    return {
        "adjudicator": casemgmt_services.staff_create(
            actor=admin, username="adjudicator.a", password=None, roles=["adjudicator"], facilities=[fa]
        ),
        "health": casemgmt_services.staff_create(
            actor=admin, username="health.a", password=None, roles=["health"], facilities=[fa]
        ),
    }


@pytest.fixture
def catalogue(db):
    def offence(code, serious=False):
        return Offence.objects.get_or_create(
            code=code,
            defaults={"name": code.title(), "regulation": f"Internal rules, {code}", "serious": serious},
        )[0]

    def sanction(code, category, max_days=None):
        return SanctionKind.objects.get_or_create(
            code=code,
            defaults={"name": code.replace("_", " ").title(), "category": category, "max_days": max_days},
        )[0]

    return {
        "offence": offence("damage"),
        "serious": offence("assault", serious=True),
        "caution": sanction("caution", "caution"),
        "privileges": sanction("privileges", "privileges", 30),
        "cell": sanction("cell_confinement", "confinement", 15),
        "long_cell": sanction("long_cell", "confinement", 30),  # a catalogue entry above the law
        "food": sanction("bread_and_water", "food", 7),
        "family": sanction("no_visits", "family_contact", 30),
        "restraints": sanction("handcuffs", "restraints", 1),
        "corporal": sanction("beating", "corporal"),
        "dark": sanction("dark_cell", "dark_cell", 3),
    }


@pytest.fixture
def man(demo):
    p = next(p for p in demo.prisoners["A"] if p.sex == "male")
    if p.age is None or p.age < 18:
        p.date_of_birth = dt.date(1990, 1, 1)
        p.save(update_fields=["date_of_birth"])
    return p


@pytest.fixture
def woman(demo):
    p = next(p for p in demo.prisoners["A"] if p.sex == "female")
    p.date_of_birth = dt.date(1992, 1, 1)
    p.save(update_fields=["date_of_birth"])
    return p


@pytest.fixture
def report(demo, catalogue, man):
    """A report by officer.a, the charge put: ready for a hearing."""

    def _make(prisoner=None, actor=None, offence=None, charge=True, **fields):
        fields.setdefault("occurred_at", timezone.now() - dt.timedelta(hours=3))
        r = services.report_create(
            actor=actor or demo.users["officer.a"],
            prisoner=prisoner or man,
            offence=offence or catalogue["offence"],
            place="Unit 1, cell 4",
            facts="Broke the cell window with a chair.",
            **fields,
        )
        if charge:
            today = timezone.localdate()
            r = services.report_charge(
                actor=demo.users["officer.a"], report=r, informed_on=today, language="tg", prepare_until=today
            )
        return r

    return _make


@pytest.fixture
def proved(demo, report):
    def _make(**kwargs):
        r = report(**kwargs)
        return services.report_hear(
            actor=demo.users["supervisor.a"],
            report=r,
            account="I did not.",
            finding="proved",
            reasons="Two witnesses.",
        )

    return _make
