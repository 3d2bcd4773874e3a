"""Who reads the legal record and the release plan.

- the legal record (cases, charges, hearings, remand, sentences, appeals, release dates):
  the facility's staff who keep custody (``change_prisoner``: officers, supervisors) and the
  case manager (``manage_caseplan``); written by the facility's staff (``change_prisoner``);
- the release and reintegration plan, handover summaries and prisoner's copies: the case
  manager and supervisors (``manage_caseplan``).
"""

from __future__ import annotations

from typing import Any, Self

from core.querysets import FileRecordQuerySet

LEGAL_READ = "view_legal"  # a pseudo-action: custody staff or the case manager
LEGAL_WRITE = "change_prisoner"
PLAN = "manage_caseplan"
#: who reads the legal record: the facility's custody staff or the case manager
READERS = (LEGAL_WRITE, PLAN)


class LegalQuerySet(FileRecordQuerySet):
    read_any_of = READERS

    def restrict(self, user: Any, action: str = "view") -> Self:
        return super().restrict(user, "view" if action == LEGAL_READ else action)


def legal_readable(capabilities) -> bool:
    return bool(set(READERS) & set(capabilities))
