"""Rows of a page written in Python, each value escaped once (issue #25).

The busiest pages write their rows in Python rather than through the template engine
(the prisoner list, the caseload, the timeline). Django's ``format_html`` and
``format_html_join`` do it safely but slowly: every value goes through
``conditional_escape``, whose lazy-argument wrapper (``keep_lazy``) inspects each call's
arguments, and every row's pieces through a ``format_html`` of their own; on the caseload
(~90 rows, ~20 values a row) that was half the page's Python. ``html`` and ``join`` give the
same markup with one ``str.format`` and one escape per value; ``short_date`` writes the
active language's date formats once per distinct value on the page.

    join("\\n", '<tr><td><a href="{}">{}</a></td></tr>', ((url(p.pk), p.name) for p in rows))
"""

from __future__ import annotations

import datetime as dt
import html as _html
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from django.utils import timezone
from django.utils.dateformat import format as _date_format
from django.utils.formats import get_format
from django.utils.safestring import SafeString
from django.utils.text import Truncator


def escape(value: Any) -> str:
    """``conditional_escape`` without the wrapper: a value's own HTML when it has one (a
    ``SafeString``, a bound field), else its text escaped as Django's ``escape`` does it."""
    as_html = getattr(value, "__html__", None)
    return as_html() if as_html is not None else _html.escape(str(value))


def html(format_string: str, *args: Any) -> SafeString:
    """``format_html(format_string, *args)``: the values escaped, the format string trusted."""
    return SafeString(format_string.format(*map(escape, args)))


def join(sep: str, format_string: str, rows: Iterable[Iterable[Any]]) -> SafeString:
    """``format_html_join(sep, format_string, rows)``: one ``format_string`` a row."""
    fill = format_string.format
    return SafeString(sep.join(fill(*map(escape, args)) for args in rows))


def short_date(empty: str = "—") -> Callable[[dt.date | dt.datetime | None], str]:
    """A page's writer of dates in the active language's SHORT_DATE_FORMAT, as the ``date``
    filter writes them (a time in the active time zone, by its day); ``empty`` for None.
    Made once a page: it reads the format once and writes each distinct day once."""
    return _writer("SHORT_DATE_FORMAT", empty, by_day=True)


def short_datetime(empty: str = "—") -> Callable[[dt.datetime | None], str]:
    """A page's writer of times in the active language's SHORT_DATETIME_FORMAT, in the active
    time zone, as ``{{ value|date:"SHORT_DATETIME_FORMAT" }}`` writes them."""
    return _writer("SHORT_DATETIME_FORMAT", empty, by_day=False)


def local_iso(value: dt.datetime) -> str:
    """``{{ value|date:"c" }}``: ISO 8601 in the active time zone (a ``<time datetime>``)."""
    return (timezone.localtime(value) if timezone.is_aware(value) else value).isoformat()


def _writer(format_name: str, empty: str, *, by_day: bool) -> Callable[[Any], str]:
    write_one = formatter(format_name)
    written: dict[Any, str] = {}

    def write(value: Any) -> str:
        if value is None:
            return empty
        if isinstance(value, dt.datetime):
            value = timezone.localtime(value) if timezone.is_aware(value) else value
            if by_day:
                value = value.date()
        text = written.get(value)
        if text is None:
            text = written[value] = write_one(value)
        return text

    return write


#: Django's date format characters that are numbers, as ``str.format`` fields of the value
#: (argument 0) and of its year's last two digits (argument 1) — Django's own definitions,
#: ``django.utils.dateformat``
_NUMBERS = {
    "d": "{0.day:02d}",
    "j": "{0.day}",
    "m": "{0.month:02d}",
    "n": "{0.month}",
    "Y": "{0.year:04d}",
    "y": "{1:02d}",
    "H": "{0.hour:02d}",
    "G": "{0.hour}",
    "i": "{0.minute:02d}",
    "s": "{0.second:02d}",
}
_TIME_OF_DAY = frozenset("HGis")


def formatter(format_name: str) -> Callable[[Any], str]:
    """The active language's date format ``format_name`` as a function of a date or a time
    (in the zone it is in): a format of Django's number characters and punctuation (the
    short formats of every language here) is one ``str.format`` template, written without
    building a ``DateFormat`` a value; any other (month names, escapes, zones) is Django's.
    Made once a page or an export; nothing is remembered between values."""
    fmt = get_format(format_name)
    if any(c.isalpha() and c not in _NUMBERS for c in fmt) or "\\" in fmt:
        return lambda value: str(_date_format(value, fmt))
    template = "".join(_NUMBERS.get(c) or c.replace("{", "{{").replace("}", "}}") for c in fmt)
    needs_time = any(c in _TIME_OF_DAY for c in fmt)

    def write(value: Any) -> str:
        if needs_time and not isinstance(value, dt.datetime):
            return str(_date_format(value, fmt))  # Django's own refusal of a time on a date
        return template.format(value, value.year % 100)

    return write


def truncate(text: str, length: int) -> str:
    """``{{ text|truncatechars:length }}``, without walking a text that is short enough."""
    normal = unicodedata.normalize("NFC", text)
    return normal if len(normal) <= length else Truncator(normal).chars(length)
