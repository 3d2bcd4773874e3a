import pytest

from casemgmt import services as casemgmt_services
from complaints import services


@pytest.fixture
def authorities(demo):
    """One member of the central prison administration and one inspector (no facility)."""
    admin = demo.users["admin"]
    return {
        "central": casemgmt_services.staff_create(
            actor=admin, username="central.hq", password=None, roles=["central_admin"]
        ),
        "inspector": casemgmt_services.staff_create(
            actor=admin, username="inspector.1", password=None, roles=["inspector"]
        ),
    }


@pytest.fixture
def make(demo):
    """Record a complaint for a facility-A prisoner (as officer.a unless told)."""

    def _make(prisoner=None, actor=None, **fields):
        fields.setdefault("category", "conditions")
        fields.setdefault("words", "The cell is cold at night and the window is broken.")
        return services.complaint_record(
            actor=actor or demo.users["officer.a"], prisoner=prisoner or demo.prisoners["A"][0], **fields
        )

    return _make
