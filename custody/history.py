"""Which history rows of custody's records a reader of the file may see (``casemgmt.history``).

The rules follow who reads the records today: movements are where the person is (the
file's ``view``), but a movement whose conflicts or override are recorded names a
keep-apart link or a cellmate and why — that is the security side (the movements tab's
readers). Finds and their chain of custody are read by the security side too; a search
of the person and their involvement in an incident by the facility's staff only (the
case manager reads an incident once submitted, which a history row cannot tell).
"""

from __future__ import annotations

from casemgmt import history
from casemgmt.permissions import Capability

SECURITY_SIDE = (Capability.CHANGE, Capability.VIEW_SECURITY)


def movement_rule(event):
    after = event.after or {}
    if after.get("conflicts") or after.get("override_reason"):
        return SECURITY_SIDE
    return Capability.VIEW


def register() -> None:
    history.register("custody.movement", movement_rule)
    history.register("custody.find", SECURITY_SIDE)
    history.register("custody.custodyevent", SECURITY_SIDE)
    history.register("custody.search", Capability.CHANGE)
    history.register("custody.incidentperson", Capability.CHANGE)
    history.register("custody.death", SECURITY_SIDE)
    history.register("custody.injuryrecord", (Capability.CHANGE, Capability.VIEW_HEALTH))
    history.register("custody.vulnerabilitydecision", SECURITY_SIDE)
