"""/api/v1/audit/: the change log and the read log, read-only, for auditors only."""

from __future__ import annotations

from rest_framework import permissions
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination

from auditlog import selectors
from auditlog.access import is_auditor
from auditlog.api.serializers import AuditEventSerializer, ReadEventSerializer
from auditlog.filters import AuditEventFilter, ReadEventFilter
from core.api.base import RestrictedReadOnlyViewSet
from core.models import AuditEvent, ReadEvent
from core.views.base import NO_FILE


class IsAuditor(permissions.BasePermission):
    def has_permission(self, request, view):
        if not is_auditor(request.user):
            raise NotFound  # as for a route that does not exist
        return True


class NewestFirst(CursorPagination):
    """Keyset pages of 50, newest first: no COUNT over the whole log."""

    page_size = 50
    ordering = "-id"


class LogViewSet(RestrictedReadOnlyViewSet):
    """Declared ``NO_FILE``: no grant on a file opens the logs, the auditor role does
    (``IsAuditor``, 404 for others). The rows name prisoners: every response notes the
    files of the rows it returns."""

    capability = NO_FILE
    permission_classes = [permissions.IsAuthenticated, IsAuditor]
    pagination_class = NewestFirst
    model = None

    def get_queryset(self):
        # Not ``self.restrict``: the logs have no per-file restriction; the role decides.
        return self.model.objects.all()

    def paginate_queryset(self, queryset):
        rows = super().paginate_queryset(queryset)
        self.note(rows)
        return rows

    def get_object(self):
        obj = super().get_object()
        self.note([obj])
        return obj


class AuditEventViewSet(LogViewSet):
    """The change log: who changed which record, with its before and after."""

    model = AuditEvent
    queryset = AuditEvent.objects.none()  # for the schema
    serializer_class = AuditEventSerializer
    filterset_class = AuditEventFilter

    @staticmethod
    def note(rows):
        selectors.note_events(rows)


class ReadEventViewSet(LogViewSet):
    """The read log: who read which files, from which route, with which query."""

    model = ReadEvent
    queryset = ReadEvent.objects.none()  # for the schema
    serializer_class = ReadEventSerializer
    filterset_class = ReadEventFilter

    @staticmethod
    def note(rows):
        selectors.note_reads(rows)
