"""The case file's Movements tab and the movements on the timeline."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from casemgmt import tabs, timeline
from casemgmt.permissions import Capability
from custody import selectors
from custody.forms import MoveForm
from custody.models import Movement
from custody.services.movements import OVERRIDE_CAPABILITY

# Officers (change_prisoner) and those who read the security side of the file
# (view_security: the case manager, supervisors); programme staff hold neither.
READ = (Capability.CHANGE, Capability.VIEW_SECURITY)


def context(prisoner, user, capabilities):
    can_move = Capability.CHANGE in capabilities
    return {
        "movements": selectors.prisoner_movements(user=user, prisoner=prisoner),
        "finds": selectors.prisoner_finds(user=user, prisoner=prisoner),
        "incidents": selectors.prisoner_incidents(user=user, prisoner=prisoner),
        "can_move": can_move,
        "can_override": OVERRIDE_CAPABILITY in capabilities,
        "move_form": MoveForm(prisoner=prisoner) if can_move else None,
    }


def _timeline(prisoner, user, capabilities, before, limit):
    if not set(READ) & capabilities:
        return []
    qs = Movement.objects.filter(prisoner=prisoner).select_related("to_facility", "to_unit", "to_cell")
    if before:
        qs = qs.filter(occurred_at__lt=before)
    url = reverse("prisoner-tab", args=[prisoner.pk, "movements"])
    entries = []
    for m in qs.order_by("-occurred_at")[:limit]:
        where = m.external_place or " · ".join(
            str(x)
            for x in (
                m.to_facility and m.to_facility.name,
                m.to_unit and m.to_unit.code,
                m.to_cell and m.to_cell.number,
            )
            if x
        )
        entries.append(
            timeline.Entry(
                m.occurred_at, "movement", f"{m.get_kind_display()}: {where}", m.reason_text[:200], url
            )
        )
    return entries


def register():
    tabs.register(tabs.Tab("movements", _("Movements"), READ, "custody/tab.html", context))
    timeline.register(_timeline)
