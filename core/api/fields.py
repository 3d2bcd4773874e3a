"""Serializer fields shared by every app's API."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound

from core import protocols
from core.edge import parse_id
from core.i18n import tr


class VisibleRelatedField(serializers.PrimaryKeyRelatedField[Any]):
    """A record a request body names by id, looked up through its model's restriction:
    with ``capability`` when given, else with the capability the viewset declared for the
    action (``view.restrict``). One the caller may not see answers 404 — exactly as one that
    does not exist — and nothing of it is echoed back. The views resolve no file by hand:
    this field does it for the ids in a request body."""

    def __init__(self, *, capability: str | None = None, **kwargs: Any) -> None:
        self.capability = capability
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        # DRF refuses a related field that is not read-only without a queryset (RelatedField)
        queryset = cast(QuerySet[Any], super().get_queryset())
        if self.capability:
            request = self.context.get("request")
            return protocols.restrict(queryset, getattr(request, "user", None), self.capability)
        view = self.context.get("view")
        if view is None:  # no viewset, no restriction: nothing (default deny)
            return queryset.none()
        restricted: QuerySet[Any] = view.restrict(queryset)
        return restricted

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, bool) or parse_id(data) is None:
            self.fail("incorrect_type", data_type=type(data).__name__)
        try:
            return self.get_queryset().get(pk=parse_id(data))
        except ObjectDoesNotExist as exc:
            raise NotFound from exc


@extend_schema_field(OpenApiTypes.STR)
class TranslatedField(serializers.Field[Any, Any, Any, Any]):
    """The text in the caller's language (Accept-Language); all languages on ?all_languages=1."""

    def to_representation(self, value: Any) -> Any:
        request = self.context.get("request")
        if request is not None and request.query_params.get("all_languages"):
            return value
        return tr(value)


class IdKeyedDictField(serializers.DictField):
    """A JSON object keyed by record ids (``{"12": {...}}``): each key must be an id
    (``core.edge.parse_id``) and becomes an int, so a service never calls ``int()``
    on a key ("abc" was a 500)."""

    default_error_messages = {"key": _("Each key must be the id of a record (a positive whole number).")}

    def to_internal_value(self, data: Any) -> dict[Any, Any]:
        value = super().to_internal_value(data)
        keys = {key: parse_id(key) for key in value}
        if None in keys.values():
            self.fail("key")
        return {keys[key]: item for key, item in value.items()}


class EntrySerializer(serializers.Serializer[Any]):
    """One value of an ``IdKeyedDictField`` of marks: a choice code and a free note, both
    strings (a number as a note was a 500 in the service's ``.strip()``); the service
    checks the code against its choices and says which entry is wrong."""

    status = serializers.CharField(required=False, allow_blank=True, max_length=40)
    rating = serializers.CharField(required=False, allow_blank=True, max_length=40)
    note = serializers.CharField(required=False, allow_blank=True, max_length=4000)
