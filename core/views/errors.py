"""The answers of last resort, one place for every route (``config.urls`` handler400..500).

Under ``/api/`` every error is JSON (``{"detail": ...}``), never Django's English HTML page;
a database outage (``OperationalError`` / ``InterfaceError``, wherever it is raised — a view,
the session or the user loaded by a middleware) answers 503 with ``Retry-After``, as JSON on
the API and as a translated page elsewhere. The handlers render without the database: no
context processors, no user, no session.
"""

from __future__ import annotations

import sys
from typing import Any

from django import db
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

#: seconds a client should wait before trying again after a database outage
RETRY_AFTER = 30
UNAVAILABLE_ERRORS = (db.OperationalError, db.InterfaceError)


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _page(template: str, status: int, context: dict[str, Any] | None = None) -> HttpResponse:
    return HttpResponse(loader.get_template(template).render(context or {}), status=status)


def unavailable(request: HttpRequest) -> HttpResponse:
    """503: the database cannot be reached; nothing was changed, try again shortly."""
    message = _("The service is temporarily unavailable. Nothing was changed; please try again in a minute.")
    response: HttpResponse
    if is_api(request):
        response = JsonResponse({"detail": message, "code": "service_unavailable"}, status=503)
    else:
        response = _page("503.html", 503, {"message": message})
    response["Retry-After"] = str(RETRY_AFTER)
    return response


def bad_request(
    request: HttpRequest, exception: Exception | None = None, message: str | None = None
) -> HttpResponse:
    message = message or _("The request could not be understood.")
    if is_api(request):
        return JsonResponse({"detail": message, "code": "bad_request"}, status=400)
    return _page("400.html", 400, {"message": message})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": _("You do not have permission to do this.")}, status=403)

    # Django calls handler403 with the exception; its default renders str(exception), None
    # included, though the stubs require an exception
    return defaults.permission_denied(request, exception)  # type: ignore[arg-type]


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": _("Not found."), "code": "not_found"}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """500, or 503 when the uncaught exception (still being handled: ``sys.exc_info``)
    is the database being unreachable."""
    if isinstance(sys.exc_info()[1], UNAVAILABLE_ERRORS):
        return unavailable(request)
    if is_api(request):
        return JsonResponse(
            {"detail": _("An unexpected error occurred. It has been logged."), "code": "server_error"},
            status=500,
        )
    return _page("500.html", 500)
