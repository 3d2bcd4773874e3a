"""The duplicate check at reception: does the person before the officer already have a file?

An officer needs to know that, not to browse other facilities. So:

- files the officer may open (``view``) are offered on a name that is merely close
  (trigram word distance on the one Latin key, a bonus for the same date of birth);
- a file the officer may not open appears only on a strong match — family name, given
  name and date of birth equal (the names compared on their Latin search keys, so a
  Cyrillic and a Latin spelling meet), or an identity document number equal — and with
  only what the decision needs: prison number, names, date of birth, facility (no photo,
  no cell, no status);
- every check counts against a per-user limit (``CHECKS_PER_MINUTE``, Django's cache),
  and the response that shows candidates notes them for the read audit with the query
  typed (``note_check``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import TrigramWordDistance, TrigramWordSimilarity
from django.core.cache import cache

from casemgmt import names
from casemgmt.models import Prisoner
from core import reads

CHECKS_PER_MINUTE = getattr(settings, "INTAKE_DUPLICATE_CHECKS_PER_MINUTE", 30)


class RateLimited(Exception):
    """The user ran more duplicate checks in this minute than a reception desk needs."""


@dataclass
class Candidate:
    prisoner: Prisoner
    similarity: float
    same_birth_date: bool
    #: a file the officer may not open, shown because of a strong match (the minimum only)
    foreign: bool = False

    @property
    def score(self) -> float:
        return self.similarity + (0.5 if self.same_birth_date else 0.0)


def name_matches(
    queryset,
    *,
    family_name: str,
    given_name: str = "",
    patronymic: str = "",
    date_of_birth=None,
    limit: int = 8,
) -> list[Candidate]:
    """Files of ``queryset`` whose names are close to the one typed, best first: name
    similarity in any script (one Latin key, nearest by trigram word distance on the GiST
    index) plus a bonus for the same date of birth."""
    family_key = names.search_key(family_name)
    if not family_key:
        return []
    key = names.search_key(" ".join(p for p in (family_name, given_name, patronymic) if p))
    # Nearest first through the GiST index (KNN on word distance), then a cut-off so a
    # name that merely shares a letter pair is not offered as the same person.
    nearest = (
        # The filter names the GiST index's condition, so the planner may use it.
        queryset.filter(search_latin__gt="")
        .annotate(distance=TrigramWordDistance(key, "search_latin"))
        .order_by("distance")
        .values_list("pk", "distance")[: limit * 4]
    )
    close = {pk: 1 - distance for pk, distance in nearest if distance <= 0.6}
    if date_of_birth:
        same_day = (
            queryset.filter(date_of_birth=date_of_birth)
            .annotate(similarity=TrigramWordSimilarity(key, "search_latin"))
            .filter(similarity__gte=0.3)
            .values_list("pk", "similarity")[:limit]
        )
        close.update(dict(same_day))
    rows = list(Prisoner.objects.filter(pk__in=close).select_related("facility"))
    found = [
        Candidate(p, float(close[p.pk]), bool(date_of_birth) and p.date_of_birth == date_of_birth)
        for p in rows
    ]
    found.sort(key=lambda c: -c.score)
    return found[:limit]


def _keys(*values: str) -> set[str]:
    return {k for k in (names.search_key(v) for v in values) if k}


def strong_matches(
    *, family_name: str, given_name: str, date_of_birth=None, document_number: str = ""
) -> list:
    """Every file (of any facility) that is this person beyond reasonable doubt: family
    name, given name and date of birth equal on their Latin keys, or the same identity
    document number. A handful of rows: the date of birth and the number are indexed
    or short."""
    found: dict[int, Prisoner] = {}
    family, given = _keys(family_name), _keys(given_name)
    if date_of_birth and family and given:
        for p in Prisoner.objects.filter(date_of_birth=date_of_birth).select_related("facility"):
            if family & _keys(p.family_name, p.family_name_latin) and given & _keys(
                p.given_name, p.given_name_latin
            ):
                found[p.pk] = p
    number = (document_number or "").strip()
    if number:
        for p in Prisoner.objects.filter(documents__number__iexact=number).select_related("facility"):
            found[p.pk] = p
    return list(found.values())


def _count(user) -> None:
    key = f"intake:duplicate-check:{user.pk}:{int(time.time() // 60)}"
    cache.add(key, 0, timeout=90)
    try:
        done = cache.incr(key)
    except ValueError:  # expired between add and incr: this is the first of a new minute
        cache.set(key, 1, timeout=90)
        done = 1
    if done > CHECKS_PER_MINUTE:
        raise RateLimited


def duplicate_check(
    *,
    user,
    family_name: str,
    given_name: str = "",
    patronymic: str = "",
    date_of_birth=None,
    document_number: str = "",
    limit: int = 8,
) -> list[Candidate]:
    """The candidates shown to ``user`` for what was typed (see the module's rules);
    raises ``RateLimited`` over the per-user limit. Nothing is noted here: the response
    that shows the candidates notes them (``note_check``)."""
    _count(user)
    visible = Prisoner.objects.restrict(user, "view")
    found = name_matches(
        visible,
        family_name=family_name,
        given_name=given_name,
        patronymic=patronymic,
        date_of_birth=date_of_birth,
        limit=limit,
    )
    shown = {c.prisoner.pk for c in found}
    strong = [
        p
        for p in strong_matches(
            family_name=family_name,
            given_name=given_name,
            date_of_birth=date_of_birth,
            document_number=document_number,
        )
        if p.pk not in shown
    ]
    if strong:
        mine = set(visible.filter(pk__in=[p.pk for p in strong]).values_list("pk", flat=True))
        for p in strong:
            same_day = bool(date_of_birth) and p.date_of_birth == date_of_birth
            found.insert(0, Candidate(p, 1.0, same_day, foreign=p.pk not in mine))
    return found


def note_check(candidates: list[Candidate], **query) -> None:
    """Note the files shown and the query typed for this response's read event."""
    typed = " · ".join(f"{k}={v}" for k, v in query.items() if v)
    reads.note(
        [c.prisoner for c in candidates],
        record="casemgmt.prisoner",
        ids=[c.prisoner.pk for c in candidates],
        reason=f"intake duplicate check: {typed}"[:1000],
    )


def admission_query(admission) -> dict:
    """What a draft says about the person, as the check takes it."""
    return {
        "family_name": admission.family_name,
        "given_name": admission.given_name,
        "patronymic": admission.patronymic,
        "date_of_birth": admission.date_of_birth,
        "document_number": admission.document_number,
    }
