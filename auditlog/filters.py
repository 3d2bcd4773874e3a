"""One filterset per log, shared by the pages and the API."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from casemgmt.filters import ChoiceFilter
from casemgmt.models import Prisoner
from core.choices import AuditAction
from core.dates import day_range
from core.filters import FilterSet
from core.models import AuditEvent, ReadEvent

_DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


def prisoner_id(value: str) -> int | None:
    """A prisoner's id, given as the id or as the prison number (None: no such file)."""
    value = value.strip()
    if value.isdigit():
        return int(value)
    return Prisoner.objects.filter(prison_number=value).values_list("pk", flat=True).first()


class _LogFilter(FilterSet):
    actor = django_filters.CharFilter(label=_("Who (user name)"), method="filter_actor")
    since = django_filters.DateFilter(label=_("From"), method="filter_since", **_DATE)
    until = django_filters.DateFilter(label=_("To"), method="filter_until", **_DATE)
    subject = django_filters.CharFilter(label=_("Prisoner (id or prison number)"), method="filter_subject")

    def filter_actor(self, queryset, name, value):
        return queryset.filter(Q(actor__username=value) | Q(actor_label=value))

    def filter_since(self, queryset, name, value):
        return queryset.filter(at__gte=day_range(value)[0])  # on ``at`` itself: its index serves

    def filter_until(self, queryset, name, value):
        return queryset.filter(at__lt=day_range(value)[1])

    def filter_subject(self, queryset, name, value):
        pk = prisoner_id(value)
        return queryset.none() if pk is None else self.with_subject(queryset, pk)


class AuditEventFilter(_LogFilter):
    action = ChoiceFilter(
        label=pgettext_lazy("audit action", "Action"),
        choices=AuditAction.choices,
        empty_label=_("Any action"),
    )
    object_type = django_filters.CharFilter(label=_("Record type"), help_text=_("e.g. casework.casenote"))

    class Meta:
        model = AuditEvent
        fields = ["actor", "action", "object_type", "since", "until", "subject"]

    @staticmethod
    def with_subject(queryset, pk):
        return queryset.filter(subject_id=pk)


class ReadEventFilter(_LogFilter):
    route = django_filters.CharFilter(label=_("Page"), help_text=_("e.g. prisoner-detail"))
    record = django_filters.CharFilter(label=_("Record type"), method="filter_record")

    class Meta:
        model = ReadEvent
        fields = ["actor", "route", "record", "since", "until", "subject"]

    @staticmethod
    def with_subject(queryset, pk):
        return queryset.filter(subjects__contains=[pk])

    def filter_record(self, queryset, name, value):
        return queryset.filter(records__has_key=value)
