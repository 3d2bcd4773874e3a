"""The case file's Intake tab: what was recorded at each admission, section by
section, each behind the capability it needs."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from casemgmt import tabs, timeline
from casemgmt.permissions import Capability
from core import reads
from intake.choices import SecurityFlag
from intake.models import Admission, Child, Contact, Injury, PropertyItem


def context(prisoner, user, capabilities):
    admissions = list(
        Admission.objects.restrict(user)
        .filter(prisoner=prisoner, status="completed")
        .select_related("info_given_by")
        .order_by("-admitted_at")
    )
    ids = [a.pk for a in admissions]

    reads.note_instances(admissions)

    def rows(model, capability):
        if capability not in capabilities:
            return None
        found = list(model.objects.filter(admission_id__in=ids, prisoner=prisoner))
        reads.note_instances(found)
        return found

    flags = dict(SecurityFlag.choices)
    for admission in admissions:
        admission.security_flag_labels = [flags.get(code, code) for code in admission.security_flags]
    return {
        "admissions": admissions,
        "property": rows(PropertyItem, Capability.VIEW),
        "injuries": rows(Injury, Capability.VIEW_HEALTH),
        "contacts": rows(Contact, Capability.VIEW_FAMILY),
        "children": rows(Child, Capability.VIEW_FAMILY),
        "can_security": Capability.VIEW_SECURITY in capabilities,
        "can_health": Capability.VIEW_HEALTH in capabilities,
    }


_admissions = timeline.query(
    lambda prisoner, before, limit: (
        Admission.objects.filter(prisoner=prisoner, status="completed", admitted_at__lt=before)
        .select_related("facility")
        .only("admitted_at", "facility__name")
        .order_by("-admitted_at")[:limit]
    )
)


def _timeline(prisoner, user, capabilities, before, limit):
    url = reverse("prisoner-tab", args=[prisoner.pk, "intake"])
    return [
        timeline.Entry(a.admitted_at, "admission", str(_("Admitted")), a.facility.name, url)
        for a in _admissions.all(prisoner=prisoner.pk, before=before, limit=limit)
    ]


def register():
    tabs.register(
        tabs.Tab(
            "intake", _("Intake"), (Capability.CHANGE, Capability.MANAGE_CASEPLAN), "intake/tab.html", context
        )
    )
    timeline.register(_timeline)
