import datetime as dt

import pytest
from django.utils import timezone

from family import services


@pytest.fixture
def woman(demo):
    """A facility-A woman (in the mother-and-child unit)."""
    return next(p for p in demo.prisoners["A"] if p.sex == "female")


@pytest.fixture
def man(demo):
    return demo.prisoners["A"][1]


@pytest.fixture
def contact(demo, man):
    def _make(prisoner=None, actor=None, **fields):
        fields.setdefault("relationship", "spouse")
        fields.setdefault("name", "Зарина Раҳимова")
        fields.setdefault("may_visit", True)
        return services.contact_add(
            actor=actor or demo.users["officer.a"], prisoner=prisoner or man, **fields
        )

    return _make


@pytest.fixture
def session(demo):
    def _make(capacity=3, kind="family", facility=None, start=None):
        start = start or timezone.now() + dt.timedelta(days=1)
        return services.session_create(
            actor=demo.users["officer.a"],
            facility=facility or demo.facilities["A"],
            kind=kind,
            room="Room 1",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            capacity=capacity,
        )

    return _make
