"""The XLSX export through a real Celery worker (in-process, queue ``exports``)."""

from __future__ import annotations

import time

import pytest
from celery.contrib.testing.worker import start_worker
from openpyxl import load_workbook

from casemgmt.models import Prisoner
from config.celery import app
from core.grants import access_grant
from demodata import builder as demo_data
from reports import services
from reports.models import ExportJob
from tests.conftest import PASSWORD

EXTRA = 1200


@pytest.fixture
def big_world(transactional_db, settings, private_storage):
    settings.EXPORT_PROGRESS_EVERY = 100
    demo = demo_data.build(prisoners=12, password=PASSWORD)
    a, unit = demo.facilities["A"], demo.prisoners["A"][1].unit
    extra = Prisoner.objects.bulk_create(
        Prisoner(
            prison_number=f"TJ-X-{i:06d}",
            family_name="Назаров",
            given_name=f"Шерзод {i}",
            sex="male",
            legal_status="remand",
            facility=a,
            unit=unit,
        )
        for i in range(EXTRA)
    )
    access_grant(actor=None, prisoners=extra, capabilities=["view_prisoner"], group=a.supervisors_group)
    return demo


def wait_for(predicate, timeout=90):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_xlsx_job_progress_and_file(big_world, client, monkeypatch):
    sup = big_world.users["supervisor.a"]
    seen: list[int] = []
    original = services._progress

    def recording(job_id):
        update = original(job_id)

        def both(rows):
            seen.append(rows)
            update(rows)

        return both

    monkeypatch.setattr(services, "_progress", recording)
    client.force_login(sup)
    with start_worker(app, pool="solo", perform_ping_check=False, queues=["exports"], shutdown_timeout=30):
        response = client.post(
            "/reports/export/prisoners/?facility=" + str(big_world.facilities["A"].pk),
            {"format": "xlsx", "reason": "Population census for the ministry"},
        )
        assert response.status_code == 302
        job = ExportJob.objects.get()
        assert response["Location"] == f"/reports/exports/{job.pk}/"
        assert job.rows_total == EXTRA + 6
        assert wait_for(lambda: ExportJob.objects.filter(pk=job.pk, status__in=["done", "failed"]).exists())
    job.refresh_from_db()
    assert job.status == "done", job.error
    # Progress moved in steps of 100 up to the whole list.
    assert seen[:3] == [100, 200, 300] and seen[-1] == EXTRA + 6 and seen == sorted(seen)
    assert job.rows_done == EXTRA + 6 and job.percent == 100

    poll = client.get(f"/reports/exports/{job.pk}/", HTTP_HX_REQUEST="true")
    assert "hx-trigger" not in poll.content.decode() and "Download" in poll.content.decode()
    download = client.get(f"/reports/exports/{job.pk}/download/")
    assert download.status_code == 200
    path = job.file.path
    wb = load_workbook(path, read_only=True)
    rows = list(wb.active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Prison number", "Family name", "Given name")
    assert len(rows) == EXTRA + 7
    numbers = {r[0] for r in rows[1:]}
    assert not numbers & {p.prison_number for p in big_world.prisoners["B"]}
    dob = Prisoner.objects.get(pk=big_world.prisoners["A"][0].pk).date_of_birth
    first = next(r for r in rows if r[0] == big_world.prisoners["A"][0].prison_number)
    assert first[5].date() == dob  # a real date cell
