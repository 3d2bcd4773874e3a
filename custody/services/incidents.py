"""Incident reports: draft → submitted → reviewed, people involved, addenda."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casemgmt.models import Facility, Prisoner, User
from casemgmt.permissions import Capability
from classification.services import review_flag_raise
from core import audit, writes
from core.choices import AuditAction
from core.grants import require
from custody.choices import IncidentStatus, InvolvementRole
from custody.models import Find, Incident, IncidentAddendum, IncidentPerson
from custody.services.searches import _not_future

# Whose involvement brings their risk review forward when the reviewer asks for it.
REVIEW_ROLES = (InvolvementRole.PERPETRATOR, InvolvementRole.INVOLVED, InvolvementRole.VICTIM)


def _is_supervisor(user: Any, facility: Facility) -> bool:
    return user is not None and facility.supervisors_group.user_set.filter(pk=user.pk).exists()


def _locked(incident: Incident, *statuses: str) -> Incident:
    locked: Incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if locked.status not in statuses:
        raise ValidationError(
            _("The report is %(status)s: this step does not apply.")
            % {"status": locked.get_status_display().lower()}
        )
    return locked


@transaction.atomic
def incident_create(
    *,
    actor: Any,
    facility: Facility,
    kind: str,
    location: str,
    description: str,
    occurred_at: dt.datetime | None = None,
    find: Find | None = None,
) -> Incident:
    if find is not None and find.facility_id != facility.pk:
        raise ValidationError({"find": [_("The find belongs to another facility.")]})
    incident = Incident(
        facility=facility,
        kind=kind,
        occurred_at=_not_future(occurred_at, "occurred_at"),
        location=location.strip(),
        description=description,
        find=find,
        reported_by=actor,
    )
    writes.create(actor, incident, after={"facility": facility.code, "kind": kind})
    return incident


@transaction.atomic
def incident_update(*, actor: Any, incident: Incident, **changes: Any) -> Incident:
    """Edit a draft (its author only); a submitted report changes only by addenda."""
    locked = _locked(incident, IncidentStatus.DRAFT)
    if locked.reported_by_id != actor.pk:
        raise ValidationError(_("Only the author edits a draft report."))
    allowed = {"kind", "location", "description", "occurred_at"}
    for key, value in changes.items():
        if key not in allowed:
            raise ValueError(key)
        setattr(locked, key, value)
    locked.occurred_at = _not_future(locked.occurred_at, "occurred_at")
    locked.full_clean()
    locked.save()
    audit.record(actor, AuditAction.UPDATE, locked, after={k: str(v) for k, v in changes.items()})
    return locked


@transaction.atomic
def incident_person_add(
    *,
    actor: Any,
    incident: Incident,
    role: str,
    prisoner: Prisoner | None = None,
    staff: User | None = None,
    name: str = "",
) -> IncidentPerson:
    if prisoner is not None:
        require(actor, prisoner, Capability.CHANGE)  # a person the user named
    locked = _locked(incident, IncidentStatus.DRAFT)
    if prisoner is not None and prisoner.facility_id != locked.facility_id:
        raise ValidationError({"prisoner": [_("Choose a person held at this facility.")]})
    person = IncidentPerson(incident=locked, role=role, prisoner=prisoner, staff=staff, name=name.strip())
    try:
        person.full_clean()
    except ValidationError as exc:
        if "__all__" in exc.message_dict:
            raise ValidationError(
                {"prison_number": [_("Name a prisoner, a member of staff or another person.")]}
            ) from exc
        raise
    person.save()
    audit.record(
        actor, AuditAction.CREATE, person, subject=prisoner, after={"incident": locked.pk, "role": role}
    )
    return person


@transaction.atomic
def incident_submit(*, actor: Any, incident: Incident) -> Incident:
    locked = _locked(incident, IncidentStatus.DRAFT)
    if not locked.people.exists():
        raise ValidationError(_("Name at least one person involved before submitting."))
    locked.status, locked.submitted_at = IncidentStatus.SUBMITTED, timezone.now()
    locked.full_clean()
    locked.save(update_fields=["status", "submitted_at"])
    audit.record(actor, AuditAction.UPDATE, locked, after={"status": locked.status})
    return locked


@transaction.atomic
def incident_review(*, actor: Any, incident: Incident, note: str, flag_for_review: bool = False) -> Incident:
    """A supervisor of the facility reviews a submitted report; on request the prisoners
    involved (not witnesses) get an early risk review."""
    locked = _locked(incident, IncidentStatus.SUBMITTED)
    if not _is_supervisor(actor, locked.facility):
        raise ValidationError(_("Only a supervisor of the facility reviews incident reports."))
    if not note.strip():
        raise ValidationError({"note": [_("Write the review.")]})
    locked.status, locked.reviewed_by, locked.reviewed_at = IncidentStatus.REVIEWED, actor, timezone.now()
    locked.review_note = note
    locked.full_clean()
    locked.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
    audit.record(actor, AuditAction.UPDATE, locked, after={"status": locked.status}, reason=note)
    if flag_for_review:
        seen: set[int | None] = set()
        for person in locked.people.filter(role__in=REVIEW_ROLES, prisoner__isnull=False).select_related(
            "prisoner"
        ):
            if person.prisoner_id not in seen:
                seen.add(person.prisoner_id)
                review_flag_raise(
                    actor=actor,
                    prisoner=cast(Prisoner, person.prisoner),  # the filter: prisoner__isnull=False
                    trigger="incident",
                    note=f"incident {locked.pk}",
                )
    return locked


@transaction.atomic
def incident_addendum_add(*, actor: Any, incident: Incident, text: str) -> IncidentAddendum:
    """A correction or addition to a submitted report; the original text stays."""
    locked = _locked(incident, IncidentStatus.SUBMITTED, IncidentStatus.REVIEWED)
    if not text.strip():
        raise ValidationError({"text": [_("Write the addendum.")]})
    addendum = IncidentAddendum(incident=locked, text=text, author=actor)
    writes.create(actor, addendum, after={"incident": locked.pk})
    return addendum
