"""The case file's Programmes tab and the programme events on the timeline."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from casemgmt import tabs, timeline
from casemgmt.permissions import Capability
from core import reads
from core.prepared import User
from rehabilitation import selectors
from rehabilitation.choices import EnrolmentStatus, ReferralStatus
from rehabilitation.forms import ReferralForm
from rehabilitation.models import Referral, StatusChange


def context(prisoner, user, capabilities):
    records = selectors.prisoner_programmes(user=user, prisoner=prisoner)
    reads.note_instances(records)
    return {
        "programme_records": records,
        "can_refer": Capability.MANAGE_CASEPLAN in capabilities,
        "referral_form": ReferralForm(facility=prisoner.facility),
    }


_changes = timeline.query(
    lambda prisoner, before, limit, user: (
        StatusChange.objects.filter(
            referral_id__in=Referral.objects.restrict(user).filter(prisoner=prisoner).values("pk"),
            at__lt=before,
        )
        .select_related("referral__offering__programme")
        .order_by("-at")[:limit]
    ),
    user=User(),
)


def _timeline(prisoner, user, capabilities, before, limit):
    if Capability.VIEW_PROGRAMME not in capabilities:
        return []
    url = reverse("prisoner-tab", args=[prisoner.pk, "programmes"])
    return [
        timeline.Entry(
            c.at, "programme", f"{c.referral.offering.programme}: {_label(c.status)}", c.reason[:200], url
        )
        for c in _changes.all(prisoner=prisoner.pk, before=before, limit=limit, user=user)
    ]


def _label(status: str) -> str:
    for enum in (ReferralStatus, EnrolmentStatus):
        if status in enum.values:
            return str(enum(status).label)
    return status


def register():
    tabs.register(
        tabs.Tab("programmes", _("Programmes"), Capability.VIEW_PROGRAMME, "rehabilitation/tab.html", context)
    )
    timeline.register(_timeline)
