"""Who sees programme records, as the restricting bases ask it (``restrict(user, action)``).

- ``view_programme`` (and ``view`` / ``view_prisoner``, which callers such as the
  reports' criteria pass for "what this user may read"): a participant's referral or
  enrolment is seen by the staff of the offering (for the prisoners they were granted)
  and by those who manage the prisoner's case (case manager, supervisors);
- ``run_offering``: what the people who run an offering do — its staff, and the
  supervisors of its facility: the offering and its sessions, and the assessment and
  enrolment changes of its participants they may see;
- ``manage_caseplan``: the referrals of the prisoners whose case the user manages.

Any other action finds nothing (default deny).
"""

from typing import Any, Self

from django.db import models
from django.db.models import Q

from casemgmt.choices import Role
from casemgmt.models import StaffAssignment
from core.querysets import codename_for, granted_ids, holds

READ = "view_programme"
RUN = "run_offering"
MANAGE = "manage_caseplan"
_READS = {"view_prisoner", READ}


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def runnable_offering_ids(user):
    """The offerings ``user`` runs, or supervises at their facility (a subquery)."""
    from rehabilitation.models import Offering  # noqa: PLC0415 - rehabilitation.models imports this module

    # Each side a subquery on the offering's own columns: as joins ORed, PostgreSQL paired
    # every offering's staff with its facility's assignments before filtering (37 million
    # rows for 1,250 offerings at 1,000,000 files: 1.8 s; issue 25)
    condition = Q(pk__in=staffed_offering_ids(user))
    if Role.SUPERVISOR in user.roles:
        condition |= Q(facility_id__in=StaffAssignment.objects.filter(user=user).values("facility_id"))
    return Offering.objects.filter(condition).values("pk")


def staffed_offering_ids(user):
    """The offerings ``user`` is staff of (a subquery)."""
    from rehabilitation.models import Offering  # noqa: PLC0415 - rehabilitation.models imports this module

    return Offering.staff.through.objects.filter(user_id=user.pk).values("offering_id")


class OfferingQuerySet(models.QuerySet):
    def restrict(self, user: Any, action: str = RUN) -> Self:
        if not _signed_in(user) or codename_for(action) not in _READS | {RUN}:
            return self.none()
        return self.filter(pk__in=runnable_offering_ids(user))


class SessionQuerySet(models.QuerySet):
    def restrict(self, user: Any, action: str = RUN) -> Self:
        if not _signed_in(user) or codename_for(action) not in _READS | {RUN}:
            return self.none()
        return self.filter(offering_id__in=runnable_offering_ids(user))


class ProgrammeRecordQuerySet(models.QuerySet):
    """Referrals and enrolments (each names its prisoner and its offering)."""

    def restrict(self, user: Any, action: str = READ) -> Self:
        if not _signed_in(user):
            return self.none()
        action = codename_for(action)
        if action == MANAGE:
            return self.filter(prisoner_id__in=granted_ids(user, MANAGE))
        if action not in _READS | {RUN}:
            return self.none()
        # A test of each record on its own columns (no join to the offering's staff, hence
        # no DISTINCT): one file's records are probed, many are tested against the grants
        # hashed once (``holds``; issue 25: a timeline's referrals at 1,000,000 files).
        own = Q(offering_id__in=staffed_offering_ids(user)) & holds(user, READ)
        visible = self.filter(own | holds(user, MANAGE))
        if action == RUN:
            visible = visible.filter(offering_id__in=runnable_offering_ids(user))
        return visible
