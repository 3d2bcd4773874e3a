"""``make run``: one command from a bare machine to a working system.

Starts the embedded PostgreSQL when DATABASE_URL is unset, migrates, seeds the
demo data once, then runs the web server, a Celery worker and beat until
Ctrl-C, which stops everything this command started.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PY = sys.executable


def _manage(*args: str, env: dict) -> None:
    subprocess.run([PY, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)  # noqa: S603


def main() -> int:
    env = dict(os.environ)
    env.setdefault("DJANGO_ENV", "development")
    started_db = False
    if not env.get("DATABASE_URL"):
        from config import embedded

        started_db = not embedded.is_running()
        env["DATABASE_URL"] = embedded.ensure_running()
        print(f"Embedded PostgreSQL ready (data in {embedded.PGDATA}).")
    host = env.get("HOST", "127.0.0.1")
    port = env.get("PORT", "8000")
    children: dict[str, subprocess.Popen] = {}
    try:
        _manage("migrate", "--no-input", env=env)
        _manage("seed_demo", env=env)
        celery = [PY, "-m", "celery", "-A", "config"]
        commands = {
            "web server": [PY, "manage.py", "runserver", f"{host}:{port}"],
            "worker": [
                *celery,
                "worker",
                "-Q",
                "default,reminders,exports",
                "--loglevel",
                "INFO",
                "--concurrency",
                "2",
            ],
            # beat in a process of its own (not the worker's -B): if it dies, we see it
            "beat": [*celery, "beat", "--loglevel", "INFO"],
        }
        for name, command in commands.items():
            children[name] = subprocess.Popen(command, cwd=BASE_DIR, env=env)  # noqa: S603

        print(
            f"""
  Prison case management is running: http://{host}:{port}/
  API docs: http://{host}:{port}/api/docs/

  Demo accounts (password: Demo-Password-2026):
    officer.a      prison officer, facility A (СИЗО №1, Душанбе)
    officer.b      prison officer, facility B (Колонияи №3, Ваҳдат)
    casemanager.a  case manager, facility A
    programme.a    programme staff, facility A
    supervisor.a   supervisor, facility A
    admin          administrator

  Ctrl-C stops the web server, the worker, beat{" and the database" if started_db else ""}.
""",
            flush=True,
        )
        return _watch(children)
    except KeyboardInterrupt:
        return 0
    finally:
        for child in children.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        for child in children.values():
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
        if started_db:
            from config import embedded

            embedded.stop()
            print("Embedded PostgreSQL stopped.")


def _watch(children: dict[str, subprocess.Popen]) -> int:
    """Wait until one process ends; then say loudly which, and stop the others (a worker
    without beat would never send a reminder, silently)."""
    while True:
        for name, child in children.items():
            code = child.poll()
            if code is not None:
                print(
                    f"\n*** make run: the {name} stopped (exit code {code}); "
                    "stopping everything else. See its output above. ***\n",
                    file=sys.stderr,
                    flush=True,
                )
                return code or 1
        time.sleep(0.5)


def _has_msgfmt() -> bool:
    from shutil import which

    return which("msgfmt") is not None


if __name__ == "__main__":
    sys.exit(main())
