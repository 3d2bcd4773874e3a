import pytest

from demodata import builder as demo_data
from legal.models import Hearing, PlanItem, ReleasePlan
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_legal_record_and_a_plan():
    demo_data.build(prisoners=30, password=PASSWORD, casework=True)
    assert Hearing.objects.filter(movement__isnull=False).exists()  # the man at court: his hearing
    plan = ReleasePlan.objects.get()
    assert plan.opened_automatically and PlanItem.objects.filter(plan=plan).count() == 2
