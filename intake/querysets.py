"""Who sees an admission.

A draft has no prisoner yet: it is visible to the officers and supervisors of
the receiving facility. A completed admission is visible through the
prisoner's grants, like any part of the file.

``restrict(user, DRAFT)`` keeps only the drafts the user may work on at reception:
the steps, the records, the duplicate check, the decision and the completion act on a
draft, never on a filed admission.
"""

from typing import Any, Self

from django.db import models
from django.db.models import Q

from casemgmt.choices import Role
from casemgmt.models import StaffAssignment
from core.querysets import GrantedAny, holds, reads_own_grants


def _reception_facilities(user):
    return StaffAssignment.objects.filter(
        user_id=user.pk, user__groups__name__in=[Role.OFFICER, Role.SUPERVISOR]
    ).values("facility_id")


DRAFT = "draft"


class AdmissionQuerySet(models.QuerySet):
    def restrict(self, user: Any, action: str = "view") -> Self:
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        draft = Q(status="draft", facility_id__in=_reception_facilities(user))
        if action == DRAFT:
            return self.filter(draft)
        # A draft naming a returning prisoner stays with the reception desk until filed.
        # A reader of their own few files finds their admissions from them (tested
        # against every admission's grants, a case manager's list read the country's).
        of_file = GrantedAny(user, [action], "prisoner") if reads_own_grants(user) else holds(user, action)
        filed = ~Q(status="draft") & of_file
        return self.filter(draft | filed)


class IntakeChildQuerySet(models.QuerySet):
    def restrict(self, user: Any, action: str = "view") -> Self:
        """Records of drafts the user may work on, or of prisoners on whom the user
        holds ``action`` (pass the capability the record needs, e.g. view_family)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        draft = Q(admission__status="draft", admission__facility_id__in=_reception_facilities(user))
        filed = holds(user, action)
        return self.filter(draft | filed)
