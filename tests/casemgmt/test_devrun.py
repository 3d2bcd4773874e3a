"""``make run``: beat starts on a fresh clone with Redis, and a process that dies stops
everything, loudly."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from config import devrun

BASE = Path(__file__).resolve().parents[2]


def test_beat_starts_with_redis_on_a_fresh_clone(tmp_path):
    broker_dir = tmp_path / "fresh" / ".broker"  # not there yet, as on a fresh clone
    env = {
        **os.environ,
        "DJANGO_ENV": "development",
        "REDIS_URL": "redis://127.0.0.1:1/0",  # beat opens its schedule before it connects
        "BROKER_DIR": str(broker_dir),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    beat = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel", "WARNING"],
        cwd=BASE,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        end = time.monotonic() + 30
        while (
            time.monotonic() < end
            and beat.poll() is None
            and not list(broker_dir.glob("celerybeat-schedule*"))
        ):
            time.sleep(0.2)
        assert beat.poll() is None, beat.communicate()[0][-2000:]
        assert list(broker_dir.glob("celerybeat-schedule*"))
    finally:
        beat.terminate()
        beat.wait(15)


def test_a_process_that_dies_stops_make_run_loudly(capsys):
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])  # noqa: S603
    dead = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])  # noqa: S603
    try:
        assert devrun._watch({"worker": alive, "beat": dead}) == 3
    finally:
        alive.kill()
        alive.wait()
    assert "the beat stopped (exit code 3)" in capsys.readouterr().err
