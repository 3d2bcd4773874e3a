from casemgmt.models.alerts import Alert
from casemgmt.models.audit import AuditEvent, ReadEvent
from casemgmt.models.facilities import Cell, Facility, Unit
from casemgmt.models.outbox import OutboxMessage
from casemgmt.models.prisoners import (
    IdentityDocument,
    Prisoner,
    PrisonerAlias,
    PrisonerGroupObjectPermission,
    PrisonerUserObjectPermission,
)
from casemgmt.models.staff import StaffAssignment, User

__all__ = [
    "Alert",
    "AuditEvent",
    "Cell",
    "Facility",
    "IdentityDocument",
    "OutboxMessage",
    "Prisoner",
    "PrisonerAlias",
    "PrisonerGroupObjectPermission",
    "PrisonerUserObjectPermission",
    "ReadEvent",
    "StaffAssignment",
    "Unit",
    "User",
]
