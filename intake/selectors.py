"""Reads of the intake."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.search import TrigramWordDistance, TrigramWordSimilarity
from django.db.models import QuerySet

from casemgmt import names
from casemgmt.models import Prisoner
from casemgmt.selectors import get_visible
from intake.choices import AdmissionStatus
from intake.models import Admission


def admission_list(*, user, action: str = "view") -> QuerySet[Admission]:
    return Admission.objects.restrict(user, action).select_related("facility", "prisoner", "created_by")


def admission_list_filtered(*, user, status: str = "open") -> QuerySet[Admission]:
    """The reception desk's list: ``open`` (in progress and admitted today), a status, or ``all``."""
    from django.utils import timezone

    qs = admission_list(user=user)
    if status == "open":
        today = timezone.localdate()
        qs = qs.filter(status=AdmissionStatus.DRAFT) | qs.filter(admitted_at__date=today)
    elif status in AdmissionStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("-updated_at")


def admission_get(*, user, pk, action: str = "view") -> Admission:
    return get_visible(admission_list(user=user, action=action), pk)


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
    script (one Latin key, nearest by trigram word distance on the GiST index) plus a bonus
    for the same date of birth.

    This deliberately searches every file, not only the ones the officer may open:
    a returning person is often last held elsewhere. The page shows only name, date
    of birth, prison number and custody status; choosing a file is audited.
    """
    family_key = names.search_key(family_name)
    if not family_key:
        return []
    key = names.search_key(" ".join(p for p in (family_name, given_name, patronymic) if p))
    # Nearest first through the GiST index (KNN on word distance), then a cut-off so a
    # name that merely shares a letter pair is not offered as the same person.
    nearest = (
        # The filter names the GiST index's condition, so the planner may use it.
        Prisoner.objects.filter(search_latin__gt="")
        .annotate(distance=TrigramWordDistance(key, "search_latin"))
        .order_by("distance")
        .values_list("pk", "distance")[: limit * 4]
    )
    close = {pk: 1 - distance for pk, distance in nearest if distance <= 0.6}
    if date_of_birth:
        same_day = (
            Prisoner.objects.filter(date_of_birth=date_of_birth)
            .annotate(similarity=TrigramWordSimilarity(key, "search_latin"))
            .filter(similarity__gte=0.3)
            .values_list("pk", "similarity")[:limit]
        )
        close.update(dict(same_day))
    rows = list(Prisoner.objects.filter(pk__in=close).select_related("facility"))
    for p in rows:
        p.similarity = close[p.pk]
    found = [
        Candidate(p, float(p.similarity), bool(date_of_birth) and p.date_of_birth == date_of_birth)
        for p in rows
    ]
    found.sort(key=lambda c: -c.score)
    return found[:limit]
