from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from casemgmt import alerts, home, queue, selectors
from casemgmt.choices import CustodyStatus, Role
from casemgmt.models import Prisoner
from core import reads
from core.prepared import Prepared, User
from core.views.base import NO_FILE, StaffView


def _units_with_held(user):
    """The user's units, each with the people held in it: one count a unit from the (unit,
    custody status) index alone; a join of every prisoner of the facility read each one's
    row (issue 25: 6-10 ms of 5,000 files)."""
    held = (
        Prisoner.objects.filter(unit=OuterRef("pk"), custody_status=CustodyStatus.IN_CUSTODY)
        .order_by()
        .values("unit")
        .annotate(n=Count("*"))
        .values("n")
    )
    return (
        selectors.units_for(user)
        .annotate(held=Coalesce(Subquery(held), 0))
        .order_by("facility__name", "code")
    )


# every officer's first page: its queries compiled once a process (core.prepared)
_facilities = Prepared(lambda user: selectors.facilities_for(user), user=User())
_units_held = Prepared(_units_with_held, user=User())


class HomeView(StaffView, TemplateView):
    """One page, with the sections each role needs first thing in the morning. The files
    it lists (caseload, participants, alerts) are noted for the read audit."""

    capability = "view"

    template_name = "casemgmt/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        roles = user.roles
        context["roles"] = roles
        context["role_labels"] = [Role(r).label for r in Role.values if r in roles]
        context["facilities"] = _facilities.all(user=user)
        if roles & {Role.OFFICER, Role.SUPERVISOR}:
            context["units"] = _units_held.all(user=user)
        # each role's work first: the sections the apps registered (casemgmt.home), and the
        # work queue's counts for whoever has one
        context["sections"] = home.render_context(user)
        if queue.has_queue(user):
            counts = queue.counts(user, self.request)
            labels = queue.labels()
            context["queue_summary"] = [(key, labels[key], n) for key, n in counts.items() if n]
            context["queue_total"] = sum(counts.values())
        if Role.SUPERVISOR in roles:
            context["alerts"] = list(alerts.alerts_for(user)[:20])
            reads.note(record="casemgmt.alert", ids=[a.pk for a in context["alerts"]])
        if Role.CASE_MANAGER in roles:
            context["caseload"] = self.note_rows(
                selectors.granted_personally(user=user, capability="manage_caseplan")
            )
        if Role.PROGRAMME_STAFF in roles:
            context["participants"] = self.note_rows(
                selectors.granted_personally(user=user, capability="view_programme")
            )
        return context


class AlertAcknowledgeView(StaffView):
    capability = NO_FILE  # the alert is resolved through alerts_for, the reader's own

    def post(self, request, pk):
        alert = get_object_or_404(alerts.alerts_for(request.user), pk=pk)
        alerts.alert_acknowledge(actor=request.user, alert=alert)
        messages.success(request, _("Alert acknowledged."))
        return HttpResponseRedirect(reverse("home"))
