"""Who reads and acts on disciplinary reports and separations.

- ``view``: the staff who run the prison where the person is held (``change_prisoner``:
  officers and supervisors), the case manager of the file (``manage_caseplan``: the
  outcomes of their caseload), and the adjudicators of the person's facility.
  A separation is also seen by the health staff of the facility (they visit daily).
- ``report`` (report an offence, record that the charge was put): ``change_prisoner``.
- ``hear`` (the hearing, finding and sanctions): the facility's supervisors (role
  ``supervisor`` and the file's facility grant) or its adjudicators (role ``adjudicator``,
  assigned to the facility where the person is held). The service refuses the reporting
  officer (Rule 41).
- ``appeal`` (decide an appeal; place, review and end a separation): the supervisors.
- ``health`` (record a health visit, Rule 46): health staff assigned to the facility.

Adjudicators and health staff hold no grant on the file: they act by role in the
facilities they are assigned to (``StaffAssignment``), and health staff never hear or
report (Rule 46(1): health personnel take no part in imposing sanctions).
"""

from __future__ import annotations

from typing import Any, Self

from django.db import models
from django.db.models import Q

from casemgmt.choices import Role
from casemgmt.models import StaffAssignment
from core.querysets import codename_for, granted_ids, holds


def _anonymous(user) -> bool:
    return user is None or not user.is_authenticated or not user.is_active


def _assigned(user):
    return StaffAssignment.objects.filter(user_id=user.pk).values("facility_id")


def _nothing(p: str) -> Q:
    return Q(**{f"{p}pk__isnull": True})


def condition(user, action: str = "view", field: str = "", separation: bool = False) -> Q:
    if _anonymous(user):
        return Q(pk__in=[])
    p = f"{field}__" if field else ""
    roles = user.roles
    staff = holds(user, "change_prisoner", f"{p}prisoner")
    managers = holds(user, "manage_caseplan", f"{p}prisoner")
    here = Q(**{f"{p}prisoner__facility_id__in": _assigned(user)})
    adjudicators = here if Role.ADJUDICATOR in roles else _nothing(p)
    health = here if Role.HEALTH in roles else _nothing(p)
    supervisors = staff if Role.SUPERVISOR in roles else _nothing(p)
    if action == "view":
        out = staff | managers | adjudicators
        return out | health if separation else out
    if action == "report":
        return staff if Role.HEALTH not in roles else _nothing(p)
    if action == "hear":
        return (supervisors | adjudicators) if Role.HEALTH not in roles else _nothing(p)
    if action == "appeal":
        return supervisors
    if action == "health":
        return health
    return Q(**{f"{p}prisoner_id__in": granted_ids(user, codename_for(action))})


class ReportQuerySet(models.QuerySet):
    def restrict(self, user: Any, action: str = "view") -> Self:
        if _anonymous(user):
            return self.none()
        return self.filter(condition(user, action))


class SeparationQuerySet(models.QuerySet):
    def restrict(self, user: Any, action: str = "view") -> Self:
        if _anonymous(user):
            return self.none()
        return self.filter(condition(user, action, separation=True))


class RecordQuerySet(models.QuerySet):
    """Sanctions, health visits and reviews: read with their report or separation."""

    def restrict(self, user: Any, action: str = "view") -> Self:
        if _anonymous(user):
            return self.none()
        return self.filter(condition(user, action, separation=self.model.__name__ != "Sanction"))
