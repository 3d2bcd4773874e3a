"""Writers at the same moment (several gunicorn workers) keep one unbroken audit chain.

Found by the load run of ``make bench`` (issue #11): the chain head was read in the
same statement that waited for the lock, so with that statement's older snapshot two
writers chained to the same previous row and ``verify_audit`` failed.
"""

import threading

import pytest
from django.db import connection

from core import audit
from core.choices import AuditAction


@pytest.mark.django_db(transaction=True)
def test_parallel_writers_keep_one_chain():
    barrier = threading.Barrier(4)
    errors = []

    def write(n):
        try:
            barrier.wait()
            for i in range(10):
                audit.record(None, AuditAction.VIEW, object_type="test.parallel", object_id=f"{n}-{i}")
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    result = audit.verify()
    assert result.ok, result
    assert result.checked >= 40
