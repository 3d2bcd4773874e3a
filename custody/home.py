"""The custody app's section of the home page (``casemgmt.home``): the movements recorded
today in the reader's facilities (issue 23)."""

from __future__ import annotations

from casemgmt import home
from casemgmt.choices import Role
from core import reads
from core.dates import LocalMidnight
from core.prepared import Prepared, User
from core.querysets import Walk
from custody.models import Movement

#: how many of today's movements the home page lists (the movements page has them all)
LIMIT = 15


# compiled once a process (core.prepared): the home page is every officer's first page
_today = Prepared(
    lambda user: (
        # today's movements of the country read newest first, each tested by probes of the
        # grant indexes: a few hundred at most, where hashing an officer's grants reads one a
        # file they see (issue 25: 60 ms of the 1,000,000 set)
        Movement.objects.restrict(user, walk=Walk.PROBED)
        .filter(occurred_at__gte=LocalMidnight(), occurred_at__lt=LocalMidnight(days=1))
        .select_related("prisoner", "to_unit", "to_cell")
        .order_by("-occurred_at", "-pk")[:LIMIT]
    ),
    user=User(),
)


def _movements(user) -> dict:
    # Today as a range of instants, served by the index on ``occurred_at`` (``__date``
    # scanned every movement of the country on each home page: 35 ms of 200,000), its
    # bounds computed by PostgreSQL so that the statement is planned once (LocalMidnight)
    movements = _today.all(user=user)
    reads.note_instances(movements)
    return {"movements": movements}


def register() -> None:
    home.register(
        home.Section(
            key="movements-today",
            roles=frozenset({Role.OFFICER}),
            template="custody/_home_movements.html",
            context=_movements,
            order=30,
        )
    )
