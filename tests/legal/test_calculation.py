"""The expected release date: a table of cases (pure calculation, no database)."""

import datetime as dt

import pytest

from legal.calculation import DEFAULT_RULES, Term, compute, remand_days

D = dt.date
RULES = {
    **DEFAULT_RULES,
    "remand_credit": {"default": 1.0, "settlement": 2.0},
    "early_release": {"parole": 0.5},
}

CASES = [
    # (name, terms, expected release, expected parole date)
    ("one year", [Term(1, D(2025, 3, 1), years=1)], D(2026, 2, 28), D(2025, 8, 31)),
    ("months and days", [Term(1, D(2025, 1, 31), months=1, days=10)], D(2025, 3, 9), D(2025, 2, 19)),
    (
        "remand credit day for day",
        [Term(1, D(2025, 1, 10), years=2, remand_days=101)],
        D(2026, 9, 30),
        D(2025, 10, 1),
    ),
    (
        "remand credit two for one in a colony-settlement",
        [Term(1, D(2025, 1, 1), years=1, regime="settlement", remand_days=10)],
        D(2025, 12, 11),
        D(2025, 6, 13),
    ),
    (
        "concurrent: the latest end",
        [Term(1, D(2025, 1, 1), years=3), Term(2, D(2025, 6, 1), years=1)],
        D(2027, 12, 31),
        D(2026, 7, 3),
    ),
    (
        "consecutive: starts the day after",
        [Term(1, D(2025, 1, 1), years=1), Term(2, D(2025, 3, 1), months=6, consecutive_to=1)],
        D(2026, 6, 30),
        D(2025, 10, 1),
    ),
    (
        "consecutive after a sentence reduced by remand",
        [Term(1, D(2025, 1, 1), years=1, remand_days=30), Term(2, D(2025, 2, 1), months=6, consecutive_to=1)],
        D(2026, 6, 1),
        D(2025, 9, 2),
    ),
]


@pytest.mark.parametrize("name,terms,release,parole", CASES, ids=[c[0] for c in CASES])
def test_release_dates(name, terms, release, parole):
    result = compute(terms, RULES)
    assert result.release_on == release
    assert result.early.get("parole") == parole
    assert result.steps  # every result explains itself


def test_no_sentence_no_date():
    result = compute([], RULES)
    assert result.release_on is None and result.steps


def test_remand_days_counts_each_day_once_and_stops_at_the_sentence():
    periods = [(D(2024, 10, 1), D(2024, 10, 10)), (D(2024, 10, 5), D(2024, 10, 12)), (D(2025, 1, 1), None)]
    assert remand_days(periods, D(2025, 1, 6)) == 12 + 5


def test_configured_rules_change_the_dates():
    terms = [Term(1, D(2025, 1, 1), years=1)]
    assert compute(terms, {**RULES, "count_first_day": False}).release_on == D(2026, 1, 1)
    two_thirds = {**RULES, "early_release": {"parole": {"default": 0.5, "strict": 2 / 3}}}
    strict = compute([Term(1, D(2025, 1, 1), years=3, regime="strict")], two_thirds)
    assert strict.early["parole"] == D(2027, 1, 1)
