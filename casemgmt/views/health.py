from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # any failure is a reason to report
        return f"database unreachable: {exc.__class__.__name__}"
    return None


def _broker() -> str | None:
    from config.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return f"broker unreachable: {exc.__class__.__name__}"
    return None


@never_cache
@require_GET
def healthz(request):
    """200 when the database and the broker answer, 503 with the reasons otherwise."""
    problems = [p for p in (_database(), _broker()) if p]
    body = {
        "status": "ok" if not problems else "unavailable",
        "problems": problems,
        "broker": "redis" if settings.REDIS_URL else "filesystem",
    }
    return JsonResponse(body, status=503 if problems else 200)
