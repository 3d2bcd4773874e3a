"""Security middleware: content security policy with nonces, session timeouts, the
two-factor requirement on every page and API call, a forced password change, and the
security log of refused requests."""

from __future__ import annotations

import secrets
import time
from functools import cache, cached_property
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django_otp import middleware as otp_middleware
from django_otp.models import Device

from accounts import mfa
from accounts.sessions import MUST_CHANGE, SEEN, STARTED, TOUCH_EVERY
from core import audit
from core.choices import AuditAction
from core.prepared import Prepared

API_PREFIX = "/api/"


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def _go(request, url: str):
    """Send the browser to ``url``: an htmx request gets HX-Redirect, a page a 302."""
    if getattr(request, "htmx", False):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


class ContentSecurityPolicyMiddleware:
    """A strict CSP: scripts only from this origin or with the request's nonce (no
    unsafe-inline, no eval), no framing, no plugins. ``request.csp_nonce`` is made on
    first use; templates read it as ``csp_nonce``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = SimpleLazyObject(lambda: secrets.token_urlsafe(18))
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy(request)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        return response

    @staticmethod
    def policy(request) -> str:
        nonce = str(request.csp_nonce)
        # The API's Swagger UI sets style attributes; only there are inline styles allowed.
        style = "'self' 'unsafe-inline'" if request.path.startswith("/api/docs/") else "'self'"
        return "; ".join(
            [
                "default-src 'self'",
                f"script-src 'self' 'nonce-{nonce}'",
                f"style-src {style}",
                "img-src 'self' data:",
                "font-src 'self'",
                "connect-src 'self'",
                "object-src 'none'",
                "base-uri 'none'",
                "form-action 'self'",
                "frame-ancestors 'none'",
            ]
        )


@cache
def _device_by_id(model: type[Device]) -> Prepared:
    return Prepared(lambda pk: model._default_manager.filter(pk=pk), pk=int)


class OTPMiddleware(otp_middleware.OTPMiddleware):
    """django-otp's: ``request.user.otp_device`` is the device the session was verified with.
    The device is read by a statement compiled once a process (``core.prepared``) instead of
    django-otp's ``Device.from_persistent_id``, which builds and compiles it on every request
    (~1.5 million instructions of Python, ``bench.instructions device``). The same device, the
    same checks after it (``_finalize_device``: its user and its confirmation)."""

    def _device_from_persistent_id(self, persistent_id: str) -> Device | None:
        persistent_id = self._normalize_persistent_id(persistent_id)
        try:
            label, device_id = persistent_id.rsplit("/", 1)
            app_label, model_name = label.split(".")
            model = apps.get_model(app_label, model_name)
            pk = int(device_id)
        except (ValueError, LookupError):
            return None
        if not issubclass(model, Device):
            return None
        device: Device | None = _device_by_id(model).first(pk=pk)
        return device


class _ExemptMixin:
    @cached_property
    def exempt(self) -> tuple[str, ...]:
        return (
            settings.STATIC_URL,
            "/i18n/",
            reverse("healthz"),
            reverse("login"),
            reverse("logout"),
            reverse("accounts:mfa-enrol"),
            reverse("accounts:mfa-verify"),
            reverse("accounts:keepalive"),
        )

    def is_exempt(self, request) -> bool:
        return request.path.startswith(self.exempt)


class SessionTimeoutMiddleware:
    """Ends a session idle for ``SESSION_IDLE_TIMEOUT`` seconds or older than
    ``SESSION_ABSOLUTE_TIMEOUT`` seconds; the request then goes on anonymously (a page
    redirects to sign-in, the API answers 401/403)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            session = request.session
            started = session.get(STARTED)
            seen = session.get(SEEN)
            if started is None or seen is None:  # a session from before this check existed
                session[STARTED] = started = now
                session[SEEN] = seen = now
            reason = None
            if now - started > settings.SESSION_ABSOLUTE_TIMEOUT:
                reason = "absolute"
            elif now - seen > settings.SESSION_IDLE_TIMEOUT:
                reason = "idle"
            if reason:
                audit.record(user, AuditAction.SESSION_EXPIRED, user, after={"reason": reason})
                logout(request)
                messages.info(
                    request,
                    _("You were signed out after a period of inactivity.")
                    if reason == "idle"
                    else _("Your session reached its maximum length. Please sign in again."),
                )
            elif now - seen >= TOUCH_EVERY:
                session[SEEN] = now
        return self.get_response(request)


class MFARequiredMiddleware(_ExemptMixin):
    """A user whose role requires two-factor authentication reaches nothing but sign-in,
    enrolment and verification until this session has passed a second factor: pages
    redirect, API calls answer 403."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not self.is_exempt(request)
            and mfa.required(user)
            and not mfa.verified(user)
        ):
            if _is_api(request):
                return JsonResponse(
                    {"detail": _("Two-factor verification is required. Sign in and enter your code first.")},
                    status=403,
                )
            target = "accounts:mfa-verify" if mfa.has_device(user) else "accounts:mfa-enrol"
            return _go(request, f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class PasswordChangeRequiredMiddleware(_ExemptMixin):
    """After an administrator forced a password change, the user chooses a new password
    before anything else (the flag is read into the session at sign-in)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if (
            session is not None
            and session.get(MUST_CHANGE)
            and request.user.is_authenticated
            and not self.is_exempt(request)
            and request.path != reverse("accounts:password-change")
        ):
            if _is_api(request):
                return JsonResponse({"detail": _("You must choose a new password first.")}, status=403)
            return _go(request, reverse("accounts:password-change"))
        return self.get_response(request)


class SecurityLogMiddleware:
    """Refused requests of signed-in users go to the security log: 403, and 404 (a record
    the user may not see answers 404, exactly like a missing one). Only the method and
    path are kept, never the body or query string."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Only routes that exist: a 404 for /favicon.ico or a typo is no refused access.
        if response.status_code in (403, 404) and getattr(request, "resolver_match", None) is not None:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                audit.record(
                    user,
                    AuditAction.ACCESS_DENIED,
                    None,
                    object_type="request",
                    object_repr=f"{request.method} {request.path}"[:300],
                    after={"status": response.status_code},
                )
        return response
