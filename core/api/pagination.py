from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from core.pagination import BoundedPaginator, RowsPaginator


class StandardPagination(PageNumberPagination):
    """Pages of 50 (up to 200 by ``page_size``). ``count`` is the list's length up to
    ``core.pagination.COUNT_AHEAD`` rows past the page's first: ``count_exact`` is false
    when the list goes on beyond it (``core.pagination.BoundedPaginator``; ``next`` is
    given whenever a further page has rows)."""

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
        elif self.known_count is not None:
            paginator = Paginator(queryset, per_page)
        else:
            return BoundedPaginator(queryset, per_page)
        paginator.__dict__["count"] = self.known_count
        return paginator

    def get_paginated_response(self, data: Any) -> Response:
        page: Any = self.page  # set by paginate_queryset, which the list ran first
        paginator = page.paginator
        return Response(
            {
                "count": paginator.count,
                "count_exact": getattr(paginator, "count_exact", True),
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        described = super().get_paginated_response_schema(schema)
        described["required"] = ["count", "count_exact", "results"]
        described["properties"] = {
            "count": {
                "type": "integer",
                "example": 123,
                "description": "The list's length, or as far as it was counted when count_exact is false.",
            },
            "count_exact": {
                "type": "boolean",
                "description": "False when the list goes on beyond count (counted to 1,000 rows past the page).",
            },
            **{k: v for k, v in described["properties"].items() if k != "count"},
        }
        return described
