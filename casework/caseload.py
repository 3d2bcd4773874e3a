"""Columns other apps add to the caseload (the core of casework imports none of them).

A column gives annotations added to the caseload's one query (subqueries over its own
tables, so the page stays one query whatever the number of rows) and a cell read from
them. The legal app adds the release plan's progress ("3 of 5 actions done")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.formats import localize
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from casework.choices import PlanStatus
from core import markup
from core.links import url_for_each


@dataclass(frozen=True)
class Cell:
    text: str
    url: str = ""
    css: str = ""


@dataclass(frozen=True)
class Column:
    code: str
    label: Any
    #: {name: expression} over the caseload's Prisoner rows (``OuterRef("pk")``)
    annotations: Callable[[], dict[str, Any]]
    #: the row (annotated) -> its cell
    cell: Callable[[Any], Cell]


_COLUMNS: dict[str, Column] = {}


def register(column: Column) -> None:
    _COLUMNS[column.code] = column


def columns() -> list[Column]:
    return list(_COLUMNS.values())


def all_annotations() -> dict[str, Any]:
    """Every column's annotations (named so as not to shadow ``from __future__ import
    annotations``, which type checkers then take for the module's ``annotations``)."""
    out: dict[str, Any] = {}
    for column in _COLUMNS.values():
        out.update(column.annotations())
    return out


def rows_html(rows: list[Any], columns: list[Column], today: dt.date) -> SafeString:
    """The caseload's rows, written in Python as the prisoner list's are
    (``casemgmt_tags.prisoner_rows``): a case manager's 90 rows took ~25 ms through the
    template engine (issue #25), and half of the rest in ``format_html``'s escaping
    (``core.markup``). Dates follow the active language's SHORT_DATE_FORMAT (the last
    note's time in the active time zone), as the ``date`` filter writes them."""
    early = markup.html('<span class="badge warn">{}</span> ', _("early review"))
    none = _("none")
    plan_labels = {value: str(label) for value, label in PlanStatus.choices}
    short = markup.short_date()

    def cell(c: Cell) -> str:
        css = markup.html(' class="{}"', c.css) if c.css else ""
        text = markup.html('<a href="{}">{}</a>', c.url, c.text) if c.url else markup.escape(c.text)
        return f"<td{css}>{text}</td>"

    detail, plan_tab = url_for_each("prisoner-detail"), url_for_each("prisoner-tab", "plan")

    def row(p: Any) -> tuple[Any, ...]:
        where = (p.facility.name if p.facility_id else "") + (f" · {p.unit.code}" if p.unit_id else "")
        due = p.review_due
        return (
            detail(p.pk), p.full_name, p.prison_number,
            where,
            early if p.early_review else "",
            "overdue" if due and due < today else "", short(due),
            plan_tab(p.pk), plan_labels.get(p.plan_status, p.plan_status) if p.plan_status else none,
            " overdue" if p.overdue_actions else "", localize(p.overdue_actions),
            short(p.latest_note),
            SafeString("".join(cell(column.cell(p)) for column in columns)),
        )  # fmt: skip

    return markup.join(
        "\n  ",
        '<tr>\n    <td><a href="{}">{}</a><br><small class="muted">{}</small></td>\n'
        "    <td>{}</td>\n"
        '    <td>{}<span class="{}">{}</span></td>\n'
        '    <td><a href="{}">{}</a></td>\n'
        '    <td class="num{}">{}</td>\n'
        "    <td>{}</td>\n"
        "    {}\n  </tr>",
        (row(p) for p in rows),
    )
