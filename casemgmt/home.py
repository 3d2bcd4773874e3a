"""The sections of the home page each app contributes (issue 23: each role's work first).

An app registers a ``Section`` in its ``AppConfig.ready()``; the home page shows the
sections of the reader's roles, in ``order``. ``context(user)`` answers what the section's
template needs, from the app's restricted querysets, and notes the rows it shows for the
read audit. The core iterates the registry and imports no domain app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    roles: frozenset[str]
    template: str
    context: Callable[[object], dict]
    order: int = 50


_SECTIONS: dict[str, Section] = {}


def register(section: Section) -> None:
    _SECTIONS[section.key] = section


def sections_for(user) -> list[Section]:
    roles = user.roles
    return sorted((s for s in _SECTIONS.values() if roles & s.roles), key=lambda s: (s.order, s.key))


def render_context(user) -> list[dict]:
    """One dict a section: ``template``, ``key`` and what its ``context`` answered."""
    return [{"key": s.key, "template": s.template, **s.context(user)} for s in sections_for(user)]
