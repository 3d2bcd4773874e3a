"""``core.related.attach``: a page's related rows read by their ids, one query a model."""

import pytest

from core.related import attach
from custody.models import Movement
from custody.selectors import MOVEMENT_PLACES

pytestmark = pytest.mark.django_db


def test_a_pages_places_come_in_one_query_a_model_and_read_as_joined(demo, django_assert_num_queries):
    joined = list(Movement.objects.select_related(*MOVEMENT_PLACES).order_by("pk")[:40])
    plain = list(Movement.objects.order_by("pk")[:40])
    fields = [Movement._meta.get_field(name) for name in MOVEMENT_PLACES]
    models = {f.related_model for f in fields if any(getattr(row, f.attname) for row in plain)}
    # facility, unit, cell (the two facilities in one query); no user: the demo's movements
    # were recorded by no one, and ids that are all empty read nothing
    assert {m._meta.model_name for m in models} == {"facility", "unit", "cell"}
    with django_assert_num_queries(len(models)):
        rows = attach(plain, *MOVEMENT_PLACES)
    assert rows == joined
    with django_assert_num_queries(0):
        for ours, theirs in zip(rows, joined, strict=True):
            for name in MOVEMENT_PLACES:
                assert getattr(ours, name) == getattr(theirs, name), name
    assert any(row.from_facility is None for row in rows) and all(row.created_by is None for row in rows)


def test_nothing_to_attach_reads_nothing(demo, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert attach([], *MOVEMENT_PLACES) == []
    unplaced = [m for m in Movement.objects.filter(override_by__isnull=True)[:3]]
    with django_assert_num_queries(0):  # no override on any of them: no user to read
        attach(unplaced, "override_by")
    with django_assert_num_queries(0):
        assert all(m.override_by is None for m in unplaced)
