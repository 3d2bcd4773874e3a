"""Writes of security operations (keyword-only, ``actor``, atomic, audited)."""

from custody.services.afteradmission import (
    death_record,
    death_update,
    injury_record,
    is_vulnerable,
    vulnerability_decide,
)
from custody.services.incidents import (
    incident_addendum_add,
    incident_create,
    incident_person_add,
    incident_review,
    incident_submit,
    incident_update,
)
from custody.services.movements import movement_check, movement_record, prisoner_transfer
from custody.services.searches import (
    custody_event_add,
    find_photo_add,
    find_record,
    find_set_outcome,
    search_record,
)

__all__ = [
    "prisoner_transfer",
    "death_record",
    "death_update",
    "injury_record",
    "is_vulnerable",
    "vulnerability_decide",
    "incident_addendum_add",
    "incident_create",
    "incident_person_add",
    "incident_review",
    "incident_submit",
    "incident_update",
    "custody_event_add",
    "find_photo_add",
    "find_record",
    "find_set_outcome",
    "movement_check",
    "movement_record",
    "search_record",
]
