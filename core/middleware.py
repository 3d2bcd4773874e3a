from __future__ import annotations

import errno
import ipaddress
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from core import context

GetResponse = Callable[[HttpRequest], HttpResponseBase]


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or from X-Forwarded-For behind trusted proxies."""
    hops = settings.TRUSTED_PROXY_COUNT
    if hops:
        forwarded = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",") if a.strip()]
        if len(forwarded) >= hops:
            candidate = forwarded[-hops]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                return None
    return request.META.get("REMOTE_ADDR")


class RequestIdMiddleware:
    """Gives every request an id (or keeps a proxy's X-Request-ID) for the audit trail."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming[:64] if incoming.isprintable() and incoming else uuid.uuid4().hex
        # an attribute Django's request does not declare (the audit reads the context instead)
        request.request_id = request_id  # type: ignore[attr-defined]
        token = context.activate(context.RequestContext(request_id=request_id, ip_address=client_ip(request)))
        try:
            response = self.get_response(request)
        finally:
            context.deactivate(token)
        response["X-Request-ID"] = request_id
        return response


class NoStoreMiddleware:
    """Pages of a signed-in user carry personal data: browsers and proxies must not keep them."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith("/static/"):
            add_never_cache_headers(response)
        return response


class StorageFullMiddleware:
    """A file that could not be stored for want of space (ENOSPC, ``core.storage``)
    is answered plainly: 507 with a translated message (JSON on the API), never a 500.
    The service's transaction rolled back and the storage left no file behind."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not (isinstance(exception, OSError) and exception.errno == errno.ENOSPC):
            return None
        message = _(
            "The file could not be saved: the server has no storage space left. Nothing was "
            "saved. Try again later, and tell the administrator."
        )
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=507)
        return render(request, "storage_full.html", {"message": message}, status=507)
