"""What other apps add to the intake (the core of intake imports none of them).

- ``register_panel(step, panel)``: ``panel(admission, user) -> dict | None`` gives a
  block of the step's page (``{"template": ..., **context}``); the documents app shows
  the commitment order's scan on the order step.
- ``register_on_complete(name, hook)``: ``hook(actor=, admission=, prisoner=)`` runs in
  the completion's transaction, once the file exists, in the order the apps start (the
  family app carries the contacts and children onto the file, the documents app the scans)."""

from __future__ import annotations

from collections.abc import Callable

_PANELS: dict[str, list[Callable]] = {}
_ON_COMPLETE: dict[str, Callable] = {}


def register_panel(step: str, panel: Callable) -> None:
    if panel not in _PANELS.setdefault(step, []):
        _PANELS[step].append(panel)


def panels(step: str, admission, user) -> list[dict]:
    return [block for panel in _PANELS.get(step, []) if (block := panel(admission, user))]


def register_on_complete(name: str, hook: Callable) -> None:
    _ON_COMPLETE[name] = hook


def completed(*, actor, admission, prisoner) -> None:
    for hook in _ON_COMPLETE.values():
        hook(actor=actor, admission=admission, prisoner=prisoner)
