"""The case file's Requests & complaints tab."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casemgmt import tabs
from casemgmt.permissions import Capability
from complaints import selectors
from complaints.forms import ComplaintForm


def complaints_context(prisoner, user, capabilities):
    return {
        "complaints": selectors.of_file(user=user, prisoner=prisoner),
        "can_record": Capability.CHANGE in capabilities,
        "complaint_form": ComplaintForm(facility=prisoner.facility),
        "today": timezone.localdate(),
    }


def register():
    tabs.register(
        tabs.Tab(
            "complaints",
            _("Requests & complaints"),
            (Capability.CHANGE, Capability.VIEW_COMPLAINTS),
            "complaints/tab.html",
            complaints_context,
        )
    )
