"""The case file's Discipline tab and its timeline entries."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from casemgmt import tabs, timeline
from casemgmt.permissions import Capability
from core.prepared import User
from discipline.forms import ReportForm
from discipline.models import Report, Separation

READERS = (Capability.CHANGE, Capability.MANAGE_CASEPLAN)


def discipline_context(prisoner, user, capabilities):
    reports = list(Report.objects.restrict(user).filter(prisoner=prisoner).select_related("offence"))
    separations = list(Separation.objects.restrict(user).filter(prisoner=prisoner))
    return {
        "reports": reports,
        "separations": separations,
        "can_report": Capability.CHANGE in capabilities,
        "report_form": ReportForm(prisoner=prisoner),
    }


# the restriction reads the user's roles (adjudicators and health staff act by role)
_proved = timeline.query(
    lambda prisoner, before, limit, user: (
        Report.objects.restrict(user)
        .filter(prisoner=prisoner, finding="proved", heard_at__lt=before)
        .select_related("offence")
        .order_by("-heard_at")[:limit]
    ),
    user=User("roles"),
)
_separations = timeline.query(
    lambda prisoner, before, limit, user: (
        Separation.objects.restrict(user)
        .filter(prisoner=prisoner, started_at__lt=before)
        .order_by("-started_at")[:limit]
    ),
    user=User("roles"),
)


def _timeline(prisoner, user, capabilities, before, limit):
    """Proven offences and separation periods on the Timeline tab."""
    if not (set(READERS) & capabilities):
        return []
    entries = []
    values = {"prisoner": prisoner.pk, "before": before, "limit": limit, "user": user}
    for r in _proved.all(**values):
        entries.append(
            timeline.Entry(
                r.heard_at,
                "discipline",
                str(_("Disciplinary offence proved: %(offence)s") % {"offence": r.offence.name}),
                r.get_appeal_outcome_display() if r.appeal_outcome else "",
                reverse("discipline:report", args=[r.pk]),
            )
        )
    for s in _separations.all(**values):
        entries.append(
            timeline.Entry(
                s.started_at,
                "separation",
                str(_("Held apart: %(kind)s") % {"kind": s.get_kind_display()}),
                s.legal_basis,
                reverse("discipline:separation", args=[s.pk]),
            )
        )
    return entries


def register():
    timeline.register(_timeline)
    tabs.register(tabs.Tab("discipline", _("Discipline"), READERS, "discipline/tab.html", discipline_context))
