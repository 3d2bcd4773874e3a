"""Columns other apps add to the caseload (the core of casework imports none of them).

A column gives annotations added to the caseload's one query (subqueries over its own
tables, so the page stays one query whatever the number of rows) and a cell read from
them. The legal app adds the release plan's progress ("3 of 5 actions done")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


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
