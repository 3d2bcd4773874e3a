"""The case file's Movements tab, and movements, finds and incidents on the timeline."""

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from casemgmt import tabs, timeline
from casemgmt.permissions import Capability
from core import reads
from core.prepared import User
from custody import selectors
from custody.forms import MoveForm
from custody.models import Death, Find, Incident, IncidentPerson, InjuryRecord, Movement
from custody.services.afteradmission import is_vulnerable
from custody.services.movements import OVERRIDE_CAPABILITY

# Officers (change_prisoner) and those who read the security side of the file
# (view_security: the case manager, supervisors); programme staff hold neither.
READ = (Capability.CHANGE, Capability.VIEW_SECURITY)


def context(prisoner, user, capabilities):
    can_move = Capability.CHANGE in capabilities
    movements = selectors.prisoner_movements(user=user, prisoner=prisoner)
    finds = selectors.prisoner_finds(user=user, prisoner=prisoner)
    incidents = selectors.prisoner_incidents(user=user, prisoner=prisoner)
    # The tab's rows are read with the file (a movement's conflicts may name others).
    reads.note_instances([*movements, *finds])
    reads.note(record="custody.incident", ids=[i.pk for i in incidents])
    death = Death.objects.filter(prisoner=prisoner).first()
    if death is not None:
        reads.note_instances([death])
    return {
        "movements": movements,
        "finds": finds,
        "incidents": incidents,
        "death": death,
        "injury_count": InjuryRecord.objects.filter(prisoner=prisoner).count(),
        "vulnerable": is_vulnerable(prisoner),
        "can_assess": Capability.ASSESS_RISK in capabilities,
        "can_move": can_move and death is None,
        "can_override": OVERRIDE_CAPABILITY in capabilities,
        "move_form": MoveForm(prisoner=prisoner) if can_move else None,
    }


_movements = timeline.query(
    lambda prisoner, before, limit: (
        Movement.objects.filter(prisoner=prisoner, occurred_at__lt=before)
        .select_related("to_facility", "to_unit", "to_cell")
        .order_by("-occurred_at")[:limit]
    )
)
_finds_query = timeline.query(
    lambda prisoner, before, limit, user: (
        Find.objects.filter(prisoner=prisoner, recorded_at__lt=before)
        .restrict_for_readable_file(user)
        .order_by("-recorded_at")[:limit]
    ),
    user=User(),
    optional=("user",),  # a find of a file the reader reads is readable: no term of the user's
)
_incident_links = timeline.query(
    lambda prisoner, before, limit, user: (
        IncidentPerson.objects.filter(
            prisoner=prisoner,
            incident__in=Incident.objects.filter(people__prisoner=prisoner)
            .restrict_for_readable_file(user)
            .values("pk"),
            incident__occurred_at__lt=before,
        )
        .select_related("incident")
        .order_by("-incident__occurred_at")[:limit]
    ),
    user=User(),
)


def _timeline(prisoner, user, capabilities, before, limit):
    if not set(READ) & capabilities:
        return []
    url = reverse("prisoner-tab", args=[prisoner.pk, "movements"])
    entries = []
    for m in _movements.all(prisoner=prisoner.pk, before=before, limit=limit):
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


def _finds(prisoner, user, capabilities, before, limit):
    """Items found that are linked to the person (those of the finds the user may read)."""
    if not set(READ) & capabilities:
        return []
    title = capfirst(Find._meta.verbose_name)
    return [
        timeline.Entry(
            f.recorded_at,
            "find",
            f"{title}: {f.get_item_type_display()}",
            " · ".join(x for x in (f.tag_number, f.where_found, f.get_outcome_display()) if x),
            reverse("custody:find", args=[f.pk]),
        )
        for f in _finds_query.all(prisoner=prisoner.pk, before=before, limit=limit, user=user)
    ]


def _incidents(prisoner, user, capabilities, before, limit):
    """Incidents the person is involved in, with their role (of those the user may read)."""
    if not set(READ) & capabilities:
        return []
    return [
        timeline.Entry(
            link.incident.occurred_at,
            "incident",
            f"{capfirst(link.incident._meta.verbose_name)}: {link.incident.get_kind_display()}",
            f"{link.get_role_display()} · {link.incident.description[:200]}",
            reverse("custody:incident", args=[link.incident_id]),
        )
        for link in _incident_links.all(prisoner=prisoner.pk, before=before, limit=limit, user=user)
    ]


def register():
    tabs.register(tabs.Tab("movements", _("Movements"), READ, "custody/tab.html", context))
    timeline.register(_timeline)
    timeline.register(_finds)
    timeline.register(_incidents)
