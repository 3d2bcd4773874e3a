"""The reception's section of the home page (``casemgmt.home``): the intakes in progress
at the reader's reception desks, the latest saved first (issue 23)."""

from __future__ import annotations

from casemgmt import home
from casemgmt.choices import Role
from core import reads
from core.prepared import Prepared, User
from intake.models import Admission
from intake.querysets import DRAFT

#: how many drafts the home page lists (the reception list has them all)
LIMIT = 10


# compiled once a process (core.prepared): the home page is every officer's first page
_latest_drafts = Prepared(
    lambda user: (
        Admission.objects.restrict(user, DRAFT)
        .select_related("facility", "prisoner")
        .order_by("-updated_at", "-pk")[:LIMIT]
    ),
    user=User(),
)


def _drafts(user) -> dict:
    drafts = _latest_drafts.all(user=user)
    reads.note_instances(drafts)
    return {"drafts": drafts}


def register() -> None:
    home.register(
        home.Section(
            key="intake-drafts",
            roles=frozenset({Role.OFFICER}),
            template="intake/_home_drafts.html",
            context=_drafts,
            order=10,
        )
    )
