"""Who reads the legal record and the release plan.

- the legal record (cases, charges, hearings, remand, sentences, appeals, release dates):
  the facility's staff who keep custody (``change_prisoner``: officers, supervisors) and the
  case manager (``manage_caseplan``); written by the facility's staff (``change_prisoner``);
- the release and reintegration plan, handover summaries and prisoner's copies: the case
  manager and supervisors (``manage_caseplan``).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from core.querysets import codename_for, granted_ids

LEGAL_READ = "view_legal"  # a pseudo-action: custody staff or the case manager
LEGAL_WRITE = "change_prisoner"
PLAN = "manage_caseplan"


def _anonymous(user) -> bool:
    return user is None or not user.is_authenticated or not user.is_active


def condition(user, action: str, field: str = "prisoner") -> Q:
    if _anonymous(user):
        return Q(pk__in=[])
    if action in ("view", LEGAL_READ):
        return Q(**{f"{field}_id__in": granted_ids(user, "change_prisoner")}) | Q(
            **{f"{field}_id__in": granted_ids(user, PLAN)}
        )
    return Q(**{f"{field}_id__in": granted_ids(user, codename_for(action))})


class LegalQuerySet(models.QuerySet):
    prisoner_field = "prisoner"

    def restrict(self, user, action: str = "view"):
        if _anonymous(user):
            return self.none()
        return self.filter(condition(user, action, self.prisoner_field))


def legal_readable(capabilities) -> bool:
    return bool({"change_prisoner", PLAN} & set(capabilities))
