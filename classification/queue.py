"""The classification's sources of the work queue (``casemgmt.queue``): assessments
submitted for approval and classifications awaiting a supervisor's decision."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from casemgmt import queue
from casemgmt.choices import Role
from casemgmt.permissions import Capability
from classification.models import Assessment, Classification


def _assessments(user, now):
    # nobody approves their own assessment: the assessor's own are not their work
    return (
        Assessment.objects.restrict(user, Capability.APPROVE_RISK)
        .filter(status="submitted")
        .exclude(assessor_id=user.pk)
    )


def _classifications(user, now):
    return Classification.objects.restrict(user, Capability.APPROVE_RISK).filter(status="proposed")


def register() -> None:
    queue.register(
        queue.Source(
            key="assessment",
            label=_("Assessments to approve"),
            roles=frozenset({Role.SUPERVISOR}),
            queryset=_assessments,
            since="submitted_at",
            link=lambda a: reverse("classification:assessment", args=[a.pk]),
            describe=lambda a: a.get_kind_display(),
        )
    )
    queue.register(
        queue.Source(
            key="classification",
            label=_("Classifications to decide"),
            roles=frozenset({Role.SUPERVISOR}),
            queryset=_classifications,
            since="created_at",
            link=lambda c: reverse("prisoner-tab", args=[c.prisoner_id, "risk"]),
            describe=lambda c: f"{c.get_suggested_level_display()} · {c.get_suggested_regime_display()}",
        )
    )
