"""core.filters: each request's filters are its own, and filter as django-filter's deep copy."""

import copy

import pytest
from django.http import QueryDict
from django.test import RequestFactory
from django_filters.filters import FilterMethod

from auditlog.filters import AuditEventFilter, ReadEventFilter
from casemgmt.filters import PrisonerFilter

pytestmark = pytest.mark.django_db


def _deep(filterset):
    """The same filter set with its filters deep-copied, as django-filter makes them."""
    filterset.filters = copy.deepcopy(type(filterset).base_filters)
    for filter_ in filterset.filters.values():
        filter_.model, filter_.parent = filterset.queryset.model, filterset
    return filterset


@pytest.mark.parametrize(
    "cls, data",
    [
        (PrisonerFilter, "q=Тоиров&custody_status=held&sex=m"),
        (PrisonerFilter, "q=AB-1&legal_status=sentenced"),
        (AuditEventFilter, "action=create&date_from=2026-01-01"),
        (ReadEventFilter, "q=officer&date_to=2026-12-31"),
    ],
)
def test_the_same_query_as_django_filters_own_copy(demo, cls, data):
    request = RequestFactory().get("/?" + data)
    request.user = demo.users["supervisor.a"]
    ours, theirs = cls(QueryDict(data), request=request), cls(QueryDict(data), request=request)
    # what a filter set's own __init__ set after django-filter's (the list's choices narrowed
    # to the user's facilities) is set again on the deep copies
    narrowed = {
        name: f.queryset for name, f in theirs.filters.items() if getattr(f, "queryset", None) is not None
    }
    theirs = _deep(theirs)
    for name, queryset in narrowed.items():
        theirs.filters[name].queryset = queryset
    assert ours.is_valid() == theirs.is_valid()
    assert str(ours.qs.query) == str(theirs.qs.query)
    assert ours.form.as_div() == theirs.form.as_div()


def test_each_request_has_its_own_filters(demo):
    request = RequestFactory().get("/")
    a = PrisonerFilter(None, request=request, user=demo.users["officer.a"])
    b = PrisonerFilter(None, request=request, user=demo.users["officer.b"])
    for name, declared in PrisonerFilter.base_filters.items():
        assert a.filters[name] is not declared and a.filters[name] is not b.filters[name]
        assert a.filters[name].extra is not declared.extra
        assert a.filters[name].parent is a and b.filters[name].parent is b
        if isinstance(a.filters[name].filter, FilterMethod):
            assert a.filters[name].filter.f is a.filters[name]
    # one user's facility choices are not the other's, nor the declaration's
    assert [f.pk for f in a.form.fields["facility"].queryset] == [demo.facilities["A"].pk]
    assert [f.pk for f in b.form.fields["facility"].queryset] == [demo.facilities["B"].pk]
    assert "_field" not in PrisonerFilter.base_filters["facility"].__dict__


def test_each_form_holds_its_own_requests_fields(demo):
    """The form takes the fields its filters made for this request, not a copy, and no two
    requests share one; the choices drawn are the reader's (read by prepared statements)."""
    request = RequestFactory().get("/")
    a = PrisonerFilter(None, request=request, user=demo.users["officer.a"])
    b = PrisonerFilter(None, request=request, user=demo.users["officer.b"])
    for name in PrisonerFilter.base_filters:
        assert a.form.fields[name] is a.filters[name].field
        assert a.form.fields[name] is not b.form.fields[name]
        assert a.form.fields[name].widget is not b.form.fields[name].widget
    assert a.form.is_bound is False and PrisonerFilter(QueryDict("sex=m"), request=request).form.is_bound
    shown = [str(value) for value, _label in a.form.fields["facility"].choices if value]
    assert shown == [str(demo.facilities["A"].pk)]
    units = {u.facility_id for u in b.form.fields["unit"].queryset}
    assert units == {demo.facilities["B"].pk}
    assert all(str(u.pk) in str(b.form["unit"]) for u in b.form.fields["unit"].queryset)
