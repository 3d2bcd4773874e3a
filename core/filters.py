"""The base of the project's filter sets (django-filter).

django-filter deep-copies every declared filter for each request (``copy.deepcopy(
self.base_filters)``): each filter's ``extra`` with its querysets, choices and lazy labels
copied deeply on every list page, ~7% of the prisoner list's Python (``bench.profile list
--cpu``; issue #25). A filter a request changes is changed through its ``extra`` (a model
choice's queryset) or its own attributes (``model``, ``parent``, its form field once made), so
a copy of the filter with a copy of ``extra`` gives each request its own, sharing only what no
request changes (the choices, the labels, the widget classes). A filter with ``method=`` gets
its own ``FilterMethod``, bound to the copy (as the deep copy's would be).

Its form is made of form fields made for the request too (each filter's own copy makes its
field), in a form class made for the request: Django's ``BaseForm`` deep-copies its class's
fields again when the form is made, a copy of what no other request holds (another ~2.5%
of the list's Python), so the class's fields are handed over as they are."""

from __future__ import annotations

import copy
from typing import Any

import django_filters
from django.http import QueryDict
from django_filters.filters import FilterMethod


class FilterSet(django_filters.FilterSet):  # type: ignore[misc]  # django-filter has no type hints
    def __init__(
        self, data: Any = None, queryset: Any = None, *, request: Any = None, prefix: Any = None
    ) -> None:
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {name: _own_copy(declared) for name, declared in self.base_filters.items()}
        for filter_ in self.filters.values():
            filter_.model = queryset.model
            filter_.parent = self

    def get_form_class(self) -> Any:
        form = super().get_form_class()  # a class of this request's fields (django-filter's)
        form.base_fields = _FieldsOfThisRequest(form.base_fields)
        return form


class _FieldsOfThisRequest(dict[str, Any]):
    """A form class's fields that were made for one request: the form takes them as they are
    (``BaseForm.__init__`` deep-copies ``base_fields``; this copy is shallow)."""

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, Any]:
        return dict(self)


def _own_copy(declared: Any) -> Any:
    own = copy.copy(declared)
    own.extra = dict(declared.extra)
    own.__dict__.pop("_field", None)  # its form field is made for this request
    if isinstance(own.__dict__.get("filter"), FilterMethod):
        own.filter = FilterMethod(own)  # ``method=``: called on this copy's parent
    return own
