"""The standards view's rows for discipline and separation (``reports.standards.register``):
Mandela Rules 36-46 and Bangkok Rule 22, over the files on which the reader holds
``change_prisoner`` (the staff who run the prison)."""

from __future__ import annotations

import datetime as dt

from django.db.models import DurationField, Exists, ExpressionWrapper, F, Max, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from discipline.choices import SOLITARY_MAX_DAYS, Finding, SeparationKind
from discipline.models import HealthVisit, Report, Sanction, Separation
from intake.models import Admission
from reports import standards
from reports.standards import Standard

CAPABILITY = "change_prisoner"


def _reports(**filters):
    return Report.objects.filter(prisoner=OuterRef("pk"), **filters)


def _separations(**filters):
    return Separation.objects.filter(prisoner=OuterRef("pk"), **filters)


def _has_report(today) -> Q:
    return Q(Exists(_reports()))


def _lawful_sanctions(today) -> Q:
    """Every sanction follows a proved finding at a hearing, and no act twice (Rules 37, 39)."""
    # A second sanction of the same act is refused by the service; what can still be seen
    # is a sanction whose report is not (or no longer) a proved finding.
    unproved = Sanction.objects.filter(prisoner=OuterRef("pk"), cancelled_at__isnull=True).exclude(
        report__finding=Finding.PROVED
    )
    return ~Q(Exists(unproved))


def _heard(today) -> Q:
    return Q(Exists(_reports(heard_at__isnull=False)))


def _informed(today) -> Q:
    return ~Q(
        Exists(
            _reports(heard_at__isnull=False).filter(
                Q(informed_on__isnull=True) | Q(informed_language="") | Q(prepare_until__isnull=True)
            )
        )
    )


def _serious_heard(today) -> Q:
    return Q(Exists(_reports(heard_at__isnull=False, offence__serious=True)))


def _assisted(today) -> Q:
    return ~Q(
        Exists(_reports(heard_at__isnull=False, offence__serious=True, legal_assistance_on__isnull=True))
    )


def _separated(today) -> Q:
    return Q(Exists(_separations()))


def over_limit_q(now=None, prefix: str = "") -> Q:
    """A separation longer than 15 consecutive days (ended, or still running), counted across
    adjoining periods (``Separation.counted_from``)."""
    now = now or timezone.now()
    limit = dt.timedelta(days=SOLITARY_MAX_DAYS)
    p = prefix
    return Q(**{f"{p}ended_at__isnull": True, f"{p}counted_from__lt": now - limit}) | Q(
        **{f"{p}ended_at__gt": F(f"{p}counted_from") + limit}
    )


def _within_limit(today) -> Q:
    return ~Q(Exists(Separation.objects.filter(over_limit_q(), prisoner=OuterRef("pk"))))


def _open_separation(today) -> Q:
    return Q(Exists(_separations(ended_at__isnull=True)))


def _reviewed(today) -> Q:
    """No open separation whose review is overdue (start or last review + interval)."""
    late = (
        Separation.objects.filter(prisoner=OuterRef("pk"), ended_at__isnull=True)
        .annotate(last=Coalesce(Max("reviews__reviewed_at"), F("started_at")))
        .annotate(
            every=ExpressionWrapper(F("review_days") * dt.timedelta(days=1), output_field=DurationField())
        )
        .filter(last__lt=timezone.now() - F("every"))
    )
    return ~Q(Exists(late))


def _separated_before_today(today) -> Q:
    return Q(Exists(_separations(ended_at__isnull=True, started_at__date__lt=today)))


def _visited_yesterday(today) -> Q:
    yesterday = today - dt.timedelta(days=1)
    missed = _separations(ended_at__isnull=True, started_at__date__lt=today).exclude(
        Exists(HealthVisit.objects.filter(separation=OuterRef("pk"), visited_on=yesterday))
    )
    return ~Q(Exists(missed))


def health_visit_days(*, user, facility=None, since=None, until=None) -> dict:
    """Rule 46 in days over the standards view's period (the last 30 days when it has
    none): the days held apart before today, those with a health visit, and the list of
    the missed days (``discipline:missed-visits``, the same selector)."""
    from discipline import selectors  # noqa: PLC0415 - discipline.selectors imports this module

    figures = selectors.health_visits_over(user=user, facility=facility, since=since, until=until)
    query = {"since": figures["since"].isoformat(), "until": figures["until"].isoformat()}
    if facility is not None:
        query["facility"] = facility.pk
    return {
        "applies": figures["days"],
        "complete": figures["days"] - len(figures["missed"]),
        "url": f"{reverse('discipline:missed-visits')}?{urlencode(query)}",
    }


def _women_sanctioned(today) -> Q:
    return Q(sex="female") & Q(Exists(Sanction.objects.filter(prisoner=OuterRef("pk"))))


def _not_confined_as_mother(today) -> Q:
    """No disciplinary separation of a woman recorded pregnant at her current admission."""
    pregnant = Admission.objects.filter(
        prisoner=OuterRef("prisoner"), status="completed", released_at__isnull=True, pregnancy="yes"
    )
    confined = _separations(kind=SeparationKind.DISCIPLINARY).filter(Exists(pregnant))
    return ~Q(Exists(confined))


def rows():
    return [
        Standard(
            "discipline_lawful",
            _("Rules 36–39 of the Nelson Mandela Rules"),
            _("Sanctions only for an offence of the regulation, proved at a hearing"),
            CAPABILITY,
            _has_report,
            _lawful_sanctions,
        ),
        Standard(
            "discipline_informed",
            _("Rule 41(1) and (2) of the Nelson Mandela Rules"),
            _("Informed of the charge in a language they understand, with time to prepare"),
            CAPABILITY,
            _heard,
            _informed,
        ),
        Standard(
            "discipline_legal",
            _("Rule 41(3) of the Nelson Mandela Rules"),
            _("Legal assistance for serious disciplinary charges"),
            CAPABILITY,
            _serious_heard,
            _assisted,
        ),
        Standard(
            "separation_limit",
            _("Rules 43 and 44 of the Nelson Mandela Rules"),
            _("No separation over 15 consecutive days"),
            CAPABILITY,
            _separated,
            _within_limit,
        ),
        Standard(
            "separation_reviewed",
            _("Rule 45(1) of the Nelson Mandela Rules"),
            _("Separation reviewed at its intervals"),
            CAPABILITY,
            _open_separation,
            _reviewed,
        ),
        Standard(
            "separation_health",
            _("Rule 46 of the Nelson Mandela Rules"),
            _("Separated people visited by health staff every day"),
            CAPABILITY,
            _separated_before_today,
            _visited_yesterday,
            days=health_visit_days,
        ),
        Standard(
            "separation_mothers",
            _("Rule 22 of the Bangkok Rules"),
            _("No close confinement of pregnant women, women with infants or breastfeeding mothers"),
            CAPABILITY,
            _women_sanctioned,
            _not_confined_as_mother,
        ),
    ]


def register() -> None:
    for standard in rows():
        standards.register(standard)
