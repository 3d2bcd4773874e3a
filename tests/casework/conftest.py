"""Fixtures of the casework tests: a file of facility A, a second case manager, a plan."""

import pytest

from casemgmt import services as casemgmt_services
from casework import services


@pytest.fixture
def prisoner(demo):
    return demo.prisoners["A"][0]


@pytest.fixture
def cm2(demo):
    return casemgmt_services.staff_create(
        actor=None,
        username="casemanager.b2",
        password="Pass-Word-2026-b",
        roles=["case_manager"],
        facilities=[demo.facilities["A"]],
    )


@pytest.fixture
def plan(demo, prisoner):
    return services.plan_create(actor=demo.users["casemanager.a"], prisoner=prisoner, summary="First plan")
