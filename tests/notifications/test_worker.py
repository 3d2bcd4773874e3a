"""The sweep through a real Celery worker: exactly once, even when a worker dies."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import connection

from config.celery import app
from demodata import builder as demo_data
from notifications import services
from notifications.models import Notification, Reminder, SweepRun
from notifications.tasks import sweep_reminders
from tests.conftest import PASSWORD
from tests.notifications.test_sweep import due_in

BASE = Path(__file__).resolve().parents[2]


@pytest.fixture
def population(transactional_db):
    demo = demo_data.build(prisoners=16, password=PASSWORD)
    if hasattr(due_in, "i"):
        del due_in.i
    for p, days in zip(demo.prisoners["A"][:5], (0, -1, -9, 3, 5), strict=True):
        due_in(p, days, demo.users["supervisor.a"])
    return demo


def wait_for(predicate, timeout=60):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_a_real_worker_sends_each_reminder_once(population):
    expected = len(services.sweep(dry_run=True))
    with start_worker(
        app, pool="solo", perform_ping_check=False, queues=["reminders", "default"], shutdown_timeout=30
    ):
        sweep_reminders.delay()
        assert wait_for(lambda: SweepRun.objects.filter(finished_at__isnull=False).count() == 1)
        sweep_reminders.delay()
        assert wait_for(lambda: SweepRun.objects.filter(finished_at__isnull=False).count() == 2)
    assert Reminder.objects.count() == Notification.objects.count() == expected
    runs = list(SweepRun.objects.order_by("started_at").values_list("created", flat=True))
    assert runs == [expected, 0]


def _database_url() -> str:
    s = connection.settings_dict
    host = quote(s["HOST"], safe="") if s["HOST"].startswith("/") else s["HOST"]
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgres://{s['USER']}@{host}{port}/{s['NAME']}"


def test_a_worker_killed_mid_sweep_loses_and_duplicates_nothing(population, tmp_path):
    expected = len(services.sweep(dry_run=True))
    env = {**os.environ, "DATABASE_URL": _database_url(), "DJANGO_ENV": "test", "REMINDER_BATCH_SIZE": "1"}
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-Q",
            "reminders,default",
            "--pool",
            "solo",
            "--loglevel",
            "WARNING",
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
        ],
        cwd=BASE,
        env=env,
        start_new_session=True,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        sweep_reminders.apply_async(kwargs={"pause": 1.0})
        ran = wait_for(lambda: SweepRun.objects.filter(batches__gte=2).exists(), timeout=90)
        assert ran, "the sweep never ran: " + (tmp_path / "worker.log").read_text()[-2000:]
        os.killpg(worker.pid, signal.SIGKILL)  # mid-sweep: no clean shutdown
        worker.wait(10)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
        log.close()
    run = SweepRun.objects.get()
    assert run.finished_at is None and 0 < Reminder.objects.count() < expected
    # the killed worker's session (and its lock on the run) ends with the process
    assert wait_for(lambda: not _sweep_lock_held(), timeout=10)
    services.sweep()  # the next sweep (beat runs it hourly) finishes the job
    assert Reminder.objects.count() == Notification.objects.count() == expected
    run.refresh_from_db()  # ... and marks the killed one failed, not unfinished forever
    assert run.finished_at is not None and run.errors.startswith("interrupted")
    assert SweepRun.objects.filter(finished_at__isnull=True).count() == 0


def _sweep_lock_held() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = %s)",
            [services._SWEEP_LOCKS],
        )
        return cursor.fetchone()[0]


def test_a_running_sweep_is_not_marked_failed_by_another(population):
    from django.db import connections

    run = SweepRun.objects.create()
    other = connections.create_connection("default")  # another worker, sweeping
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", [services._SWEEP_LOCKS, run.pk])
        assert services._close_abandoned() == 0
    finally:
        other.close()  # its server process ends (and its lock goes) a moment later
    assert wait_for(lambda: services._close_abandoned() == 1, timeout=10)
    run.refresh_from_db()
    assert run.errors.startswith("interrupted")
