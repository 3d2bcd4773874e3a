"""A paginator that counts in the page query.

Django's paginator runs ``SELECT COUNT(*)`` and then the page query, and for a
restricted list both visit every file the user may see (5,000 for an officer of a
large facility). Here the page query carries ``count(*) OVER ()``: PostgreSQL counts
the rows it sorts anyway, and the separate count is spent only when the page is
empty (a page number past the end) or when ``page=last`` asks for the count first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Count, QuerySet, Window

if TYPE_CHECKING:
    _Paginator = Paginator[Any]
else:  # Django's Paginator is generic in the stubs only
    _Paginator = Paginator


class CountInPagePaginator(_Paginator):
    """``rows(bottom, top)``, when given, reads a page with its ``_window_total`` instead of
    the annotated slice of ``object_list`` (the same rows by a prepared statement)."""

    object_list: QuerySet[Any]  # a queryset only: the page query is annotated

    def __init__(self, object_list: Any, per_page: int, *, rows: Any = None, **options: Any) -> None:
        super().__init__(object_list, per_page, **options)
        self.rows = rows

    def page(self, number: int | str) -> Page[Any]:
        try:
            number = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from exc
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if "count" in self.__dict__ or self.orphans:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if self.rows is not None:
            rows = self.rows(bottom, top)
        else:
            rows = list(self.object_list.annotate(_window_total=Window(Count("pk")))[bottom:top])
        if rows:
            self.__dict__["count"] = rows[0]._window_total
            # Django's own hook (a subclass may return its Page); the stubs leave the private name out
            page: Page[Any] = self._get_page(rows, number, self)  # type: ignore[attr-defined]
            return page
        return super().page(number)  # past the end (or empty): the ordinary path and its errors


class RowsPaginator(_Paginator):
    """Django's paginator, whose page rows come from ``rows(bottom, top)`` instead of a slice
    of ``object_list`` (a statement prepared once for the list, ``core.prepared``): the same
    page numbers, the same bounds and errors, the count as the paginator has it."""

    def __init__(self, object_list: Any, per_page: int, *, rows: Any, **options: Any) -> None:
        super().__init__(object_list, per_page, **options)
        self.rows = rows

    def page(self, number: int | str) -> Page[Any]:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.rows(bottom, top) if top > bottom else []  # an empty first page reads nothing
        page: Page[Any] = self._get_page(rows, number, self)  # type: ignore[attr-defined]
        return page


#: Parameters of a list request that page or format it without narrowing it.
NOT_FILTERS = frozenset({"page", "page_size", "cursor", "format"})


def narrowing(params: Any) -> set[str]:
    """The parameters of a list request that narrow it (given, and not ``NOT_FILTERS``)."""
    return {key for key, value in params.items() if value and key not in NOT_FILTERS}


#: How far past a page's first row a list counts: twenty pages of 50.
COUNT_AHEAD = 1000
#: No count reaches further (a page number of twenty digits asks a LIMIT beyond a bigint).
MOST_ROWS = 2**62


class BoundedPaginator(_Paginator):
    """Django's paginator, whose count stops ``ahead`` rows past the page asked for: a list
    of every record a supervisor may read (a million admissions, ten million case notes at
    the scale of issue #25) is counted as far as anyone pages, not to its end.
    ``count_exact`` says whether the count is the list's length or only as far as it was
    counted ("Page 3 of more than 22"); the page numbers, the bounds and their errors are
    Django's, up to the rows counted. One statement, ``SELECT count(*) FROM (... LIMIT n)``,
    which PostgreSQL stops at the ``n``-th row it finds."""

    def __init__(self, object_list: Any, per_page: int, *, ahead: int | None = None, **options: Any) -> None:
        super().__init__(object_list, per_page, **options)
        self.ahead = max(ahead or COUNT_AHEAD, per_page)
        self.reach = self.ahead  # rows counted at most (less one), from the first: set by the page asked for

    def validate_number(self, number: Any) -> int:
        try:
            wanted = int(number)
        except (TypeError, ValueError):
            wanted = 1
        if wanted >= 1 and "count" not in self.__dict__:  # the count reaches this page's first row
            self.reach = min((wanted - 1) * self.per_page + self.ahead, MOST_ROWS)
        return super().validate_number(number)

    @property
    def count(self) -> int:
        if "count" not in self.__dict__:
            if isinstance(self.object_list, QuerySet):
                counted = self.object_list[: self.reach + 1].count()
                self.__dict__["count_exact"] = counted <= self.reach
                self.__dict__["count"] = min(counted, self.reach)
            else:  # rows in hand: their number
                self.__dict__["count_exact"] = True
                self.__dict__["count"] = len(self.object_list)
        return int(self.__dict__["count"])

    @property
    def count_exact(self) -> bool:
        self.count  # noqa: B018 - counted once, with the count
        return bool(self.__dict__["count_exact"])
