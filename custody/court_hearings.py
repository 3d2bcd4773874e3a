"""A trip to court names its hearing: the hearings live in the legal app, which registers
here (the core of custody imports none of it).

- ``choices(prisoner)``: the person's upcoming hearings not yet linked to a trip, as
  ``[(id, label)]`` for the move form;
- ``link(actor, movement, hearing_id)``: link the recorded trip to that hearing, in the
  movement's transaction and audited by the legal app's service; a hearing that is not
  the person's, or already linked, raises ``ValidationError({"hearing": ...})``.

With nothing registered the move form offers no choice and a named hearing is refused."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_PROVIDER: dict[str, Callable] = {}


def register(*, choices: Callable, link: Callable) -> None:
    _PROVIDER.update(choices=choices, link=link)


def registered() -> bool:
    return bool(_PROVIDER)


def choices(prisoner) -> list[tuple[str, str]]:
    return list(_PROVIDER["choices"](prisoner)) if _PROVIDER else []


def link(actor, movement, hearing_id) -> None:
    if not _PROVIDER:
        raise ValidationError({"hearing": [_("Choose a hearing of this person.")]})
    _PROVIDER["link"](actor, movement, hearing_id)
