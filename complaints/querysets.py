"""Who reads and handles requests and complaints.

- ``exists``: that a complaint exists and its deadlines — the staff who run the prison
  where the person is held (``change_prisoner``, officers and supervisors), the holders of
  ``view_complaints`` (supervisors) and the authority it is routed to.
- ``view`` (its content): the same, except that a **confidential** complaint is read only
  by the authority it is addressed to, never by facility staff (Rule 56(3)).
- ``handle`` (acknowledge, investigate, answer, refer, close): a complaint to the director
  by the facility's supervisors (``view_complaints``); one routed outside by its authority.
- ``complainants``: every complaint of the files on which the user holds ``view_complaints``
  (the supervisors' review after a complaint; no content is read through it).
- The authorities (roles ``central_admin`` and ``inspector``) hold no grant on any file:
  they read the complaints routed to them, across facilities, and nothing else.

Any other action is a capability codename on the file, for non-confidential complaints.
"""

from __future__ import annotations

from typing import Any, Self

from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q

from complaints.choices import ROUTE_ROLES
from core.querysets import codename_for, granted_ids, holds

VIEW_COMPLAINTS = "view_complaints"
FACILITY_STAFF = "change_prisoner"


def _anonymous(user) -> bool:
    return user is None or not user.is_authenticated or not user.is_active


def routes_of(user) -> list[str]:
    """The routes whose authority the user works for."""
    if _anonymous(user):
        return []
    roles = user.roles
    return [str(route) for route, role in ROUTE_ROLES.items() if role in roles]


def condition(user, action: str = "view", field: str = "") -> Q:
    """The complaints ``user`` may ``action``, as a condition (``field``: a path to the complaint)."""
    if _anonymous(user):
        return Q(pk__in=[])
    p = f"{field}__" if field else ""
    routes = routes_of(user)
    # An empty IN would not compile inside an annotation: an always-false term instead.
    routed = Q(**{f"{p}route__in": routes}) if routes else Q(**{f"{p}pk__isnull": True})
    staff = holds(user, FACILITY_STAFF, f"{p}prisoner")
    supervisors = holds(user, VIEW_COMPLAINTS, f"{p}prisoner")
    open_content = Q(**{f"{p}confidential": False})
    if action == "exists":
        return staff | supervisors | routed
    if action == "view":
        return ((staff | supervisors) & open_content) | routed
    if action == "complainants":  # who complained, for the supervisors' review (no content)
        return supervisors
    if action == "handle":
        return (supervisors & open_content & Q(**{f"{p}route": "director"})) | routed
    codename = codename_for(action)
    return Q(**{f"{p}prisoner_id__in": granted_ids(user, codename)}) & open_content


class ComplaintQuerySet(models.QuerySet):
    def restrict(self, user: Any, action: str = "view") -> Self:
        if _anonymous(user):
            return self.none()
        return self.filter(condition(user, action))

    def with_access(self, user) -> ComplaintQuerySet:
        """Each row says whether the user may read its content (``readable``) and handle it."""
        return self.annotate(
            readable=ExpressionWrapper(condition(user, "view"), output_field=BooleanField()),
            handleable=ExpressionWrapper(condition(user, "handle"), output_field=BooleanField()),
        )


class ReprisalReviewQuerySet(models.QuerySet):
    def restrict(self, user: Any, action: str = "view") -> Self:
        if _anonymous(user):
            return self.none()
        return self.filter(prisoner_id__in=granted_ids(user, VIEW_COMPLAINTS))
