from django.core.paginator import Paginator
from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    #: The count, when the view knows it already (the unfiltered prisoner list counts the
    #: grants: ``selectors.list_plan``); otherwise the paginator counts the queryset.
    known_count: int | None = None

    def django_paginator_class(self, queryset, per_page):
        paginator = Paginator(queryset, per_page)
        if self.known_count is not None:
            paginator.__dict__["count"] = self.known_count
        return paginator
