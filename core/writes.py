"""The one shape of an audited write: validate, save, and write its change-log row.

A service creates a record with ``create`` and changes one with ``update``; both run in
the caller's transaction (every service is ``@transaction.atomic``), so the row and its
audit line commit or roll back together. What differs between services stays theirs:
the checks before, the work after, what the audit line says (``after`` or ``fields``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any, TypeVar

from django.db.models import Model

from core import audit
from core.choices import AuditAction

M = TypeVar("M", bound=Model)


def _check(obj: Model, exclude: Collection[str] | None, validate_constraints: bool) -> None:
    obj.full_clean(exclude=exclude, validate_constraints=validate_constraints)


def create(
    actor: Any,
    obj: M,
    *,
    subject: Any = None,
    after: Mapping[str, Any] | None = None,
    fields: Sequence[str] = (),
    object_repr: str = "",
    reason: str = "",
    exclude: Collection[str] | None = None,
    validate_constraints: bool = True,
) -> M:
    """``full_clean`` (without ``exclude``), save, and record the creation: the audit line's
    ``after`` is the given mapping or, with ``fields``, a snapshot of those fields taken
    after the save. ``subject`` is the file the line belongs to (a prisoner or its id)."""
    if after is not None and fields:
        raise TypeError("give after or fields, not both")
    _check(obj, exclude, validate_constraints)
    obj.save()
    audit.record(
        actor,
        AuditAction.CREATE,
        obj,
        subject=subject,
        object_repr=object_repr,
        after=audit.snapshot(obj, fields) if fields else after,
        reason=reason,
    )
    return obj


def update(
    actor: Any,
    obj: M,
    *,
    fields: Sequence[str],
    before: dict[str, Any] | None = None,
    subject: Any = None,
    reason: str = "",
    exclude: Collection[str] | None = None,
    validate_constraints: bool = True,
) -> M:
    """``full_clean``, save, and record the change of a (locked) row: ``after`` is a
    snapshot of ``fields``; with ``before`` (the same snapshot taken before the change),
    the line holds only what changed on each side."""
    _check(obj, exclude, validate_constraints)
    obj.save()
    after = audit.snapshot(obj, fields)
    old = None
    if before is not None:
        old, after = audit.diff(before, after)
    audit.record(actor, AuditAction.UPDATE, obj, subject=subject, before=old, after=after, reason=reason)
    return obj
