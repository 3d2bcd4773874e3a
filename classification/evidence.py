"""What other apps show the assessor beside an assessment, each to the holders of its
capability (the rehabilitation app: the programmes' record). Classification imports none
of those apps; they register here when they start."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: key of the assessment page's context -> (capability, source(prisoner) -> value)
_SOURCES: dict[str, tuple[str, Callable[[Any], Any]]] = {}


def register(key: str, capability: str, source: Callable[[Any], Any]) -> None:
    _SOURCES[key] = (capability, source)


def gather(prisoner: Any, capabilities: frozenset[str]) -> dict[str, Any]:
    """Each source's value for the prisoner, or None where the reader lacks its capability."""
    return {
        key: source(prisoner) if capability in capabilities else None
        for key, (capability, source) in _SOURCES.items()
    }
