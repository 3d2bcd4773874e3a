"""Who reads security records.

A record tied to a prisoner is read by the staff who run the prison where the
prisoner is held (officers and supervisors hold ``change_prisoner`` through the
facility groups) and by those who hold ``view_security`` on the file (the
allocated case manager, supervisors). Programme staff hold neither, so they see
none of it. A record tied to a facility (a search, the roll) is read by that
facility's officers and supervisors.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from casemgmt.querysets import granted_ids

READ_CAPABILITIES = ("change_prisoner", "view_security")


def security_facility_ids(user):
    """A subquery of the facilities whose officers' or supervisors' group the user is in."""
    from casemgmt.models import Facility

    return Facility.objects.filter(
        Q(officers_group__user=user.pk) | Q(supervisors_group__user=user.pk)
    ).values("pk")


def _anonymous(user) -> bool:
    return user is None or not user.is_authenticated or not user.is_active


class CustodyQuerySet(models.QuerySet):
    """Records of one prisoner: readable through either of ``READ_CAPABILITIES``;
    any other action (e.g. ``change_prisoner``) needs that capability itself."""

    prisoner_field = "prisoner"

    def restrict(self, user, action: str = "view") -> CustodyQuerySet:
        if _anonymous(user):
            return self.none()
        key = f"{self.prisoner_field}_id__in"
        if action == "view":
            condition = Q()
            for codename in READ_CAPABILITIES:
                condition |= Q(**{key: granted_ids(user, codename)})
            return self.filter(condition)
        from casemgmt.querysets import codename_for

        return self.filter(**{key: granted_ids(user, codename_for(action))})


class FacilityRecordQuerySet(models.QuerySet):
    """Records of a facility (searches, incidents): its officers and supervisors read
    them; ``extra`` lets a model add the prisoners' side (finds and incidents of a
    case manager's caseload)."""

    def restrict(self, user, action: str = "view") -> FacilityRecordQuerySet:
        if _anonymous(user):
            return self.none()
        condition = Q(facility_id__in=security_facility_ids(user))
        if action == "view":
            condition |= self.prisoner_condition(user)
        return self.filter(condition)

    def prisoner_condition(self, user) -> Q:
        return Q(pk__in=[])

    def restrict_to_readable_prisoner(self, user) -> FacilityRecordQuerySet:
        """``restrict(user)`` for the records of one prisoner on whom the caller has
        checked that the user holds a read capability (the case file's timeline): the
        prisoner side of the rule is then true for them, and what is left is the facility
        side and the model's own terms (``readable_prisoner_terms``), without the four
        grant subqueries of ``readable_condition`` (~7 ms a source on the 100,000 set)."""
        if _anonymous(user):
            return self.none()
        terms = self.readable_prisoner_terms()
        if terms is None:
            return self.all()
        return self.filter(Q(facility_id__in=security_facility_ids(user)) | terms)

    def readable_prisoner_terms(self) -> Q | None:
        """What ``prisoner_condition`` asks beyond a readable prisoner: None when nothing
        (every record of a readable prisoner is readable); by default the prisoner side
        reads nothing, so only the facility side is left."""
        return Q(pk__in=[])


def readable_condition(user, field: str = "prisoner") -> Q:
    condition = Q()
    for codename in READ_CAPABILITIES:
        condition |= Q(**{f"{field}_id__in": granted_ids(user, codename)})
    return condition


def readable(queryset, user, field: str = "prisoner"):
    """Any prisoner-linked queryset narrowed to the records the security side may read."""
    if _anonymous(user):
        return queryset.none()
    return queryset.filter(readable_condition(user, field))


class IncidentQuerySet(FacilityRecordQuerySet):
    """Incidents of the facility; a case manager reads the submitted ones in which a
    person of the caseload is involved."""

    def prisoner_condition(self, user) -> Q:
        from custody.models import IncidentPerson

        involved = IncidentPerson.objects.filter(readable_condition(user)).values("incident_id")
        return Q(pk__in=involved) & self.readable_prisoner_terms()

    def readable_prisoner_terms(self) -> Q:
        return ~Q(status="draft")
