"""Template context that costs nothing until a template shows it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class when_shown(Generic[T]):  # noqa: N801 - reads as a function at its call sites
    """A context value computed the first time a template reads it, then remembered.

    Django's templates call a callable context value when they resolve it, so a context
    processor's figure that only the page header shows (the bell's count, the work-queue
    badge, the menu) is not computed for a partial that draws no header (a tab, an htmx
    result list). Read twice (``{% if n %}{{ n }}``), it is computed once."""

    def __init__(self, compute: Callable[[], T]) -> None:
        self.compute = compute
        self.done = False
        self.value: T | None = None

    def __call__(self) -> T | None:
        if not self.done:
            self.value, self.done = self.compute(), True
        return self.value
