"""Service errors in API answers: 400 with field messages, 409 for a stale version."""

from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.exceptions import ValidationError


class Conflict(ValidationError):
    status_code = status.HTTP_409_CONFLICT


T = TypeVar("T")


def raise_validation(exc: DjangoValidationError) -> NoReturn:
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
    if getattr(exc, "code", None) == "conflict":
        raise Conflict(detail)
    raise ValidationError(detail)


def call_service(fn: Callable[..., T], **kwargs: Any) -> T:
    """Run a service; its validation errors become the API's 400 / 409."""
    try:
        return fn(**kwargs)
    except DjangoValidationError as exc:
        raise_validation(exc)
