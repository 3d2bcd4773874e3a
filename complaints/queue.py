"""The complaints' source of the work queue (``casemgmt.queue``): open complaints the
reader handles (a facility's supervisors, or the authority one was routed to)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from casemgmt import queue
from casemgmt.choices import Role
from complaints.choices import OPEN_STATUSES
from complaints.models import Complaint


def _open(user, now):
    return Complaint.objects.restrict(user, "handle").filter(status__in=OPEN_STATUSES)


def register() -> None:
    queue.register(
        queue.Source(
            key="complaint",
            label=_("Complaints awaiting a decision"),
            roles=frozenset({Role.SUPERVISOR, Role.CENTRAL_ADMIN, Role.INSPECTOR}),
            queryset=_open,
            since="received_at",
            link=lambda c: reverse("complaints:detail", args=[c.pk]),
            describe=lambda c: f"{c.get_kind_display()} · {c.get_status_display()}",
        )
    )
