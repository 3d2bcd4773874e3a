"""Which rows of a file's change log a reader may see.

The history tab lists the changes made to one file; a row is shown only when the reader
holds the capability of its record type on that file — an officer must not learn that a
health note or a violent-extremism assessment exists. Each app registers the rule of
each record type it writes (in its ``AppConfig.ready()``), and a type nobody registered
is not shown (default deny; a test lists every type the demo writes).

A rule is a capability codename, a tuple (any of them), or a callable(event) returning
one of those — for a type whose sensitivity depends on the row (a note's kind).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from casemgmt.permissions import Capability

Rule = str | tuple[str, ...] | Callable[[Any], Any]

_RULES: dict[str, Rule] = {}


def register(object_type: str, rule: Rule) -> None:
    _RULES[object_type] = rule


def registered() -> dict[str, Rule]:
    return dict(_RULES)


def needed(event: Any) -> tuple[str, ...]:
    """The capabilities of which the reader must hold one to see ``event`` (none: hidden)."""
    rule = _RULES.get(event.object_type)
    if callable(rule):
        rule = rule(event)
    if not rule:
        return ()
    return tuple(str(c) for c in rule) if isinstance(rule, tuple) else (str(rule),)


def readable(events: Iterable[Any], user: Any, capabilities: frozenset[str]) -> list[Any]:
    """The events whose record type the reader may open on this file."""
    return [e for e in events if set(needed(e)) & capabilities]


# The core's own record types.
register("casemgmt.prisoner", Capability.VIEW)
register("casemgmt.access", Capability.VIEW)
register("casemgmt.identitydocument", Capability.VIEW)
register("casemgmt.prisoneralias", Capability.VIEW)
