"""One filterset serves the HTML list and the API.

Besides the visible filters, the list takes parameters other apps register
(``register``), hidden in the form: the reports app's, with which a figure of the
dashboard or the standards view links to its list (``reports.list_filters``). This module
imports none of those apps; they add themselves when they start.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from casemgmt.choices import CustodyStatus, LegalStatus, Sex
from casemgmt.models import Facility, Prisoner, Unit
from casemgmt.selectors import facilities_visible, search_prisoners
from core.filters import FilterSet
from core.prepared import Prepared, User
from core.widgets import Select

#: apply(queryset, user, value, cleaned_data) -> queryset, by parameter name, in registration order
_REGISTERED: dict[str, Callable[..., Any]] = {}


def register(
    name: str,
    label: Any,
    apply: Callable[..., Any],
    *,
    choices: Any = None,
    field: type[forms.Field] | None = None,
) -> None:
    """Add a hidden parameter to the prisoner list (the HTML page and the API alike):
    ``apply(queryset, user, value, cleaned_data)`` narrows the list when it is given;
    ``choices`` (a list or a callable) makes it a choice, ``field=forms.DateField`` a date."""
    options = {"field_name": name, "label": label, "method": "filter_registered", "widget": forms.HiddenInput}
    if choices is not None:
        declared: django_filters.Filter = django_filters.ChoiceFilter(choices=choices, **options)
    elif field is forms.DateField:
        declared = django_filters.DateFilter(**options)
    else:
        declared = django_filters.CharFilter(**options)
    _REGISTERED[name] = apply
    PrisonerFilter.base_filters[name] = declared


class _ChoicesInOneQuery(django_filters.fields.ModelChoiceIterator):
    """Reads the choices in one plain query. Django's iterator reads them with
    ``.iterator()``, on PostgreSQL a server-side cursor (DECLARE, FETCH, CLOSE: three round
    trips) for a handful of facilities or units, on every list page (issue #11). Where the
    field has ``rows`` (the same rows by a prepared statement, ``core.prepared``), those."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        rows = self.field.rows
        for obj in rows() if rows is not None else self.queryset.all():
            yield self.choice(obj)


class _ModelChoiceField(django_filters.fields.ModelChoiceField):
    """``rows``: a callable giving the queryset's rows without building it (the choices
    shown); the queryset still validates the value chosen."""

    iterator = _ChoicesInOneQuery

    def __init__(self, *args, rows=None, **kwargs):
        self.rows = rows
        super().__init__(*args, **kwargs)


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = _ModelChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", Select)
        super().__init__(*args, **kwargs)


class ChoiceFilter(django_filters.ChoiceFilter):
    """A visible choice filter: its <select> rendered in Python (core.widgets)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", Select)
        super().__init__(*args, **kwargs)


def _units(facilities):
    return Unit.objects.filter(facility__in=facilities).select_related("facility")


_facility_choices = Prepared(lambda user: facilities_visible(user), user=User())
_unit_choices = Prepared(lambda user: _units(facilities_visible(user)), user=User())


class PrisonerFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Name or prison number"), method="filter_q")
    facility = ModelChoiceFilter(
        queryset=Facility.objects.all(), label=_("Facility"), empty_label=_("All facilities")
    )
    unit = ModelChoiceFilter(
        queryset=Unit.objects.select_related("facility"),
        label=_("Unit"),
        empty_label=_("All units"),
    )
    custody_status = ChoiceFilter(
        choices=CustodyStatus.choices, label=_("Custody status"), empty_label=_("Any status")
    )
    legal_status = ChoiceFilter(
        choices=LegalStatus.choices, label=_("Legal status"), empty_label=_("Any legal status")
    )
    sex = ChoiceFilter(choices=Sex.choices, label=_("Sex"), empty_label=_("Any"))

    class Meta:
        model = Prisoner
        fields = ["q", "facility", "unit", "custody_status", "legal_status", "sex"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        user = user or getattr(self.request, "user", None)
        self.user = user
        if user is not None:
            facilities = facilities_visible(user)
            self.filters["facility"].queryset = facilities
            self.filters["unit"].queryset = _units(facilities)
            if user.is_authenticated and user.is_active:
                # the choices drawn on every list page: statements compiled once (issue #25)
                self.filters["facility"].extra["rows"] = lambda: _facility_choices.all(user=user)
                self.filters["unit"].extra["rows"] = lambda: _unit_choices.all(user=user)

    @property
    def report_filters(self) -> list[tuple[str, str]]:
        """The registered parameters in force, as (label, value) for the notice above the list."""
        if not self.is_bound or not self.is_valid():
            return []
        out = []
        for name in _REGISTERED:
            value = self.form.cleaned_data.get(name)
            if value in (None, ""):
                continue
            field = self.form.fields[name]
            # A registered choice list may be a callable (read when asked); the form field
            # keeps the callable itself, and dict() of it raised TypeError: every report
            # link answered 500 (issue 16).
            choices = self.filters[name].extra.get("choices", ())
            choices = dict(choices() if callable(choices) else choices)
            out.append((str(field.label), str(choices.get(value, value))))
        return out

    def filter_q(self, queryset, name, value):
        return search_prisoners(queryset, value)

    def filter_registered(self, queryset, name, value: str):
        return _REGISTERED[name](queryset, self.user, value, self.form.cleaned_data)
