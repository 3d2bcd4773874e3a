"""The case file's Family & visits tab, and visits on the timeline."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from casemgmt import tabs, timeline
from casemgmt.permissions import Capability
from core import reads
from core.prepared import User
from custody.selectors import ROLL_FIGURES
from family import selectors, services


def family_context(prisoner, user, capabilities):
    context = selectors.family_of(user=user, prisoner=prisoner, capabilities=capabilities)

    reads.note_instances(
        [*context["contacts"], *context["restrictions"], *context["visits"], *context["children"]]
    )
    context.update(
        {
            "can_change": Capability.CHANGE in capabilities,
            "can_family": Capability.VIEW_FAMILY in capabilities,
            "foreign": services.is_foreign(prisoner),
        }
    )
    return context


_visits = timeline.query(
    lambda prisoner, before, limit, user: (
        selectors.visits(user=user)
        .prefetch_related(None)  # the timeline shows the session, not the visitors
        .filter(prisoner=prisoner, session__starts_at__lt=before)
        .order_by("-session__starts_at")[:limit]
    ),
    user=User(),
)


def _timeline(prisoner, user, capabilities, before, limit):
    if not ({Capability.CHANGE, Capability.VIEW_FAMILY} & capabilities):
        return []
    return [
        timeline.Entry(
            v.session.starts_at,
            "visit",
            f"{_('Visit')}: {v.session.get_kind_display()} · {v.get_status_display()}",
            v.session.room,
        )
        for v in _visits.all(prisoner=prisoner.pk, before=before, limit=limit, user=user)
    ]


def _roll_figure(facility):
    """The children living in the facility with their mothers, counted on the roll."""
    return (_("Children living here with their mothers"), services.children_in_prison([facility.pk]).count())


def register():
    if _roll_figure not in ROLL_FIGURES:
        ROLL_FIGURES.append(_roll_figure)

    timeline.register(_timeline)
    tabs.register(
        tabs.Tab(
            "family",
            _("Family & visits"),
            (Capability.CHANGE, Capability.VIEW_FAMILY),
            "family/tab.html",
            family_context,
        )
    )
