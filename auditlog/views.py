"""The audit viewer's pages: the change log and the read log, for auditors only."""

from __future__ import annotations

from django.http import Http404
from django.views.generic import TemplateView

from auditlog import selectors
from auditlog.access import is_auditor
from auditlog.filters import AuditEventFilter, ReadEventFilter
from core.models import AuditEvent, ReadEvent
from core.views.base import NO_FILE, StaffView


class AuditorView(StaffView, TemplateView):
    """A page of the audit trail. Declared ``NO_FILE`` because no grant on a file opens
    it: the auditor role does (404 for everyone else, as for a page that does not
    exist). The rows do name prisoners, so each page notes the files it shows."""

    capability = NO_FILE
    filterset_class = None
    model = None

    def resolve(self) -> None:
        if not is_auditor(self.request.user):
            raise Http404

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        f = self.filterset_class(self.request.GET or None, queryset=self.model.objects.all())
        queryset = f.qs if not f.is_bound or f.is_valid() else self.model.objects.none()
        rows, older = selectors.page(queryset, self.request.GET.get("before"))
        self.note(rows)
        query = self.request.GET.copy()
        query.pop("before", None)
        context.update(filter=f, rows=rows, older=older, querystring=query.urlencode())
        return context


class EventListView(AuditorView):
    """The change log: who changed what, with the record's before and after."""

    template_name = "auditlog/events.html"
    filterset_class = AuditEventFilter
    model = AuditEvent

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for e in context["rows"]:
            e.before_json, e.after_json = selectors.pretty(e.before), selectors.pretty(e.after)
        return context

    @staticmethod
    def note(rows):
        selectors.note_events(rows)


class ReadListView(AuditorView):
    """The read log: who read which files, from which page, with which query."""

    template_name = "auditlog/reads.html"
    filterset_class = ReadEventFilter
    model = ReadEvent

    @staticmethod
    def note(rows):
        selectors.note_reads(rows)
