"""The standards rows that read family records: Mandela Rule 7(f)(g) (next of kin and an
emergency contact) and Bangkok Rule 3 (each child's whereabouts and carer) now read the
file's family records, kept after admission, instead of the intake's (same codes, so
``reports.standards.register`` replaces the core's rows); Rule 62 counts the foreign
nationals whose consulate was notified."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from family.choices import NEEDS_CARER
from family.models import Child, ConsularNotification, Contact
from reports.standards import Standard
from reports.standards import register as add


def _contacts(today) -> Q:
    current = Contact.objects.filter(prisoner=OuterRef("pk"), active=True)
    return Q(Exists(current.filter(next_of_kin=True))) & Q(Exists(current.filter(emergency=True)))


def _has_children(today) -> Q:
    return Q(sex="female") & Q(Exists(Child.objects.filter(prisoner=OuterRef("pk"))))


def _children_complete(today) -> Q:
    missing = Child.objects.filter(prisoner=OuterRef("pk")).filter(
        Q(whereabouts="unknown") | (Q(whereabouts__in=NEEDS_CARER) & Q(carer=""))
    )
    return ~Q(Exists(missing))


def _foreign(today) -> Q:
    return ~Q(citizenships__contained_by=[settings.NATIONAL_CITIZENSHIP])


def _consulate_notified(today) -> Q:
    return Q(Exists(ConsularNotification.objects.filter(prisoner=OuterRef("pk"))))


def register() -> None:
    add(
        Standard(
            "contacts",
            _("Rule 7(f) and (g) of the Nelson Mandela Rules"),
            _("Next of kin and an emergency contact recorded"),
            "view_family",
            lambda today: Q(pk__isnull=False),
            _contacts,
        )
    )
    add(
        Standard(
            "children",
            _("Rule 3 of the Bangkok Rules"),
            _("Women with children: each child's whereabouts, custody and carer recorded"),
            "view_family",
            _has_children,
            _children_complete,
        )
    )
    add(
        Standard(
            "consular",
            _("Rule 62 of the Nelson Mandela Rules"),
            _("Foreign nationals: consulate notified (or the person's refusal recorded)"),
            "change_prisoner",
            _foreign,
            _consulate_notified,
        )
    )
