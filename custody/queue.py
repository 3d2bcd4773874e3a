"""The custody app's sources of the work queue (``casemgmt.queue``): incidents submitted
for review, finds without an outcome, and movements recorded against a placement conflict
in the last days (an admission is never blocked by one; a move only by a supervisor's
override), for the facility's supervisors."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from casemgmt import queue
from casemgmt.choices import Role
from casemgmt.models import Facility
from custody.models import Find, Incident, Movement
from custody.querysets import RECORD
from custody.services.movements import OVERRIDE_CAPABILITY

#: how far back a movement against a conflict stays in the queue
MOVEMENT_DAYS = 7
SUPERVISORS = frozenset({Role.SUPERVISOR})


def _supervised(user):
    return Facility.objects.filter(supervisors_group__user=user.pk).values("pk")


def _incidents(user, now):
    return Incident.objects.restrict(user, RECORD).filter(
        status="submitted", facility_id__in=_supervised(user)
    )


def _finds(user, now):
    return Find.objects.restrict(user, RECORD).filter(outcome="pending", facility_id__in=_supervised(user))


def _movements(user, now):
    return (
        Movement.objects.restrict(user, OVERRIDE_CAPABILITY)
        .filter(created_at__gte=now - dt.timedelta(days=MOVEMENT_DAYS))
        .exclude(conflicts=[])
    )


def register() -> None:
    queue.register(
        queue.Source(
            key="incident",
            label=_("Incidents to review"),
            roles=SUPERVISORS,
            queryset=_incidents,
            since="submitted_at",
            link=lambda i: reverse("custody:incident", args=[i.pk]),
            describe=lambda i: f"{i.get_kind_display()} · {i.facility.name}",
            related=("facility",),
            prefetch=("people",),  # the people involved: the read audit names them
        )
    )
    queue.register(
        queue.Source(
            key="find",
            label=_("Finds awaiting an outcome"),
            roles=SUPERVISORS,
            queryset=_finds,
            since="recorded_at",
            link=lambda f: reverse("custody:find", args=[f.pk]),
            describe=lambda f: f"{f.tag_number} · {f.get_item_type_display()}",
            related=("prisoner", "facility"),
        )
    )
    queue.register(
        queue.Source(
            key="movement",
            label=_("Movements against a placement conflict (last 7 days)"),
            roles=SUPERVISORS,
            queryset=_movements,
            since="created_at",
            link=lambda m: reverse("prisoner-tab", args=[m.prisoner_id, "movements"]),
            describe=lambda m: m.get_kind_display(),
        )
    )
