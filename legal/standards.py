"""The standards view's rows of the legal record and the release plan
(``reports.standards.register``): Rule 8(a) (court proceedings and legal representation on
the file), Rules 107-108 (a plan ready for the people whose release is near) and Rule 9
(every copy of the record asked for is delivered)."""

from __future__ import annotations

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from legal.models import LegalCase, ReleaseCalculation, ReleasePlan, SubjectAccessRequest
from reports import standards
from reports.standards import Standard


def _held(today) -> Q:
    return Q(custody_status__in=["in_custody", "temporarily_out"])


def _represented(today) -> Q:
    return Q(Exists(LegalCase.objects.filter(prisoner=OuterRef("pk")).exclude(lawyer_name="")))


def _release_near(today) -> Q:
    later = ReleaseCalculation.objects.filter(prisoner=OuterRef("prisoner"), id__gt=OuterRef("id"))
    horizon = today + relativedelta(months=settings.LEGAL_PLAN_OPEN_MONTHS)
    current = ReleaseCalculation.objects.filter(
        prisoner=OuterRef("pk"), release_on__gte=today, release_on__lte=horizon
    ).filter(~Q(Exists(later)))
    return _held(today) & Q(Exists(current))


def _plan_ready(today) -> Q:
    return Q(Exists(ReleasePlan.objects.filter(prisoner=OuterRef("pk"), status="ready")))


def _copy_asked(today) -> Q:
    return Q(Exists(SubjectAccessRequest.objects.filter(prisoner=OuterRef("pk"))))


def _copy_delivered(today) -> Q:
    return ~Q(Exists(SubjectAccessRequest.objects.filter(prisoner=OuterRef("pk"), delivered_on__isnull=True)))


def rows():
    return [
        Standard(
            "legal_represented",
            _("Rule 8(a) of the Nelson Mandela Rules"),
            _("Court proceedings recorded with the legal representation"),
            "change_prisoner",
            _held,
            _represented,
        ),
        Standard(
            "release_plan_ready",
            _("Rules 107 and 108 of the Nelson Mandela Rules"),
            _("Release near: a release and reintegration plan ready"),
            "manage_caseplan",
            _release_near,
            _plan_ready,
        ),
        Standard(
            "record_copy_delivered",
            _("Rule 9 of the Nelson Mandela Rules"),
            _("Copies of their record asked for by prisoners delivered"),
            "manage_caseplan",
            _copy_asked,
            _copy_delivered,
        ),
    ]


def register() -> None:
    for standard in rows():
        standards.register(standard)
