"""The standards view's row for deaths in custody (``reports.standards.register``).

Mandela Rule 71(1): every death in custody is reported to a judicial or other competent
authority independent of the prison administration, which investigates promptly,
impartially and effectively. Counted over the files closed by a death that the reader may
see; a death without a referral for an independent investigation is incomplete.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from custody.models import Death
from reports import standards as reports_standards
from reports.standards import Standard


def _died(today) -> Q:
    return Q(Exists(Death.objects.filter(prisoner=OuterRef("pk"))))


def _referred(today) -> Q:
    return Q(
        Exists(
            Death.objects.filter(
                prisoner=OuterRef("pk"),
                investigation_referred_at__isnull=False,
                authority_notified_at__isnull=False,
            )
        )
    )


def register() -> None:
    reports_standards.register(
        Standard(
            "death_investigation",
            _("Rule 71 of the Nelson Mandela Rules"),
            _("Deaths in custody reported to an independent authority and referred for investigation"),
            "view_prisoner",
            _died,
            _referred,
            held=False,
        )
    )
