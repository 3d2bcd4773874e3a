"""Two clicks, two tabs, two retries at the same moment: one prisoner, one admission."""

import threading

import pytest
from django.db import connection

from casemgmt.models import Prisoner
from demodata import builder as demo_data
from intake import services
from intake.models import Admission
from tests.conftest import PASSWORD
from tests.intake.conftest import make_draft


@pytest.fixture
def tx_demo(transactional_db):
    return demo_data.build(prisoners=4, password=PASSWORD)


def test_parallel_completion_makes_one_prisoner(tx_demo):
    admission = make_draft(tx_demo)
    officer = tx_demo.users["officer.a"]
    barrier = threading.Barrier(4)
    results, errors = [], []

    def complete():
        try:
            barrier.wait()
            results.append(services.admission_complete(actor=officer, admission=admission).prisoner_id)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=complete) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors
    assert len(set(results)) == 1 and len(results) == 4
    assert Prisoner.objects.filter(given_name="Нигина", family_name="Шарипова").count() == 1
    assert Admission.objects.filter(status="completed", prisoner_id=results[0]).count() == 1
