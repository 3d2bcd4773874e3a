"""Which history rows of the intake a reader of the file may see (``casemgmt.history``).

An admission's rows with the file as subject are its completion, the identity decision
and the release that closes it (written by ``custody``): where and when the person was
received, read with the file (``view``). A step's row says which step changed: the
returnee and security step is the security side's, the health screening the health
side's. The records an admission gathers are audited while a draft (no subject yet);
should one carry a subject, it reads with the capability of its section.
"""

from __future__ import annotations

from casemgmt import history
from casemgmt.permissions import Capability

STEP_RULES = {
    "intake: security": Capability.VIEW_SECURITY,
    "intake: health": Capability.VIEW_HEALTH,
}


def admission_rule(event):
    return STEP_RULES.get(event.object_repr, Capability.VIEW)


def register() -> None:
    history.register("intake.admission", admission_rule)
    history.register("intake.injury", Capability.VIEW_HEALTH)  # injuries and complaints
    history.register("intake.propertyitem", Capability.VIEW)
    history.register("intake.contact", Capability.VIEW_FAMILY)
    history.register("intake.child", Capability.VIEW_FAMILY)
