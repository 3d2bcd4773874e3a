"""The base API viewset: the restriction is applied once, for every endpoint.

``initial()`` maps the HTTP method to an action (GET → view, PUT/PATCH → change,
...) and ``get_queryset()`` narrows the model's queryset with ``restrict``. Custom
actions inherit it, so a record the caller may not see is 404 everywhere.
"""

from __future__ import annotations

from rest_framework import viewsets

METHOD_ACTIONS = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}


class RestrictedViewSetMixin:
    queryset = None
    #: per-DRF-action override of the capability, e.g. {"approve": "assess_risk"}
    action_capabilities: dict[str, str] = {}

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.restrict_action = self.action_capabilities.get(
            self.action, METHOD_ACTIONS.get(request.method, "view")
        )

    def get_queryset(self):
        qs = super().get_queryset()
        action = getattr(self, "restrict_action", "view")
        return qs.restrict(self.request.user, action)


class RestrictedReadOnlyViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class RestrictedModelViewSet(RestrictedViewSetMixin, viewsets.ModelViewSet):
    pass
