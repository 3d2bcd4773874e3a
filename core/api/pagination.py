from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from rest_framework.pagination import PageNumberPagination

from core.pagination import RowsPaginator


class StandardPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    #: The count, when the view knows it already (the unfiltered prisoner list counts the
    #: grants: ``selectors.list_plan``); otherwise the paginator counts the queryset.
    known_count: int | None = None
    #: The page's rows, when the view reads them itself (``rows(bottom, top)``: the unfiltered
    #: prisoner list's prepared statement, ``core.pagination.RowsPaginator``).
    known_rows: Callable[[int, int], list[Any]] | None = None

    # DRF calls django_paginator_class(queryset, page_size): this method stands in for the
    # class the stubs declare, to hand the paginator the count already known
    def django_paginator_class(  # type: ignore[override]
        self, queryset: QuerySet[Any], per_page: int
    ) -> Paginator[Any]:
        if self.known_rows is not None and self.known_count is not None:
            paginator: Paginator[Any] = RowsPaginator(queryset, per_page, rows=self.known_rows)
        else:
            paginator = Paginator(queryset, per_page)
        if self.known_count is not None:
            paginator.__dict__["count"] = self.known_count
        return paginator
