"""Capabilities on a prisoner's file, and the one service that grants and revokes them.

A capability is a permission codename on ``Prisoner``. Grants live in the
direct-FK tables ``PrisonerUserObjectPermission`` / ``PrisonerGroupObjectPermission``;
this module is the only code that writes them, and it audits every change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from casemgmt import audit
from casemgmt.choices import AuditAction
from casemgmt.models import Prisoner, PrisonerGroupObjectPermission, PrisonerUserObjectPermission


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


def _permissions(codenames: Iterable[str]) -> list[Permission]:
    codenames = list(dict.fromkeys(str(c) for c in codenames))
    ct = ContentType.objects.get_for_model(Prisoner)
    perms = list(Permission.objects.filter(content_type=ct, codename__in=codenames))
    missing = set(codenames) - {p.codename for p in perms}
    if missing:
        raise ValueError(f"unknown capabilities: {sorted(missing)}")
    return perms


def _target(user: Any, group: Group | None) -> tuple[Any, dict[str, Any], str]:
    if (user is None) == (group is None):
        raise ValueError("give exactly one of user or group")
    if user is not None:
        return PrisonerUserObjectPermission, {"user": user}, f"user:{user.get_username()}"
    assert group is not None
    return PrisonerGroupObjectPermission, {"group": group}, f"group:{group.name}"


def _ids(prisoners: Sequence[Prisoner | int] | Prisoner) -> list[int]:
    if isinstance(prisoners, Prisoner):
        return [prisoners.pk]
    return [p.pk if isinstance(p, models.Model) else int(p) for p in prisoners]


@transaction.atomic
def access_grant(
    *,
    actor: Any,
    prisoners: Sequence[Prisoner | int] | Prisoner,
    capabilities: Iterable[str],
    user: Any = None,
    group: Group | None = None,
    reason: str = "",
) -> int:
    """Grant capabilities on prisoners to one user or one group. Returns rows added."""
    model, who, label = _target(user, group)
    perms = _permissions(capabilities)
    ids = _ids(prisoners)
    existing = set(
        model.objects.filter(content_object_id__in=ids, permission__in=perms, **who).values_list(
            "content_object_id", "permission_id"
        )
    )
    rows = [
        model(content_object_id=pid, permission=perm, **who)
        for pid in ids
        for perm in perms
        if (pid, perm.pk) not in existing
    ]
    model.objects.bulk_create(rows, ignore_conflicts=True)
    _audit(actor, AuditAction.GRANT, rows, label, reason)
    return len(rows)


@transaction.atomic
def access_revoke(
    *,
    actor: Any,
    prisoners: Sequence[Prisoner | int] | Prisoner,
    capabilities: Iterable[str] | None = None,
    user: Any = None,
    group: Group | None = None,
    reason: str = "",
) -> int:
    """Revoke capabilities (all of them when None) on prisoners from a user or group."""
    model, who, label = _target(user, group)
    qs = model.objects.filter(content_object_id__in=_ids(prisoners), **who)
    if capabilities is not None:
        qs = qs.filter(permission__in=_permissions(capabilities))
    rows = list(qs.select_related("permission"))
    qs.filter(pk__in=[r.pk for r in rows]).delete()
    _audit(actor, AuditAction.REVOKE, rows, label, reason)
    return len(rows)


def _audit(actor: Any, action: str, rows: Sequence[Any], label: str, reason: str) -> None:
    by_prisoner: dict[int, list[str]] = {}
    for row in rows:
        by_prisoner.setdefault(row.content_object_id, []).append(row.permission.codename)
    audit.record_many(
        actor,
        [
            audit.Entry(
                action=action,
                object_type="casemgmt.access",
                object_id=label,
                object_repr=label,
                subject=pid,
                after={"capabilities": sorted(codes)},
                reason=reason,
            )
            for pid, codes in by_prisoner.items()
        ],
    )


def capabilities_of(user: Any, prisoner: Prisoner) -> frozenset[str]:
    """The capabilities ``user`` holds on one prisoner (one query)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    direct = PrisonerUserObjectPermission.objects.filter(
        user_id=user.pk, content_object_id=prisoner.pk
    ).values_list("permission__codename", flat=True)
    via_group = PrisonerGroupObjectPermission.objects.filter(
        group__user=user.pk, content_object_id=prisoner.pk
    ).values_list("permission__codename", flat=True)
    return frozenset(direct.union(via_group))


def require(actor: Any, prisoner: Prisoner, capability: str) -> frozenset[str]:
    """Defence in depth for services: ``actor`` must hold ``capability`` on the file, or
    the service answers as for a file that does not exist (404). The base views stamp the
    prisoner they resolved with the reader's capabilities (``prisoner.authorised``), so
    this costs no query there; a system actor (``None``: tasks, commands) is not checked."""
    from django.http import Http404

    from casemgmt.querysets import codename_for

    if actor is None:
        return frozenset()
    stamp = getattr(prisoner, "authorised", None)
    held = stamp[1] if stamp and stamp[0] == actor.pk else capabilities_of(actor, prisoner)
    if codename_for(capability) not in held:
        raise Http404
    return held
