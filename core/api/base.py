"""The base API viewset: access is declared, the restriction applied once, reads audited.

Every API viewset derives from ``RestrictedViewSetMixin`` and declares:

- ``capability``: what its reads (list, retrieve, OPTIONS) need;
- ``action_capabilities``: what each other action needs — create, update,
  partial_update, destroy and every custom ``@action``. An action without a declaration
  is refused at start (``core.checks``, run by ``manage.py check`` and the suite),
  never guessed from the HTTP method.

``get_queryset()`` narrows the model's queryset with ``restrict(user, capability)``
(each model's queryset says what the capability means for it), so a record the caller
may not see is 404 in every action. Serializers of prisoner data derive from
``AuditedSerializerMixin``: each object they render is noted, and the response writes
one read event naming every file it carried (``core.reads``).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any, TypeGuard, TypeVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import QuerySet
from rest_framework import serializers, viewsets
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request

from core import protocols, reads, tallies
from core.api.errors import call_service
from core.pagination import COUNT_AHEAD, narrowing
from core.protocols import QS
from core.querysets import FileRecordQuerySet, file_get

if TYPE_CHECKING:  # what the mixins are mixed into
    _ViewSet = viewsets.GenericViewSet[Any]
    _Serializer = serializers.BaseSerializer[Any]
else:
    _ViewSet = _Serializer = object

T = TypeVar("T")

#: actions that read with the viewset's ``capability``
READ_ACTIONS = frozenset({"list", "retrieve", "metadata", None})
#: the actions DRF's mixins define that write
WRITE_ACTIONS = frozenset({"create", "update", "partial_update", "destroy"})


class RestrictedViewSetMixin(_ViewSet):
    queryset = None
    #: the capability reads need (a codename, or a name the model's ``restrict`` knows)
    capability: str | None = None
    #: the capability of every other action, e.g. {"approve": "approve_risk"}
    action_capabilities: dict[str, str] = {}

    def create_on_file(
        self,
        request: Request,
        input_serializer: type[serializers.BaseSerializer[Any]],
        service: Callable[..., T],
        *,
        file_capability: str,
        **extra: Any,
    ) -> T:
        """The body of a create that names a prisoner in its request: validate it, resolve the
        file through the restriction with ``file_capability`` (404 when not visible), run the
        service (its validation errors become 400 / 409). Returns what the service made."""
        data = input_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        prisoner = file_get(user=request.user, pk=values.pop("prisoner"), action=file_capability)
        return call_service(service, actor=request.user, prisoner=prisoner, **values, **extra)

    @classmethod
    def undeclared_actions(cls) -> list[str]:
        """Actions of this viewset whose capability is not declared (must be none)."""
        missing = []
        if not cls.capability:
            missing.append("capability (reads)")
        names = {a.__name__ for a in cls.get_extra_actions()}
        names |= {name for name in WRITE_ACTIONS if hasattr(cls, name)}
        missing += sorted(n for n in names if n not in cls.action_capabilities)
        return missing

    def capability_for(self, action: str | None) -> str:
        if action in self.action_capabilities:
            return self.action_capabilities[action]
        if action in READ_ACTIONS and self.capability:
            return self.capability
        raise ImproperlyConfigured(f"{type(self).__name__}.{action} declares no capability")

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        self.restrict_action = self.capability_for(self.action)
        if request.method not in SAFE_METHODS and (self.lookup_url_kwarg or self.lookup_field) in self.kwargs:
            # A write to a record the caller may not see answers 404 before its input is
            # read: the same answer as for a record that does not exist, whatever the body.
            self.get_object()
        if request.method not in SAFE_METHODS:
            # The body is parsed (and refused: core.api.parsers) before any action runs,
            # also by an action that reads none of it: a malformed body is never a 2xx.
            request.data  # noqa: B018

    def restrict(self, queryset: QS, **options: Any) -> QS:
        """The one place an API queryset is narrowed to what the caller may do (``options``
        go to the model's ``restrict``, e.g. the prisoner list's ``walk``)."""
        return protocols.restrict(queryset, self.request.user, self._restricting(), **options)

    def _restricting(self) -> str:
        """The capability this request's action restricts by (set by ``initial``)."""
        return getattr(self, "restrict_action", None) or self.capability_for(getattr(self, "action", None))

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user, no rows
            return super().get_queryset().none()
        queryset = super().get_queryset()
        if self._lists_across_files(queryset):
            codenames = queryset.codenames_of(self._restricting())
            walk = tallies.list_walk(self.request.user, codenames=codenames, rows=self._rows_read())
            return self.restrict(queryset, walk=walk)
        return self.restrict(queryset)

    def _lists_across_files(self, queryset: QuerySet[Any]) -> TypeGuard[FileRecordQuerySet]:
        """A list of records of many files, not narrowed by a filter (a filter's rows may
        be rare in the walk: a kind, a status, one file), whose restriction can walk: it
        is read as ``core.tallies.list_walk`` chooses by the reader's share of the files."""
        return (
            getattr(self, "action", None) == "list"
            and isinstance(queryset, FileRecordQuerySet)
            and takes_walk(type(queryset))
            and not narrowing(self.request.query_params)
        )

    def _rows_read(self) -> int:
        """About how many rows the list's statements find: a page's count reaches
        ``COUNT_AHEAD`` past its first row; a cursor page, its own size."""
        paginator: Any = self.paginator
        size = int(paginator.get_page_size(self.request) or 50) if paginator is not None else 50
        if getattr(paginator, "page_query_param", None) is None:
            return size + 1
        page = str(self.request.query_params.get(paginator.page_query_param) or "1")
        offset = (int(page) - 1) * size if page.isdigit() and int(page) > 0 else 0
        return offset + max(COUNT_AHEAD, size) + 1


@cache
def takes_walk(queryset_class: type[Any]) -> bool:
    """Whether a queryset's ``restrict`` takes ``walk`` (a record queryset that restricts
    in its own way may not)."""
    return "walk" in inspect.signature(queryset_class.restrict).parameters


class RestrictedReadOnlyViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet[Any]):
    pass


class RestrictedModelViewSet(RestrictedViewSetMixin, viewsets.ModelViewSet[Any]):
    pass


class AuditedSerializerMixin(_Serializer):
    """Notes each rendered object for the read audit (its files and its record)."""

    def to_representation(self, instance: Any) -> Any:
        reads.note_instance(instance)
        return super().to_representation(instance)


class RecordSerializer(AuditedSerializerMixin, serializers.ModelSerializer[Any]):
    """The base of every serializer of prisoner data. A model's text field without a bound
    of its own takes ``TEXT_MAX_LENGTH`` (the parser refuses longer strings anyway; this
    says so in the field's message and in the schema's ``maxLength``)."""

    def build_standard_field(
        self, field_name: str, model_field: models.Field[Any, Any]
    ) -> tuple[type[serializers.Field[Any, Any, Any, Any]], dict[str, Any]]:
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)
        if (
            isinstance(model_field, models.TextField)
            and issubclass(field_class, serializers.CharField)
            and "max_length" not in field_kwargs
        ):
            field_kwargs["max_length"] = settings.TEXT_MAX_LENGTH
        return field_class, field_kwargs
