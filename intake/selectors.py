"""Reads of the intake."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db.models import Q, QuerySet
from django.http import Http404

from casemgmt import names
from casemgmt.models import Prisoner
from intake.models import Admission


def admission_list(*, user, action: str = "view") -> QuerySet[Admission]:
    return Admission.objects.restrict(user, action).select_related("facility", "prisoner", "created_by")


def admission_get(*, user, pk, action: str = "view", for_update: bool = False) -> Admission:
    try:
        return admission_list(user=user, action=action).get(pk=pk)
    except (Admission.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


@dataclass
class Candidate:
    prisoner: Prisoner
    similarity: float
    same_birth_date: bool

    @property
    def score(self) -> float:
        return self.similarity + (0.5 if self.same_birth_date else 0.0)


def duplicate_candidates(
    *, family_name: str, given_name: str = "", patronymic: str = "", date_of_birth=None, limit: int = 8
) -> list[Candidate]:
    """Earlier files that may be this person, best first: name similarity in any
    script (one Latin key, trigram word similarity on the GIN index) plus a bonus
    for the same date of birth.

    This deliberately searches every file, not only the ones the officer may open:
    a returning person is often last held elsewhere. The page shows only name, date
    of birth, prison number and custody status; choosing a file is audited.
    """
    family_key = names.search_key(family_name)
    if not family_key:
        return []
    key = names.search_key(" ".join(p for p in (family_name, given_name, patronymic) if p))
    condition = Q(search_latin__trigram_word_similar=family_key.split()[0])
    if date_of_birth:
        condition |= Q(date_of_birth=date_of_birth, search_latin__trigram_word_similar=key.split()[-1])
    rows = (
        Prisoner.objects.filter(condition)
        .annotate(similarity=TrigramWordSimilarity(key, "search_latin"))
        .select_related("facility")
        .order_by("-similarity", "id")[: limit * 3]
    )
    found = [
        Candidate(p, float(p.similarity), bool(date_of_birth) and p.date_of_birth == date_of_birth)
        for p in rows
    ]
    found.sort(key=lambda c: -c.score)
    return found[:limit]
