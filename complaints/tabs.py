"""The case file's Requests & complaints tab."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casemgmt import tabs, timeline
from casemgmt.permissions import Capability
from complaints import selectors
from complaints.forms import ComplaintForm
from core.prepared import User


def complaints_context(prisoner, user, capabilities):
    return {
        "complaints": selectors.of_file(user=user, prisoner=prisoner),
        "can_record": Capability.CHANGE in capabilities,
        "complaint_form": ComplaintForm(facility=prisoner.facility),
        "today": timezone.localdate(),
    }


# the restriction reads the user's roles (the authorities a complaint is routed to)
_complaints = timeline.query(
    lambda prisoner, before, limit, user: (
        selectors.visible(user=user)
        .filter(prisoner=prisoner, received_at__lt=before)
        .order_by("-received_at")[:limit]
    ),
    user=User("roles"),
)


def _timeline(prisoner, user, capabilities, before, limit):
    """Complaints on the Timeline tab: a confidential one the reader may not open shows
    only that it was made."""
    if not ({Capability.CHANGE, Capability.VIEW_COMPLAINTS} & capabilities):
        return []
    entries = []
    for c in _complaints.all(prisoner=prisoner.pk, before=before, limit=limit, user=user):
        if c.readable:
            title = f"{c.get_kind_display()}: {c.get_category_display()}"
            entries.append(
                timeline.Entry(
                    c.received_at,
                    "complaint",
                    title,
                    c.summary[:200],
                    reverse("complaints:detail", args=[c.pk]),
                )
            )
        else:
            entries.append(timeline.Entry(c.received_at, "complaint", str(CONFIDENTIAL_TITLE)))
    return entries


CONFIDENTIAL_TITLE = _("Confidential request or complaint")


def register():
    timeline.register(_timeline)
    tabs.register(
        tabs.Tab(
            "complaints",
            _("Requests & complaints"),
            (Capability.CHANGE, Capability.VIEW_COMPLAINTS),
            "complaints/tab.html",
            complaints_context,
        )
    )
