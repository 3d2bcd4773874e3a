"""Types the stubs cannot know: what the engine expects of the querysets it narrows."""

from __future__ import annotations

from typing import Any, Protocol, TypeVar, cast

from django.db.models import QuerySet

#: a queryset whose ``restrict`` answers a queryset of its own class
QS = TypeVar("QS", bound=QuerySet[Any])


class Restricting(Protocol):
    """A queryset that narrows itself to what ``user`` may do (``core.querysets`` and every
    app's ``querysets``: ``restrict(user, action, **options)``)."""

    def restrict(self, user: Any, action: str, /, **options: Any) -> QuerySet[Any]: ...


def restrict(queryset: QS, user: Any, action: str, **options: Any) -> QS:
    """``queryset.restrict(user, action, **options)``. The model is chosen at run time (a
    view's ``model``, a viewset's ``queryset``) and its manager makes the restricting queryset,
    which the stubs see as a plain ``QuerySet``; every ``restrict`` returns its own class."""
    return cast(QS, cast(Restricting, queryset).restrict(user, action, **options))
