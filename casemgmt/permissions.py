"""Capabilities on a prisoner's file, and what each kind of grant carries.

A capability is a permission codename on ``Prisoner``; ``core.grants`` grants, revokes and
reads them (the only code that writes the grant tables, auditing every change).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import grants


class Capability(models.TextChoices):
    VIEW = "view_prisoner", _("See the file (identity, location)")
    CHANGE = "change_prisoner", _("Edit identity and placement")
    VIEW_RISK = "view_risk", _("See risk assessments and classification")
    ASSESS_RISK = "assess_risk", _("Carry out risk assessments")
    APPROVE_RISK = "approve_risk", _("Approve assessments and classifications")
    ALLOCATE = "allocate", _("Allocate to a case manager")
    MANAGE_CASEPLAN = "manage_caseplan", _("Manage case plan and notes")
    VIEW_FAMILY = "view_family", _("See family, children and contacts")
    VIEW_HEALTH = "view_health", _("See health details")
    VIEW_SECURITY = "view_security", _("See returnee and security information")
    VIEW_PROGRAMME = "view_programme", _("See programme records")
    # Its Permission row is made by the complaints app's migration (no casemgmt migration).
    VIEW_COMPLAINTS = "view_complaints", _("See and handle requests and complaints")
    # Its Permission row is made by the documents app's migration.
    VIEW_SENSITIVE_DOCUMENTS = "view_sensitive_documents", _("See sensitive documents")


# What each kind of grant carries. Facility officers see identity and location
# and record day-to-day events; supervisors see the whole file of their facility.
FACILITY_OFFICER_CAPABILITIES = (Capability.VIEW, Capability.CHANGE)
FACILITY_SUPERVISOR_CAPABILITIES = tuple(Capability)
# Everything but approval: nobody approves their own assessment.
CASE_MANAGER_CAPABILITIES = (
    Capability.VIEW,
    Capability.VIEW_RISK,
    Capability.ASSESS_RISK,
    Capability.MANAGE_CASEPLAN,
    Capability.VIEW_FAMILY,
    Capability.VIEW_HEALTH,
    Capability.VIEW_SECURITY,
    Capability.VIEW_PROGRAMME,
)
PROGRAMME_STAFF_CAPABILITIES = (Capability.VIEW, Capability.VIEW_PROGRAMME)


def grant_facility(actor: Any, prisoner: Any, facility: Any, reason: str) -> None:
    """The facility's officers and supervisors groups get what their grants carry on the file."""
    grants.access_grant(
        actor=actor,
        prisoners=[prisoner],
        group=facility.officers_group,
        capabilities=FACILITY_OFFICER_CAPABILITIES,
        reason=reason,
    )
    grants.access_grant(
        actor=actor,
        prisoners=[prisoner],
        group=facility.supervisors_group,
        capabilities=FACILITY_SUPERVISOR_CAPABILITIES,
        reason=reason,
    )


def revoke_facility(actor: Any, prisoner: Any, facility: Any, reason: str) -> None:
    """The facility's groups lose every capability on the file (it left the facility)."""
    for group in (facility.officers_group, facility.supervisors_group):
        grants.access_revoke(actor=actor, prisoners=[prisoner], group=group, reason=reason)
