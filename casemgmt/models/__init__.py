from casemgmt.models.alerts import Alert
from casemgmt.models.facilities import Cell, Facility, Unit
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
    "Cell",
    "Facility",
    "IdentityDocument",
    "Prisoner",
    "PrisonerAlias",
    "PrisonerGroupObjectPermission",
    "PrisonerUserObjectPermission",
    "StaffAssignment",
    "Unit",
    "User",
]
