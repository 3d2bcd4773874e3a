"""core.markup writes what Django's format_html, date and truncatechars filters write."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from casemgmt.timeline import Entry, rows_html
from core import markup


class _Field:
    def __html__(self):
        return '<input name="x">'


VALUES = [
    "plain",
    "<script>alert('x') & \"y\"</script>",
    mark_safe("<b>trusted</b>"),
    gettext_lazy("Timeline"),
    _Field(),
    42,
    None,
    3.5,
    "Тоиров Ҷамшед",
]


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_escape_and_html_as_format_html(value):
    assert markup.html("<td>{}</td>", value) == format_html("<td>{}</td>", value)
    assert isinstance(markup.html("{}", value), SafeString)


def test_join_as_format_html_join():
    rows = [(v, v) for v in VALUES]
    ours = markup.join("\n", '<a href="{}">{}</a>', rows)
    assert ours == format_html_join("\n", '<a href="{}">{}</a>', rows)
    assert isinstance(ours, SafeString)
    assert "<script>" not in ours and "<b>trusted</b>" in ours


@pytest.mark.parametrize("language", ["en", "ru", "tg"])
def test_dates_as_the_date_filter(language, settings):
    template = Template(
        '{{ d|date:"SHORT_DATE_FORMAT" }}|{{ t|date:"SHORT_DATE_FORMAT" }}|'
        '{{ t|date:"SHORT_DATETIME_FORMAT" }}|{{ t|date:"c" }}|{{ n|date:"SHORT_DATETIME_FORMAT" }}'
    )
    day = dt.date(2026, 3, 9)
    # 21:30 UTC is the next day in Dushanbe (UTC+5): the day is the reader's
    late = dt.datetime(2026, 3, 9, 21, 30, 15, 120, tzinfo=dt.UTC)
    naive = dt.datetime(2026, 3, 9, 8, 5)  # noqa: DTZ001 - a naive time is written as it is
    with translation.override(language), timezone.override("Asia/Dushanbe"):
        theirs = template.render(Context({"d": day, "t": late, "n": naive}))
        date, when = markup.short_date(), markup.short_datetime()
        ours = "|".join([date(day), date(late), when(late), markup.local_iso(late), when(naive)])
        assert date(None) == when(None) == "—"
        assert date(day) == date(day)  # written once, read again
    assert ours == theirs
    assert date(late) != date(day)


@pytest.mark.parametrize(
    "text",
    ["", "short", "x" * 240, "x" * 241, "é" * 300, "e\u0301" * 239 + "tail", "Ҷ" * 250],
    ids=len,
)
def test_truncate_as_truncatechars(text):
    theirs = Template("{{ t|truncatechars:240 }}").render(Context({"t": text}))
    assert format_html("{}", markup.truncate(text, 240)) == theirs


def test_timeline_rows_as_the_template_wrote_them():
    """The markup the timeline's template wrote before its rows moved to Python."""
    entries = [
        Entry(
            dt.datetime(2026, 3, 9, 21, 30, tzinfo=dt.UTC), "note", "Note: <General>", "a & b " * 60, "/p/1/"
        ),
        Entry(dt.datetime(2026, 3, 8, 6, 0, tzinfo=dt.UTC), "complaint", "Confidential"),
    ]
    template = Template(
        "{% for e in entries %}"
        '<li class="tl-{{ e.kind }}"><time datetime="{{ e.at|date:\'c\' }}">'
        '{{ e.at|date:"SHORT_DATETIME_FORMAT" }}</time> <strong>{% if e.url %}<a href="{{ e.url }}">'
        "{{ e.title }}</a>{% else %}{{ e.title }}{% endif %}</strong>{% if e.detail %}<br><span>"
        "{{ e.detail|truncatechars:240 }}</span>{% endif %}</li>{% if not forloop.last %}\n{% endif %}"
        "{% endfor %}"
    )
    for language in ("en", "ru"):
        with translation.override(language), timezone.override("Asia/Dushanbe"):
            assert rows_html(entries) == template.render(Context({"entries": entries}))


@pytest.mark.parametrize("fmt", ["d.m.Y", "d.m.Y H:i", "j/n/y G:i:s", "Y-m-d", "d{m}%Y", "j E Y г.", r"\d d"])
def test_number_formats_written_as_django_writes_them(fmt, monkeypatch):
    """``markup.formatter``: a format of number characters and punctuation (braces and
    percent signs included) written by one template; any other by Django; the same text."""
    from django.utils.dateformat import format as django_format

    monkeypatch.setattr(markup, "get_format", lambda name: fmt)
    write = markup.formatter("SHORT_DATE_FORMAT")
    utc = dt.UTC
    for value in (
        dt.datetime(2026, 3, 9, 7, 5, 3, tzinfo=utc),
        dt.datetime(987, 12, 31, 23, 59, tzinfo=utc),
        dt.date(2026, 1, 2),
    ):
        try:
            theirs = django_format(value, fmt)
        except TypeError:  # Django refuses a time of day on a date: so do we
            with pytest.raises(TypeError):
                write(value)
            continue
        assert write(value) == theirs, (fmt, value)
    assert (write.__name__ == "<lambda>") == any(c in fmt for c in "E\\г")
