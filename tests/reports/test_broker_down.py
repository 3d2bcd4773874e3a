"""An export asked for while the broker is down is accepted (no 500), and runs once
when the broker is back (the outbox, core.outbox), through a real worker."""

from __future__ import annotations

import pytest
from celery.contrib.testing.worker import start_worker

from config.celery import app
from core import outbox
from core.models import OutboxMessage
from demodata import builder as demo_data
from reports import services, tasks
from reports.models import ExportJob
from tests.brokers import broker_down, wait_for
from tests.conftest import PASSWORD


@pytest.fixture
def small_world(transactional_db, private_storage):
    return demo_data.build(prisoners=12, password=PASSWORD)


def test_an_export_asked_while_the_broker_is_down_runs_once_when_it_is_back(small_world, client, monkeypatch):
    runs: list[str] = []
    original = services.write_xlsx

    def counted(*args, **kwargs):
        runs.append("x")
        return original(*args, **kwargs)

    monkeypatch.setattr(services, "write_xlsx", counted)
    client.force_login(small_world.users["supervisor.a"])
    with broker_down():
        response = client.post(
            "/reports/export/prisoners/", {"format": "xlsx", "reason": "Population census for the ministry"}
        )
        assert response.status_code == 302  # not a 500
        job = ExportJob.objects.get()
        page = client.get(response["Location"])
    assert page.status_code == 200
    assert "the export will run when it is back" in page.content.decode()
    assert job.status == "queued"
    message = OutboxMessage.objects.get(task="reports.tasks.export_run")
    assert message.kwargs == {"job_id": str(job.pk)} and message.sent_at is None

    with start_worker(app, pool="solo", perform_ping_check=False, queues=["exports"], shutdown_timeout=30):
        # The broker is back: beat's dispatcher sends it, and a duplicate of the message too.
        assert outbox.dispatch() == 1
        app.send_task("reports.tasks.export_run", kwargs=message.kwargs, task_id=str(message.pk))
        assert wait_for(lambda: ExportJob.objects.filter(pk=job.pk, status="done").exists())
        assert wait_for(lambda: OutboxMessage.objects.filter(pk=message.pk, done_at__isnull=False).exists())
    job.refresh_from_db()
    assert job.status == "done" and job.file and runs == ["x"]
    assert "will run when it is back" not in client.get(f"/reports/exports/{job.pk}/").content.decode()


def test_a_second_delivery_while_the_export_runs_does_nothing(small_world, private_storage):
    from django.http import QueryDict

    sup = small_world.users["supervisor.a"]
    job = services.export_job_create(
        actor=sup,
        export="prisoners",
        fmt="xlsx",
        params=QueryDict(),
        reason="Census for the ministry",
        language="en",
    )
    ExportJob.objects.filter(pk=job.pk).update(status="running", started_at=job.created_at)
    assert services.export_job_run(job_id=job.pk).status == "running"  # another worker's, within its lease
    # ... and its outbox message stays pending, in case that worker is lost
    assert tasks.export_run(str(job.pk)) == outbox.LATER
    ExportJob.objects.filter(pk=job.pk).update(started_at=job.created_at.replace(year=2000))
    assert services.export_job_run(job_id=job.pk).status == "done"  # its worker was lost: started over
