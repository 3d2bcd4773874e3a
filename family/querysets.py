"""Who reads and changes the family records.

- Officers and supervisors of the facility holding the file (``change_prisoner``) read
  and correct the ordinary contacts, book and record visits, impose restrictions and
  record consular notifications.
- Holders of ``view_family`` (the allocated case manager, supervisors) read the whole
  family picture, confidential contacts (children, victims) and the children register.
- A confidential contact and the children register are changed only by who holds both.
- Programme staff hold neither and see nothing of it.
"""

from __future__ import annotations

from typing import Any, Self

from django.db import models
from django.db.models import Q

from core.querysets import granted_ids, holds
from custody.querysets import security_facility_ids

STAFF = "change_prisoner"
FAMILY = "view_family"


def _anonymous(user) -> bool:
    return user is None or not user.is_authenticated or not user.is_active


def _in(user, codename, p):
    return holds(user, codename, f"{p}prisoner")


class FamilyQuerySet(models.QuerySet):
    """Contacts, restrictions, visits and notifications: a row is confidential when its
    ``confidential_path`` is true (a confidential contact)."""

    confidential_path: str | None = None

    def condition(self, user, action: str, p: str = "") -> Q:
        staff, family = _in(user, STAFF, p), _in(user, FAMILY, p)
        open_ = Q(**{f"{p}{self.confidential_path}": False}) if self.confidential_path else Q()
        if self.confidential_path and self.confidential_path.endswith("__confidential"):
            open_ |= Q(**{f"{p}{self.confidential_path.rsplit('__', 1)[0]}__isnull": True})
        if not self.confidential_path:
            open_ = Q(pk__isnull=False)  # an empty Q() would vanish in the OR below
        if action in ("view", "view_prisoner"):
            return (staff & open_) | family
        if action in ("change", STAFF):
            return staff & (open_ | family)
        if action == FAMILY:
            return family
        return Q(**{f"{p}prisoner_id__in": granted_ids(user, action)}) & open_

    def restrict(self, user: Any, action: str = "view") -> Self:
        if _anonymous(user):
            return self.none()
        return self.filter(self.condition(user, action))


class ContactQuerySet(FamilyQuerySet):
    confidential_path = "confidential"


class RestrictionQuerySet(FamilyQuerySet):
    confidential_path = "contact__confidential"


class VisitQuerySet(FamilyQuerySet):
    pass


class ChildQuerySet(models.QuerySet):
    """The children register (Bangkok Rule 3): ``view_family`` reads it, ``view_family``
    together with ``change_prisoner`` changes it."""

    def restrict(self, user: Any, action: str = "view") -> Self:
        if _anonymous(user):
            return self.none()
        # conditions that stand alone: IN, from which PostgreSQL may start (core.querysets.holds)
        family = self.filter(prisoner_id__in=granted_ids(user, FAMILY))
        if action in ("change", STAFF):
            return family.filter(prisoner_id__in=granted_ids(user, STAFF))
        return family


class SessionQuerySet(models.QuerySet):
    """Visit sessions: kept by the officers and supervisors of their facility."""

    def restrict(self, user: Any, action: str = "view") -> Self:
        if _anonymous(user):
            return self.none()
        return self.filter(facility_id__in=security_facility_ids(user))
