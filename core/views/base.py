"""The base HTML views: every page declares the access it needs, once.

- ``StaffView``: a signed-in member of staff. ``capability`` must be declared: the
  capability on a prisoner's file the page reads or changes, or ``NO_FILE`` for a page
  that shows no prisoner's data (own account, catalogue, a page with its own role
  check). Lists restrict with ``self.restrict(queryset)`` and note their rows with
  ``self.note_rows(rows)``.
- ``FileView``: a page of one prisoner's file. ``self.prisoner`` is resolved from the
  URL through the restriction with the declared capability — 404 otherwise, exactly as
  for a file that does not exist — before any method runs; ``self.capabilities`` holds
  what the user may do with it (one query). The file is noted for the read audit.
- ``RecordView``: a page of one record that hangs from a file (a note, a plan, a
  find): ``self.object`` from ``model.objects.restrict(user, capability)``, 404
  otherwise; the record and its files are noted.

The middleware writes one read event per successful response (``core.reads``);
``core.checks`` refuses to start when a routed view declares nothing.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.views import View

from core import protocols, reads
from core.grants import capabilities_of
from core.protocols import QS
from core.querysets import file_get, get_visible

#: a page that shows no prisoner's data
NO_FILE = "no-file"
#: a row of a page
M = TypeVar("M", bound=Model)


class StaffView(LoginRequiredMixin, View):
    capability: str | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.capability:
            raise ImproperlyConfigured(f"{type(self).__name__} declares no capability")
        self.resolve()
        return super().dispatch(request, *args, **kwargs)

    def resolve(self) -> None:
        """Resolve what the URL names before any method runs (404 when not visible)."""

    @property
    def declared_capability(self) -> str:
        """``capability``, which ``dispatch`` refused to run without."""
        if not self.capability:
            raise ImproperlyConfigured(f"{type(self).__name__} declares no capability")
        return self.capability

    def restrict(self, queryset: QS, capability: str | None = None) -> QS:
        return protocols.restrict(queryset, self.request.user, capability or self.declared_capability)

    @staticmethod
    def note_rows(rows: list[M]) -> list[M]:
        """Note the rows a page shows for the read audit; returns them."""
        reads.note_instances(rows)
        return rows


class FileView(StaffView):
    prisoner_url_kwarg = "pk"

    def resolve(self) -> None:
        self.prisoner = file_get(
            user=self.request.user, pk=self.kwargs[self.prisoner_url_kwarg], action=self.declared_capability
        )
        self.capabilities = capabilities_of(self.request.user, self.prisoner)
        self.prisoner.authorised = (self.request.user.pk, self.capabilities)
        reads.note([self.prisoner])


class RecordView(StaffView):
    model: type[Model] | None = None
    pk_url_kwarg = "pk"

    def get_queryset(self) -> QuerySet[Any]:
        if self.model is None:
            raise ImproperlyConfigured(f"{type(self).__name__} names no model")
        return self.model._default_manager.all()

    def resolve(self) -> None:
        self.object = get_visible(self.restrict(self.get_queryset()), self.kwargs[self.pk_url_kwarg])
        reads.note_instance(self.object)

    def capabilities_on(self, prisoner: Any) -> frozenset[str]:
        return capabilities_of(self.request.user, prisoner) if prisoner is not None else frozenset()
