"""The report parameters of the prisoner list: a figure of the dashboard or the standards
view links to the list with them (hidden in its form), and the list counts exactly the
figure's files because both read ``reports.criteria``. Registered with the list's filterset
(``casemgmt.filters.register``); those that read risk, programme or family records apply
only to files where the user holds that capability (the criteria intersect with the grant)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from casemgmt.filters import register
from classification.choices import Judgement, SecurityLevel
from reports import criteria, standards


def _choices(name):
    def choices():
        return {
            "age_band": criteria.AGE_BAND_CHOICES,
            "security_level": [*SecurityLevel.choices, (criteria.NONE, _("Not classified"))],
            "risk": [*Judgement.choices, (criteria.NONE, _("Not assessed"))],
            "review": criteria.REVIEW_CHOICES,
            "event": criteria.EVENT_CHOICES,
            "standard": standards.STANDARD_CHOICES,
        }[name]

    return choices


def _current(queryset, user, value, data):
    return queryset.filter(custody_status__in=criteria.CURRENT) if value == "1" else queryset


def _nationality(queryset, user, value, data):
    return queryset.filter(nationality="" if value == criteria.UNKNOWN else value)


def _unchanged(queryset, user, value, data):
    return queryset  # the period of ``event``, read there


def _event(queryset, user, value, data):
    return criteria.filter_event(queryset, user, value, data.get("since"), data.get("until"))


def register_all() -> None:
    register("current", _("Held now"), _current, choices=[("1", _("Held now"))])
    register(
        "age_band",
        _("Age band"),
        lambda qs, user, value, data: criteria.filter_age_band(qs, value),
        choices=_choices("age_band"),
    )
    register("nationality", _("Nationality"), _nationality)
    register(
        "security_level",
        _("Security level"),
        lambda qs, user, value, data: criteria.filter_security_level(qs, user, value),
        choices=_choices("security_level"),
    )
    register(
        "risk",
        _("Risk judgement"),
        lambda qs, user, value, data: criteria.filter_risk(qs, user, value),
        choices=_choices("risk"),
    )
    register(
        "review",
        _("Risk review"),
        lambda qs, user, value, data: criteria.filter_review(qs, user, value),
        choices=_choices("review"),
    )
    register("event", _("Event"), _event, choices=_choices("event"))
    register("since", _("From"), _unchanged, field=forms.DateField)
    register("until", _("To"), _unchanged, field=forms.DateField)
    register(
        "standard",
        _("Incomplete for"),
        lambda qs, user, value, data: criteria.filter_standard(qs, user, value),
        choices=_choices("standard"),
    )
