"""One filterset serves the HTML list and the API.

Besides the visible filters, the list takes the report parameters a figure of the
dashboard or the standards view links with (hidden in the form): ``current``,
``age_band``, ``nationality``, ``security_level``, ``risk``, ``review``, ``event``
with ``since``/``until``, and ``standard``. Their definitions live in
``reports.criteria`` so a figure and its list always agree; those that read risk,
programme or family records apply only to files where the user holds that capability.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from casemgmt.choices import CustodyStatus, LegalStatus, Sex
from casemgmt.models import Facility, Prisoner, Unit
from casemgmt.selectors import search_prisoners
from core.widgets import Select

REPORT_PARAMS = (
    "current",
    "age_band",
    "nationality",
    "security_level",
    "risk",
    "review",
    "event",
    "since",
    "until",
    "standard",
)


def _report_choices(name):
    def choices():
        from classification.choices import Judgement, SecurityLevel
        from reports import criteria, standards

        return {
            "age_band": criteria.AGE_BAND_CHOICES,
            "security_level": [*SecurityLevel.choices, (criteria.NONE, _("Not classified"))],
            "risk": [*Judgement.choices, (criteria.NONE, _("Not assessed"))],
            "review": criteria.REVIEW_CHOICES,
            "event": criteria.EVENT_CHOICES,
            "standard": standards.STANDARD_CHOICES,
        }[name]

    return choices


def _hidden_choice(name, label):
    return django_filters.ChoiceFilter(
        choices=_report_choices(name), label=label, method=f"filter_{name}", widget=forms.HiddenInput
    )


class _ChoicesInOneQuery(django_filters.fields.ModelChoiceIterator):
    """Reads the choices in one plain query. Django's iterator reads them with
    ``.iterator()``, on PostgreSQL a server-side cursor (DECLARE, FETCH, CLOSE: three round
    trips) for a handful of facilities or units, on every list page (issue #11)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class _ModelChoiceField(django_filters.fields.ModelChoiceField):
    iterator = _ChoicesInOneQuery


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


class PrisonerFilter(django_filters.FilterSet):
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

    # Report parameters (hidden in the form; see the module docstring).
    current = django_filters.ChoiceFilter(
        choices=[("1", _("Held now"))], label=_("Held now"), method="filter_current", widget=forms.HiddenInput
    )
    age_band = _hidden_choice("age_band", _("Age band"))
    nationality = django_filters.CharFilter(
        label=_("Nationality"), method="filter_nationality", widget=forms.HiddenInput
    )
    security_level = _hidden_choice("security_level", _("Security level"))
    risk = _hidden_choice("risk", _("Risk judgement"))
    review = _hidden_choice("review", _("Risk review"))
    event = _hidden_choice("event", _("Event"))
    since = django_filters.DateFilter(label=_("From"), method="filter_noop", widget=forms.HiddenInput)
    until = django_filters.DateFilter(label=_("To"), method="filter_noop", widget=forms.HiddenInput)
    standard = _hidden_choice("standard", _("Incomplete for"))

    class Meta:
        model = Prisoner
        fields = ["q", "facility", "unit", "custody_status", "legal_status", "sex", *REPORT_PARAMS]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        user = user or getattr(self.request, "user", None)
        self.user = user
        if user is not None:
            from casemgmt.selectors import facilities_visible

            facilities = facilities_visible(user)
            self.filters["facility"].queryset = facilities
            self.filters["unit"].queryset = Unit.objects.filter(facility__in=facilities).select_related(
                "facility"
            )

    @property
    def report_filters(self) -> list[tuple[str, str]]:
        """The report parameters in force, as (label, value) for the notice above the list."""
        if not self.is_bound or not self.is_valid():
            return []
        out = []
        for name in REPORT_PARAMS:
            value = self.form.cleaned_data.get(name)
            if value in (None, ""):
                continue
            field = self.form.fields[name]
            # The report choices are a callable (they import reports and classification,
            # which import this module); the form field keeps the callable itself, and
            # dict() of it raised TypeError: every report link answered 500 (issue 16).
            choices = self.filters[name].extra.get("choices", ())
            choices = dict(choices() if callable(choices) else choices)
            out.append((str(field.label), str(choices.get(value, value))))
        return out

    def filter_q(self, queryset, name, value):
        return search_prisoners(queryset, value)

    def filter_noop(self, queryset, name, value):
        return queryset  # read by filter_event

    def filter_current(self, queryset, name, value):
        from reports.criteria import CURRENT

        return queryset.filter(custody_status__in=CURRENT) if value == "1" else queryset

    def filter_age_band(self, queryset, name, value: str):
        from reports import criteria

        return criteria.filter_age_band(queryset, value)

    def filter_nationality(self, queryset, name, value):
        from reports.criteria import UNKNOWN

        return queryset.filter(nationality="" if value == UNKNOWN else value)

    def filter_security_level(self, queryset, name, value: str):
        from reports import criteria

        return criteria.filter_security_level(queryset, self.user, value)

    def filter_risk(self, queryset, name, value: str):
        from reports import criteria

        return criteria.filter_risk(queryset, self.user, value)

    def filter_review(self, queryset, name, value: str):
        from reports import criteria

        return criteria.filter_review(queryset, self.user, value)

    def filter_event(self, queryset, name, value: str):
        from reports import criteria

        data = self.form.cleaned_data
        return criteria.filter_event(queryset, self.user, value, data.get("since"), data.get("until"))

    def filter_standard(self, queryset, name, value: str):
        from reports import criteria

        return criteria.filter_standard(queryset, self.user, value)
