"""The case file's Legal & release tab."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from casemgmt import tabs
from casemgmt.permissions import Capability
from legal import selectors, views


def legal_context(prisoner, user, capabilities):
    ctx = selectors.legal_record(user=user, prisoner=prisoner, capabilities=capabilities)
    ctx["can_write"] = Capability.CHANGE in capabilities
    ctx["record_steps"] = [(k, v[1]) for k, v in views.RECORD_STEPS.items()]
    ctx["plan_steps"] = [
        (k, v[1]) for k, v in views.PLAN_STEPS.items() if k in ("item", "item-status", "status")
    ]
    return ctx


def register():
    tabs.register(
        tabs.Tab(
            "legal",
            _("Legal & release"),
            (Capability.CHANGE, Capability.MANAGE_CASEPLAN),
            "legal/tab.html",
            legal_context,
        )
    )
