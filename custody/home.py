"""The custody app's section of the home page (``casemgmt.home``): the movements recorded
today in the reader's facilities (issue 23)."""

from __future__ import annotations

from django.utils import timezone

from casemgmt.choices import Role
from core import reads

#: how many of today's movements the home page lists (the movements page has them all)
LIMIT = 15


def _today(user) -> dict:
    from custody.models import Movement

    movements = list(
        Movement.objects.restrict(user)
        .filter(occurred_at__date=timezone.localdate())
        .select_related("prisoner", "to_unit", "to_cell")
        .order_by("-occurred_at", "-pk")[:LIMIT]
    )
    reads.note_instances(movements)
    return {"movements": movements}


def register() -> None:
    from casemgmt import home

    home.register(
        home.Section(
            key="movements-today",
            roles=frozenset({Role.OFFICER}),
            template="custody/_home_movements.html",
            context=_today,
            order=30,
        )
    )
