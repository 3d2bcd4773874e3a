"""The API's JSON parser: the edge where a request body is refused before any view sees it.

DRF's parser hands a view whatever ``json.loads`` makes of the body; here a body is a 400
when it is not UTF-8, not an object, nests deeper than ``API_JSON_MAX_DEPTH`` (``[`` × 100,000 was a
RecursionError), holds NaN or Infinity, a NUL character in any string or key (PostgreSQL
refuses them in text and JSON columns), or a string longer than ``TEXT_EDGE_MAX_LENGTH``
(every free text has a bound, whatever the serializer says). The body's size is bounded
before parsing by ``DATA_UPLOAD_MAX_MEMORY_SIZE``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any, NoReturn

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser

from core.edge import query_dict_problem, text_problem

if TYPE_CHECKING:  # what DRF's form parsers answer, in the stubs
    from django.http import QueryDict
    from django.http.request import _ImmutableQueryDict
    from django.utils.datastructures import MultiValueDict
    from rest_framework.parsers import DataAndFiles


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(name)


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):  # 1e400: an OverflowError in int(), later
        raise ValueError(text)
    return value


class SafeJSONParser(JSONParser):
    def parse(
        self, stream: IO[Any], media_type: str | None = None, parser_context: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        raw = stream.read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ParseError(_("The request body is not valid UTF-8.")) from exc
        try:
            data = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
        except RecursionError as exc:
            raise ParseError(_("The JSON body is nested too deeply.")) from exc
        except ValueError as exc:
            raise ParseError(_("The request body is not valid JSON.")) from exc
        if not isinstance(data, dict):  # every body of this API is an object
            raise ParseError(_("The request body must be a JSON object."))
        check_value(data)
        return data


class SafeFormParser(FormParser):
    def parse(
        self, stream: IO[Any], media_type: str | None = None, parser_context: Mapping[str, Any] | None = None
    ) -> _ImmutableQueryDict:
        data = super().parse(stream, media_type, parser_context)
        check_query_dict(data)
        return data


class SafeMultiPartParser(MultiPartParser):
    def parse(
        self, stream: IO[Any], media_type: str | None = None, parser_context: Mapping[str, Any] | None = None
    ) -> DataAndFiles[_ImmutableQueryDict, MultiValueDict[Any, Any]]:
        parsed = super().parse(stream, media_type, parser_context)
        check_query_dict(parsed.data)
        return parsed


#: the parsers of every API view (settings.REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"])
PARSERS = [SafeJSONParser, SafeFormParser, SafeMultiPartParser]


def check_query_dict(data: QueryDict) -> None:
    if problem := query_dict_problem(data, settings.TEXT_EDGE_MAX_LENGTH):
        raise ParseError(problem)


def check_value(data: object) -> None:
    """Raise ParseError when ``data`` (parsed JSON) nests too deeply or holds a refused string."""
    max_depth = settings.API_JSON_MAX_DEPTH
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            check_text(value)
        elif isinstance(value, dict | list):
            if depth > max_depth:
                raise ParseError(_("The JSON body is nested too deeply."))
            if isinstance(value, dict):
                for key, item in value.items():
                    check_text(key)
                    stack.append((item, depth + 1))
            else:
                stack.extend((item, depth + 1) for item in value)


def check_text(value: str) -> None:
    if problem := text_problem(value, settings.TEXT_EDGE_MAX_LENGTH):
        raise ParseError(problem)
