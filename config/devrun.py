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


class _Stop:
    """Ctrl-C (SIGINT) and SIGTERM ask for a clean stop: the watch ends, the children are
    stopped in order and the command exits 0 (no "make: *** Error 1")."""

    requested = False

    @classmethod
    def handle(cls, _signum, _frame) -> None:
        cls.requested = True


def _wait_until_serving(url: str, children: dict, timeout: float = 60) -> None:
    """Return once the web server answers (so the banner comes after its start-up lines)."""
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not _Stop.requested:
        if any(child.poll() is not None for child in children.values()):
            return
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own local server)
                return
        except OSError:
            time.sleep(0.3)


def main() -> int:
    signal.signal(signal.SIGINT, _Stop.handle)
    signal.signal(signal.SIGTERM, _Stop.handle)
    try:
        return _run()
    except subprocess.CalledProcessError as exc:
        # A step interrupted by Ctrl-C is a stop, not a failure.
        return 0 if _Stop.requested else exc.returncode


def _run() -> int:
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
        # The worker's and beat's lines go to a file: the console keeps the server's and,
        # last, the banner.
        (BASE_DIR / ".run").mkdir(exist_ok=True)
        log = open(BASE_DIR / ".run" / "worker.log", "ab")  # noqa: SIM115 (open while they run)
        for name, command in commands.items():
            output = {} if name == "web server" else {"stdout": log, "stderr": subprocess.STDOUT}
            children[name] = subprocess.Popen(command, cwd=BASE_DIR, env=env, **output)  # noqa: S603
        local = "127.0.0.1" if host in ("0.0.0.0", "::") else host  # noqa: S104
        _wait_until_serving(f"http://{local}:{port}/healthz", children)

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

  Worker and beat log: .run/worker.log. Address: HOST and PORT (see .env.example).
  Ctrl-C (or SIGTERM) stops the web server, the worker, beat{" and the database" if started_db else ""}.
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
    while not _Stop.requested:
        for name, child in children.items():
            if _Stop.requested:  # Ctrl-C reached the children too: they stop, as asked
                return 0
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
    return 0


def _has_msgfmt() -> bool:
    from shutil import which

    return which("msgfmt") is not None


if __name__ == "__main__":
    sys.exit(main())
