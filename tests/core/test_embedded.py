"""``python -m config.embedded -- CMD``: what the command it starts inherits.

``make test`` is ``config.embedded -- pytest``. Importing ``config`` sets
``DJANGO_SETTINGS_MODULE`` to the product's settings (the Celery app's default); the command
must not inherit that default, or pytest reads it before pyproject.toml's
``config.test_settings`` — which is how the suite once ran on the product's settings in CI.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOW = [sys.executable, "-c", "import os; print(os.environ.get('DJANGO_SETTINGS_MODULE', '-'))"]


def _settings_seen(**env: str) -> str:
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    # a database named, so the embedded server is never started for this
    base["DATABASE_URL"] = "postgres://nobody@127.0.0.1:1/none"
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "config.embedded", "--", *SHOW],
        env={**base, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


def test_the_command_picks_its_own_settings():
    assert _settings_seen() == "-"


def test_a_settings_module_named_by_the_caller_is_passed_on():
    assert _settings_seen(DJANGO_SETTINGS_MODULE="bench.settings") == "bench.settings"
