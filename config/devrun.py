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
    children: list[subprocess.Popen] = []
    try:
        _manage("migrate", "--no-input", env=env)
        _manage("seed_demo", env=env)
        children.append(
            subprocess.Popen(  # noqa: S603
                [PY, "manage.py", "runserver", f"{host}:{port}"], cwd=BASE_DIR, env=env
            )
        )
        children.append(
            subprocess.Popen(  # noqa: S603
                [
                    PY,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "worker",
                    "-B",
                    "-Q",
                    "default,reminders,exports",
                    "--loglevel",
                    "INFO",
                    "--concurrency",
                    "2",
                ],
                cwd=BASE_DIR,
                env=env,
            )
        )

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
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        for child in children:
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
        if started_db:
            from config import embedded

            embedded.stop()
            print("Embedded PostgreSQL stopped.")


def _has_msgfmt() -> bool:
    from shutil import which

    return which("msgfmt") is not None


if __name__ == "__main__":
    sys.exit(main())
