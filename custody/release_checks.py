"""Checks before a release, registered by other apps (the core of custody imports none).

A check is ``check(prisoner, occurred_at) -> list[Finding]``. ``movement_record`` runs
every registered check on a release: a finding that is not overridable blocks it; the
others block unless a supervisor proceeds with a reason (kept on the movement)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

_CHECKS: dict[str, Callable] = {}


@dataclass
class Finding:
    code: str
    message: str
    overridable: bool = True

    def as_dict(self) -> dict:
        return asdict(self)


def register(name: str, check: Callable) -> None:
    _CHECKS[name] = check


def run(prisoner, occurred_at) -> list[Finding]:
    found: list[Finding] = []
    for check in _CHECKS.values():
        found.extend(check(prisoner, occurred_at))
    return found
