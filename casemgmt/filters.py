"""One filterset serves the HTML list and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from casemgmt.choices import CustodyStatus, LegalStatus, Sex
from casemgmt.models import Facility, Prisoner, Unit
from casemgmt.selectors import search_prisoners


class PrisonerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or prison number"), method="filter_q")
    facility = django_filters.ModelChoiceFilter(
        queryset=Facility.objects.all(), label=_("Facility"), empty_label=_("All facilities")
    )
    unit = django_filters.ModelChoiceFilter(
        queryset=Unit.objects.select_related("facility"),
        label=_("Unit"),
        empty_label=_("All units"),
    )
    custody_status = django_filters.ChoiceFilter(
        choices=CustodyStatus.choices, label=_("Custody status"), empty_label=_("Any status")
    )
    legal_status = django_filters.ChoiceFilter(
        choices=LegalStatus.choices, label=_("Legal status"), empty_label=_("Any legal status")
    )
    sex = django_filters.ChoiceFilter(choices=Sex.choices, label=_("Sex"), empty_label=_("Any"))

    class Meta:
        model = Prisoner
        fields = ["q", "facility", "unit", "custody_status", "legal_status", "sex"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        user = user or getattr(self.request, "user", None)
        if user is not None:
            from casemgmt.selectors import facilities_for, units_for

            self.filters["facility"].queryset = facilities_for(user)
            self.filters["unit"].queryset = units_for(user)

    def filter_q(self, queryset, name, value):
        return search_prisoners(queryset, value)
