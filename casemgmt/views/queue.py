"""The work queue page: everything waiting on the reader, oldest first (``casemgmt.queue``)."""

from __future__ import annotations

from django.utils import timezone
from django.views.generic import TemplateView

from casemgmt import queue
from core.views.base import NO_FILE, StaffView


def summary(user, request=None) -> list[tuple[str, object, int]]:
    """(key, label, count) of each source the user has, in one query."""
    counts = queue.counts(user, request)
    labels = queue.labels()
    return [(key, labels[key], n) for key, n in counts.items()]


class QueueView(StaffView, TemplateView):
    # Every row comes from its source's restricted queryset (the app's own ``restrict``
    # with the capability the work needs): no file is resolved from the URL.
    capability = NO_FILE
    template_name = "casemgmt/queue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        kind = self.request.GET.get("kind", "")
        context["kind"] = kind if kind in queue.labels() else ""
        rows = queue.rows(user, key=context["kind"])  # noted for the read audit
        now = timezone.now()
        for row in rows:
            row.days = (now - row.since).days
        context["rows"] = rows
        context["summary"] = summary(user, self.request)
        context["has_queue"] = queue.has_queue(user)
        return context
