"""The one service that grants and revokes capabilities on files, and reads them back.

A capability is a permission codename on the file model (``CASE_FILE_MODEL``; the prison's
are ``casemgmt.permissions.Capability``). Grants live in the file model's direct-FK tables
(``core.querysets.grant_models``); this module is the only code that writes them, and it
audits every change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.http import Http404

from core import audit
from core.choices import AuditAction
from core.querysets import codename_for, file_model, grant_models, held_sql

#: the record type of a grant in the change log (a stored value: history rules name it)
ACCESS_RECORD = "casemgmt.access"


def _permissions(codenames: Iterable[str]) -> list[Permission]:
    codenames = list(dict.fromkeys(str(c) for c in codenames))
    ct = ContentType.objects.get_for_model(file_model())
    perms = list(Permission.objects.filter(content_type=ct, codename__in=codenames))
    missing = set(codenames) - {p.codename for p in perms}
    if missing:
        raise ValueError(f"unknown capabilities: {sorted(missing)}")
    return perms


def _target(user: Any, group: Group | None) -> tuple[Any, dict[str, Any], str]:
    if (user is None) == (group is None):
        raise ValueError("give exactly one of user or group")
    by_user, by_group = grant_models()
    if user is not None:
        return by_user, {"user": user}, f"user:{user.get_username()}"
    assert group is not None
    return by_group, {"group": group}, f"group:{group.name}"


def _ids(prisoners: Sequence[Any] | models.Model) -> list[int]:
    if isinstance(prisoners, models.Model):
        return [prisoners.pk]
    return [p.pk if isinstance(p, models.Model) else int(p) for p in prisoners]


@transaction.atomic
def access_grant(
    *,
    actor: Any,
    prisoners: Sequence[Any] | models.Model,
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
    prisoners: Sequence[Any] | models.Model,
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
                object_type=ACCESS_RECORD,
                object_id=label,
                object_repr=label,
                subject=pid,
                after={"capabilities": sorted(codes)},
                reason=reason,
            )
            for pid, codes in by_prisoner.items()
        ],
    )


def capabilities_of(user: Any, prisoner: Any) -> frozenset[str]:
    """The capabilities ``user`` holds on one prisoner (one query)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    with connection.cursor() as cursor:
        cursor.execute(held_sql(), [user.pk, prisoner.pk, user.pk, prisoner.pk])
        return frozenset(codename for (codename,) in cursor.fetchall())


def require(actor: Any, prisoner: Any, capability: str) -> frozenset[str]:
    """Defence in depth for services: ``actor`` must hold ``capability`` on the file, or
    the service answers as for a file that does not exist (404). The base views stamp the
    prisoner they resolved with the reader's capabilities (``prisoner.authorised``), so
    this costs no query there; a system actor (``None``: tasks, commands) is not checked."""
    if actor is None:
        return frozenset()
    stamp = getattr(prisoner, "authorised", None)
    held = stamp[1] if stamp and stamp[0] == actor.pk else capabilities_of(actor, prisoner)
    if codename_for(capability) not in held:
        raise Http404
    return held
