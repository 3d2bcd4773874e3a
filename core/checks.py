"""The access declaration check: every routed view declares the access it needs.

Run by ``manage.py check`` (so by ``runserver``, ``migrate`` and the suite's
``test_access_declared``): an API viewset that is not a restricting one, or an action of
it without a declared capability, or an HTML view that does not derive from
``StaffView`` with a capability, is an error — the server does not start with it.
A view that serves no staff page (sign-in, health, language switch, the API schema)
says so with ``access_exempt = "why"``; function views are listed in ``EXEMPT``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from django.apps import AppConfig
from django.core import checks
from django.urls import URLPattern, URLResolver, get_resolver

from core.api.base import RestrictedViewSetMixin
from core.views.base import StaffView

#: function views outside the declaration, each with its reason
EXEMPT = {
    "core.views.health.healthz": "health probe: no session, no data",
    "django.views.i18n.set_language": "language switch: no data",
    "accounts.views.lockout": "the sign-in lockout page: no data",
}
#: view classes of libraries outside the declaration, each with its reason
EXEMPT_CLASSES = {
    "rest_framework.routers.APIRootView": "the API's index of routes: no data",
    "drf_spectacular.views.SpectacularAPIView": "the OpenAPI schema: no data",
    "config.urls.SwaggerView": "the API documentation page: no data",
    "django.contrib.auth.views.LoginView": "sign-in: no data",
    "django.contrib.auth.views.LogoutView": "sign-out: no data",
}


def routed_views(
    patterns: Sequence[URLPattern | URLResolver] | None = None, prefix: str = "", namespace: str | None = None
) -> Iterator[tuple[str | None, str, Callable[..., Any]]]:
    """(route name, URL, callback) of every routed view but the admin site's."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            if ns == "admin":
                continue
            yield from routed_views(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield name, prefix + str(p.pattern), p.callback


def undeclared() -> list[str]:
    """One line per routed view or action whose access is not declared."""
    problems: list[str] = []
    seen: set[object] = set()
    for name, url, callback in routed_views():
        cls = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
        target = cls or callback
        if target in seen:
            continue
        seen.add(target)
        label = (
            f"{name or url} ({getattr(target, '__module__', '')}.{getattr(target, '__qualname__', target)})"
        )
        if getattr(target, "access_exempt", ""):
            continue
        if cls is not None and f"{cls.__module__}.{cls.__qualname__}" in EXEMPT_CLASSES:
            continue
        if cls is None:
            if f"{callback.__module__}.{callback.__qualname__}" not in EXEMPT:
                problems.append(f"{label}: a function view outside the declaration")
            continue
        if hasattr(callback, "actions") or hasattr(cls, "get_extra_actions"):
            if not issubclass(cls, RestrictedViewSetMixin):
                problems.append(f"{label}: an API view that does not derive from RestrictedViewSetMixin")
                continue
            problems += [f"{label}: no capability declared for {a}" for a in cls.undeclared_actions()]
            continue
        if not issubclass(cls, StaffView):
            problems.append(f"{label}: an HTML view that does not derive from StaffView")
        elif not cls.capability:
            problems.append(f"{label}: declares no capability")
    return problems


@checks.register(checks.Tags.security)
def access_declared(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    return [
        checks.Error(
            problem,
            hint="declare the capability (see core/views/base.py, core/api/base.py)",
            id="casemgmt.E001",
        )
        for problem in undeclared()
    ]
