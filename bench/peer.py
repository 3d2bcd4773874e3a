"""The peer a Django team would otherwise write: django-guardian's stock
``get_objects_for_user`` behind DRF's object-permission filter (issue 25).

``ObjectPermissionsFilter`` is the filter backend DRF documents for django-guardian
(``rest_framework_guardian.filters.ObjectPermissionsFilter``, the package
djangorestframework-guardian, not installed here: its whole body is the few lines
below). The one change to its ``shortcut_kwargs`` is ``with_superuser=False``: stock
guardian hands a superuser every object, which this system never does (default deny),
and the comparison must return the same files (``tests/bench/test_peer.py``).

``PeerPrisonerViewSet`` is the prisoner list of ``/api/v1/prisoners/`` with that
filter in place of our restriction: the same serializer (so the same read audit), the
same pagination and ordering. It is routed only in the bench's URLconf (``bench.urls``),
never in the product's.
"""

from __future__ import annotations

from guardian.shortcuts import get_objects_for_user
from rest_framework import viewsets
from rest_framework.filters import BaseFilterBackend
from rest_framework.permissions import IsAuthenticated

from casemgmt.api.serializers import PrisonerListSerializer
from casemgmt.models import Prisoner
from core.api.pagination import StandardPagination

ACCESS = "bench only: the stock guardian peer the benchmark compares the list with (bench.urls)"


class ObjectPermissionsFilter(BaseFilterBackend):
    """DRF's documented django-guardian filter: the objects the user holds the model's
    ``view`` permission on."""

    perm_format = "%(app_label)s.view_%(model_name)s"
    shortcut_kwargs = {"accept_global_perms": False, "with_superuser": False}

    def filter_queryset(self, request, queryset, view):
        user = request.user
        permission = self.perm_format % {
            "app_label": queryset.model._meta.app_label,
            "model_name": queryset.model._meta.model_name,
        }
        return get_objects_for_user(user, permission, queryset, **self.shortcut_kwargs)


def peer_queryset(user, queryset=None):
    """What the peer's filter returns for ``user`` (the test compares it with ``restrict``)."""
    queryset = Prisoner.objects.all() if queryset is None else queryset
    return ObjectPermissionsFilter().filter_queryset(_Request(user), queryset, None)


class _Request:
    def __init__(self, user):
        self.user = user


class PeerPrisonerViewSet(viewsets.ReadOnlyModelViewSet):
    access_exempt = ACCESS
    queryset = Prisoner.objects.select_related("facility", "unit", "cell").order_by(*Prisoner._meta.ordering)
    serializer_class = PrisonerListSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = [ObjectPermissionsFilter]
    pagination_class = StandardPagination
