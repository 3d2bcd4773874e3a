"""Who reads and who records security records: one rule per kind of record, named by
the action passed to ``restrict(user, action)``.

- ``READ`` ("view"): a record tied to a prisoner is read by the staff who run the prison
  where the prisoner is held (officers and supervisors hold ``change_prisoner`` through
  the facility groups) and by those who hold ``view_security`` on the file (the
  allocated case manager, supervisors) — ``readable_condition``. Programme staff hold
  neither, so they see none of it. A record of a facility (a search, a find, an
  incident) is read by that facility's officers and supervisors, and, where the model
  says so (``readable_through_people``), by the readers of the prisoner it is about.
- ``RECORD`` ("record"): a record of a facility is written (a find added to a search,
  a link of a chain of custody, an incident's next step) by that facility's officers
  and supervisors only — reading a prisoner's security side is not enough.
- Any capability codename: a prisoner's record with that capability on the prisoner
  (a keep-apart link is closed with ``approve_risk``).
"""

from __future__ import annotations

from typing import Any, Self

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q

from casemgmt.models import Facility
from core.querysets import FileRecordQuerySet, held_any

READ = "view"
RECORD = "record"
READ_CAPABILITIES = ("change_prisoner", "view_security")


def security_facility_ids(user: Any) -> models.QuerySet[Any, Any]:
    """A subquery of the facilities whose officers' or supervisors' group the user is in:
    each group tested against the user's own groups (as two joins to the groups' members,
    ORed, PostgreSQL read every membership of the country once a facility: 55 ms of each
    custody list at 1,000,000 files, run three times a page)."""
    groups = get_user_model().groups.through.objects.filter(user_id=user.pk).values("group_id")
    return Facility.objects.filter(Q(officers_group__in=groups) | Q(supervisors_group__in=groups)).values(
        "pk"
    )


def _anonymous(user) -> bool:
    return user is None or not user.is_authenticated or not user.is_active


def readable_condition(user, field: str = "prisoner") -> Q:
    """The one prisoner-side read rule: either of ``READ_CAPABILITIES`` on the file."""
    return held_any(user, READ_CAPABILITIES, field)


class CustodyQuerySet(FileRecordQuerySet):
    """Records of one prisoner (movements, keep-apart links): ``READ`` through either of
    ``READ_CAPABILITIES``; any other action needs that capability itself. A model that
    is not ours reads through it as ``CustodyQuerySet(model=...)``."""

    read_any_of = READ_CAPABILITIES


class FacilityRecordQuerySet(models.QuerySet):
    """Records of a facility (searches, finds, incidents): ``READ`` by its officers and
    supervisors and by the prisoners' side the model adds (``readable_through_people``); any
    other action (``RECORD``) by the facility's officers and supervisors only."""

    def restrict(self, user: Any, action: str = READ) -> Self:
        if _anonymous(user):
            return self.none()
        condition = Q(facility_id__in=security_facility_ids(user))
        if action == READ:
            condition |= self.readable_through_people(user)
        return self.filter(condition)

    def readable_through_people(self, user) -> Q:
        """The records a user reads because they read the file of a person the record is
        about (none, unless the model says otherwise)."""
        return Q(pk__in=[])

    def restrict_for_readable_file(self, user) -> FacilityRecordQuerySet:
        """``restrict(user)`` for the records of one prisoner on whom the caller has
        checked that the user holds a read capability (the case file's timeline): the
        prisoner side of the rule is then true for them, and what is left is the facility
        side and the model's own terms (``terms_beyond_readable_file``), without the four
        grant subqueries of ``readable_condition`` (the timeline asks every source; see bench/results)."""
        if _anonymous(user):
            return self.none()
        terms = self.terms_beyond_readable_file()
        if terms is None:
            return self.all()
        return self.filter(Q(facility_id__in=security_facility_ids(user)) | terms)

    def terms_beyond_readable_file(self) -> Q | None:
        """What ``readable_through_people`` asks beyond a readable prisoner: None when nothing
        (every record of a readable prisoner is readable); by default the prisoner side
        reads nothing, so only the facility side is left."""
        return Q(pk__in=[])


class IncidentQuerySet(FacilityRecordQuerySet):
    """Incidents of the facility; a case manager reads the submitted ones in which a
    person of the caseload is involved."""

    def readable_through_people(self, user) -> Q:
        from custody.models import IncidentPerson  # noqa: PLC0415 - custody.models imports this module

        involved = IncidentPerson.objects.filter(readable_condition(user)).values("incident_id")
        return Q(pk__in=involved) & self.terms_beyond_readable_file()

    def terms_beyond_readable_file(self) -> Q:
        return ~Q(status="draft")
