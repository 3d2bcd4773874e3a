"""Who must use a second factor, and whether this request's user has used one."""

from __future__ import annotations

from django.conf import settings
from django_otp import user_has_device


def required(user) -> bool:
    """Two-factor authentication is required for the roles in ``MFA_REQUIRED_ROLES``
    (administrators, supervisors and auditors by default) and for every superuser."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(user.roles & set(settings.MFA_REQUIRED_ROLES))


def verified(user) -> bool:
    """True once django-otp's ``login`` put a confirmed device on this session's user."""
    return getattr(user, "otp_device", None) is not None


def has_device(user) -> bool:
    return user_has_device(user, confirmed=True)
