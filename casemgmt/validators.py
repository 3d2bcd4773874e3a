"""Plausible dates, checked by the models (so every form, serializer and service alike)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


def validate_birth_date(value: dt.date) -> None:
    """A date of birth: not before ``DATE_MIN_YEAR`` and not in the future."""
    if value.year < settings.DATE_MIN_YEAR:
        raise ValidationError(
            _("A date of birth before %(year)s is not plausible."),
            code="implausible",
            params={"year": settings.DATE_MIN_YEAR},
        )
    if value > timezone.localdate():
        raise ValidationError(_("A date of birth cannot be in the future."), code="implausible")


@deconstructible
class NotLongAfterToday:
    """A date at most ``days`` after today (an order is dated when it is made)."""

    def __init__(self, days: int = 366):
        self.days = days

    def __call__(self, value: dt.date) -> None:
        if value > timezone.localdate() + dt.timedelta(days=self.days):
            raise ValidationError(_("This date is too far in the future."), code="implausible")
        if value.year < settings.DATE_MIN_YEAR:
            raise ValidationError(
                _("A date before %(year)s is not plausible."),
                code="implausible",
                params={"year": settings.DATE_MIN_YEAR},
            )

    def __eq__(self, other):
        return isinstance(other, NotLongAfterToday) and other.days == self.days
