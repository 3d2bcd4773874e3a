"""The base of the project's filter sets (django-filter).

django-filter deep-copies every declared filter for each request (``copy.deepcopy(
self.base_filters)``): each filter's ``extra`` with its querysets, choices and lazy labels
copied deeply on every list page, ~7% of the prisoner list's Python (``bench.profile list
--cpu``; issue #25). A filter a request changes is changed through its ``extra`` (a model
choice's queryset) or its own attributes (``model``, ``parent``, its form field once made), so
a copy of the filter with a copy of ``extra`` gives each request its own, sharing only what no
request changes (the choices, the labels, the widget classes). A filter with ``method=`` gets
its own ``FilterMethod``, bound to the copy (as the deep copy's would be).

Its form holds the form fields made for the request too (each filter's own copy makes its
field): django-filter made a form class of them for each request (a class statement's work:
the metaclass collecting the fields, the media) and Django's ``BaseForm`` deep-copied them
again into the form, copies of what no other request holds (~10% of the list's
instructions, issue #25). The form is now of the filter set's form class as declared
(``Meta.form``) and is handed this request's fields as they are."""

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

    @property
    def form(self) -> Any:
        if not hasattr(self, "_form"):
            form = self._meta.form(self.data if self.is_bound else None, prefix=self.form_prefix)
            form.fields = {name: filter_.field for name, filter_ in self.filters.items()}
            self._form = form
        return self._form


def _own_copy(declared: Any) -> Any:
    own = copy.copy(declared)
    own.extra = dict(declared.extra)
    own.__dict__.pop("_field", None)  # its form field is made for this request
    if isinstance(own.__dict__.get("filter"), FilterMethod):
        own.filter = FilterMethod(own)  # ``method=``: called on this copy's parent
    return own
