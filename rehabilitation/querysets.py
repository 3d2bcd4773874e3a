"""Who sees programme records: the staff of the offering (for prisoners they were
granted), and those who manage the prisoner's case (case manager, supervisors)."""

from django.db import models
from django.db.models import Q

from casemgmt.querysets import granted_ids


class ProgrammeRecordQuerySet(models.QuerySet):
    def restrict(self, user, action: str = "view"):
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        offering = "offering" if self.model.__name__ != "Attendance" else "session__offering"
        if self.model.__name__ == "Session":
            return self.filter(offering__staff=user) | self.filter(offering__facility__in=_supervised(user))
        own = Q(**{f"{offering}__staff": user}) & Q(prisoner_id__in=granted_ids(user, "view_programme"))
        managed = Q(prisoner_id__in=granted_ids(user, "manage_caseplan"))
        return self.filter(own | managed).distinct()


def _supervised(user):
    from casemgmt.models import StaffAssignment

    return StaffAssignment.objects.filter(user=user, user__groups__name="supervisor").values("facility_id")
