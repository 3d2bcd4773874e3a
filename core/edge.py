"""Bad input refused at the edge, once for every route, before a view or a database sees it.

``BadInputMiddleware`` answers (JSON under ``/api/``, a translated page elsewhere):

- 413 for a body larger than ``REQUEST_MAX_BYTES`` (uploads included; each upload
  is checked again against its own limit by its form);
- 400 for a NUL character in any query-string key or value (PostgreSQL refuses them in
  text: ``?q=ab%00cd`` was a 500) or a query value longer than ``QUERY_VALUE_MAX_LENGTH``;
- 400 for the same in a page's form body, or a form text longer than ``TEXT_EDGE_MAX_LENGTH``
  (the API's bodies are checked by its parsers, ``core.api.parsers``).

Reading the form body here is what the CSRF middleware does anyway; a body over
``DATA_UPLOAD_MAX_MEMORY_SIZE`` raises ``RequestDataTooBig``, which Django answers 400.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse, QueryDict
from django.utils.translation import gettext as _

from core.views import errors

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
#: a value that is a date (ISO, or day.month.year as the forms accept), with or without a time
DATE_SHAPES = (
    re.compile(r"(?P<year>\d{4})-\d{1,2}-\d{1,2}(?:[T ][\d:.+\-Z]*)?"),
    re.compile(r"\d{1,2}[./]\d{1,2}[./](?P<year>\d{4})(?: [\d:]*)?"),
)


def year_problem(value: str) -> str | None:
    """A date outside ``DATE_EDGE_YEARS`` is no date this system could record
    (``9999-12-31`` + one day was an OverflowError, ``0001-01-01`` a 5.9 MB statistics
    answer): refused for every field and filter alike. What is plausible for a field (a
    birth not in the future, not before 1900) is its model's rule (``casemgmt.validators``)."""
    first, last = settings.DATE_EDGE_YEARS
    for shape in DATE_SHAPES:
        if (match := shape.fullmatch(value)) and not first <= int(match["year"]) <= last:
            return _("A date must fall between the years %(first)s and %(last)s.") % {
                "first": first,
                "last": last,
            }
    return None


def text_problem(value: str, limit: int) -> str | None:
    """Why ``value`` is refused as a text of at most ``limit`` characters (None: accepted).
    Digits that ``str.isdigit`` accepts but ``int`` refuses ("²") are refused too: a view
    that checks ``isdigit()`` before ``int()`` would fail with a 500."""
    if "\x00" in value:
        return _("Text may not contain NUL characters.")
    if value.isdigit() and not value.isdecimal():
        return _("Not a number: %(value)s") % {"value": value[:20]}
    if len(value) <= 40 and value[:1].isdigit() and (problem := year_problem(value)):
        return problem
    if len(value) > limit:
        return _("A text is longer than the %(limit)s characters allowed.") % {"limit": limit}
    return None


def query_dict_problem(data: QueryDict, limit: int) -> str | None:
    for key, values in data.lists():
        for value in (key, *values):
            if isinstance(value, str) and (problem := text_problem(value, limit)):
                return problem
    return None


class BadInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if length < 0:
            return errors.bad_request(request, message=_("The Content-Length header is not a number."))
        if length > settings.REQUEST_MAX_BYTES:
            return self.too_large(request)
        problem = query_dict_problem(request.GET, settings.QUERY_VALUE_MAX_LENGTH)
        if problem is None and self.is_page_form(request):
            problem = query_dict_problem(request.POST, settings.TEXT_EDGE_MAX_LENGTH)
        if problem:
            return errors.bad_request(request, message=problem)
        return self.get_response(request)

    @staticmethod
    def is_page_form(request: HttpRequest) -> bool:
        return (
            request.method in ("POST", "PUT", "PATCH")
            and not errors.is_api(request)
            and request.content_type in FORM_TYPES
        )

    @staticmethod
    def too_large(request: HttpRequest) -> HttpResponse:
        message = _("The request is larger than the %(limit)s MB allowed.") % {
            "limit": settings.REQUEST_MAX_BYTES // (1024 * 1024)
        }
        if errors.is_api(request):
            return JsonResponse({"detail": message, "code": "too_large"}, status=413)
        response = errors.bad_request(request, message=message)
        response.status_code = 413
        return response


#: the largest id a PostgreSQL bigint holds
MAX_ID = 2**63 - 1


def parse_id(value: object) -> int | None:
    """``value`` as a record id (ASCII digits, 1 to a bigint's maximum), or None. Not
    ``str.isdigit``: "²" is a digit to it and a ValueError to ``int``; nor ``float``: "1e400"."""
    text = str(value)
    if not (0 < len(text) <= 19 and text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None
