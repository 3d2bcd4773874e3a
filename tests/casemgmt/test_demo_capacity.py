"""The demo obeys the capacity rule the movement service enforces (custody.placement)."""

import pytest
from django.db.models import Count, F, Q

from casemgmt.models import Cell, Prisoner
from custody.placement import HELD
from demodata import builder as demo_data
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_no_cell_of_the_seeded_demo_is_over_capacity():
    demo_data.build(prisoners=200, password=PASSWORD, casework=True)  # what seed_demo builds
    over = (
        Cell.objects.annotate(held=Count("prisoners", filter=Q(prisoners__custody_status__in=HELD)))
        .filter(held__gt=F("capacity"))
        .values_list("unit__code", "number", "held", "capacity")
    )
    assert list(over) == []
    placed = Prisoner.objects.filter(custody_status__in=HELD, cell__isnull=False).count()
    assert placed >= 0.9 * Prisoner.objects.filter(custody_status__in=HELD).count()
