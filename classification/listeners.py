"""Who acts when a classification decision is approved (``register``).

Other apps act on the decision — the discipline app opens the period of the separation
regime, and ends it when a later decision lifts the regime — without this app importing
them: each registers a listener in its ``AppConfig.ready()``, and the decision's service
calls every listener inside its own transaction (a listener's refusal undoes the decision).
"""

from __future__ import annotations

from collections.abc import Callable

_LISTENERS: list[Callable] = []


def register(listener: Callable) -> None:
    """``listener(*, actor, classification)``: called once per approved decision."""
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def decided(*, actor, classification) -> None:
    for listener in list(_LISTENERS):
        listener(actor=actor, classification=classification)
