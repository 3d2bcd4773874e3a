"""The expected release date: a pure calculation from the sentences and the remand credit.

Rules (``settings.LEGAL_RELEASE_RULES``, every key optional):

- ``count_first_day`` (True): the day the sentence starts is its first day, so a year
  from 1 March ends on the last day of February;
- ``remand_credit`` ({"default": 1.0}): days of credit per day on remand, by regime
  (a day on remand may count for more in a lighter regime);
- ``early_release`` ({"parole": 0.5}): the share of the term after which early release may
  be considered, by name (a number, or a dict by regime with a "default").

Concurrent sentences run together (the latest end wins); a consecutive one starts the day
after the sentence it follows ends. Each sentence is reduced by the credit for the remand
of its own case. Every step is written into the explanation as (message id, values), so it
is read in the reader's language.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils.translation import gettext_noop as noop

DEFAULT_RULES = {
    "count_first_day": True,
    "remand_credit": {"default": 1.0},
    "early_release": {"parole": 0.5},
}


def rules() -> dict:
    return {**DEFAULT_RULES, **(getattr(settings, "LEGAL_RELEASE_RULES", None) or {})}


@dataclass
class Term:
    key: int
    start: dt.date
    years: int = 0
    months: int = 0
    days: int = 0
    regime: str = "general"
    consecutive_to: int | None = None
    remand_days: int = 0


@dataclass
class Result:
    release_on: dt.date | None
    early: dict = field(default_factory=dict)
    steps: list = field(default_factory=list)
    credit_days: int = 0


def _ratio(table, regime: str) -> float:
    if isinstance(table, int | float):
        return float(table)
    return float(table.get(regime, table.get("default", 1.0)))


def remand_days(periods, until: dt.date) -> int:
    """Days on remand (each day counted once, both ends included) before ``until``."""
    days = set()
    for start, end in periods:
        end = min(end or until - dt.timedelta(days=1), until - dt.timedelta(days=1))
        d = start
        while d <= end:
            days.add(d)
            d += dt.timedelta(days=1)
    return len(days)


def compute(terms: list[Term], rule: dict | None = None) -> Result:
    rule = rule or rules()
    if not terms:
        return Result(None, steps=[(noop("No sentence in force: no release date."), {})])
    by_key = {t.key: t for t in terms}
    ends: dict[int, dt.date] = {}
    starts: dict[int, dt.date] = {}
    steps = []
    credit_total = 0
    last_day = 1 if rule["count_first_day"] else 0

    def end_of(t: Term, seen=()) -> dt.date:
        nonlocal credit_total
        if t.key in ends:
            return ends[t.key]
        start = t.start
        prev = by_key.get(t.consecutive_to)
        if prev is not None and prev.key not in seen:
            after = end_of(prev, (*seen, t.key)) + dt.timedelta(days=1)
            if after > start:
                start = after
                steps.append(
                    (
                        noop(
                            "Sentence %(key)s is consecutive: it starts on %(start)s, the day after sentence %(prev)s ends."
                        ),
                        {"key": t.key, "start": start.isoformat(), "prev": prev.key},
                    )
                )
        full = (
            start + relativedelta(years=t.years, months=t.months, days=t.days) - dt.timedelta(days=last_day)
        )
        credit = math.floor(t.remand_days * _ratio(rule["remand_credit"], t.regime))
        end = full - dt.timedelta(days=credit)
        steps.append(
            (
                noop(
                    "Sentence %(key)s: %(years)s y %(months)s m %(days)s d from %(start)s ends on %(full)s."
                ),
                {
                    "key": t.key,
                    "years": t.years,
                    "months": t.months,
                    "days": t.days,
                    "start": start.isoformat(),
                    "full": full.isoformat(),
                },
            )
        )
        if credit:
            steps.append(
                (
                    noop(
                        "Remand of %(remand)s days counts as %(credit)s days: sentence %(key)s ends on %(end)s."
                    ),
                    {"remand": t.remand_days, "credit": credit, "key": t.key, "end": end.isoformat()},
                )
            )
        credit_total += credit
        starts[t.key], ends[t.key] = start, end
        return end

    for t in sorted(terms, key=lambda t: (t.start, t.key)):
        end_of(t)
    release = max(ends.values())
    if len(terms) > 1:
        steps.append(
            (
                noop("Concurrent sentences run together; the latest end is the release date: %(release)s."),
                {"release": release.isoformat()},
            )
        )
    first = min(starts.values())
    # The term actually to be served, from the first start to the release (credit included).
    span = (release - first).days + last_day + credit_total
    early = {}
    regime = max(terms, key=lambda t: ends[t.key]).regime
    for name, table in (rule.get("early_release") or {}).items():
        fraction = _ratio(table, regime)
        eligible = first + dt.timedelta(days=math.ceil(round(span * fraction, 6)) - credit_total)
        eligible = max(eligible, first)
        if eligible < release:
            early[name] = eligible
            steps.append(
                (
                    noop("%(name)s: after %(percent)s%% of the term, from %(date)s."),
                    {"name": name, "percent": round(fraction * 100), "date": eligible.isoformat()},
                )
            )
    return Result(release, early, steps, credit_total)
