"""``/healthz``: the truth about what the system needs, cheaply (one query, one broker
ping, two tiny file writes): a calibration page for the benchmarks as well.

503 when the database, the broker, the file storage or the filesystem broker's folder
fails; 200 with ``status: "degraded"`` and a warning when beat's reminder sweep is
later than its interval (the web still serves; the reminders wait)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.celery import app

#: Figures other apps add to the one query: name -> (scalar SQL, interpret(value) ->
#: (field, warning or None)). The notifications app registers the sweep's age.
Interpret = Callable[[Any], tuple[Any, str | None]]
PROBES: dict[str, tuple[str, Interpret]] = {}


def register(name: str, sql: str, interpret: Interpret) -> None:
    PROBES[name] = (sql, interpret)


def _database() -> tuple[str | None, list[Any]]:
    sql = "SELECT 1" + "".join(f", ({probe})" for probe, _i in PROBES.values())
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            row = cursor.fetchone()
    except Exception as exc:  # any failure is a reason to report
        return f"database unreachable: {exc.__class__.__name__}", []
    return None, list(row[1:]) if row else []  # a SELECT without FROM always answers a row


def _broker() -> str | None:
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return f"broker unreachable: {exc.__class__.__name__}"
    return None


def _writable(folder: Path) -> dict[str, Any]:
    """Write and remove one byte in the folder (a full disk fails the write)."""
    field: dict[str, Any] = {"writable": True}
    try:
        folder.mkdir(parents=True, exist_ok=True)  # as the first upload would (a fresh clone)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".healthz-") as probe:
            probe.write(b"1")
            probe.flush()  # no fsync: a full disk refuses the write itself, and this stays cheap
        field["free_bytes"] = shutil.disk_usage(folder).free
    except OSError as exc:
        field.update(writable=False, error=exc.__class__.__name__)
    return field


def _storage_folder() -> Path:
    # STORAGES["default"] is core.storage's FileSystemStorage (a probe of its folder)
    return Path(cast(FileSystemStorage, storages["default"]).location)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when everything answers, 503 with the reasons otherwise; a field each."""
    db_problem, values = _database()
    problems = [p for p in (db_problem, _broker()) if p]
    warnings: list[str] = []
    body: dict[str, Any] = {"broker": "redis" if settings.REDIS_URL else "filesystem"}
    body["storage"] = _writable(_storage_folder())
    if not body["storage"]["writable"]:
        problems.append("storage not writable")
    if not settings.REDIS_URL:
        folder = settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_out"]
        body["broker_folder"] = _writable(Path(folder))
        if not body["broker_folder"]["writable"]:
            problems.append("broker folder not writable")
    for (name, (_sql, interpret)), value in zip(PROBES.items(), values, strict=False):
        body[name], warning = interpret(value)
        if warning:
            warnings.append(warning)
    body.update(
        status="unavailable" if problems else "degraded" if warnings else "ok",
        problems=problems,
        warnings=warnings,
    )
    return JsonResponse(body, status=503 if problems else 200)
