"""Writes of the accounts app: sessions, forced password changes, disabling, two-factor
devices. Each writes its security-log event in the same transaction."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from axes.utils import reset
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AccountSecurity, UserSession
from core import audit
from core.choices import AuditAction

if TYPE_CHECKING:
    from casemgmt.models import User

TOTP_NAME = "authenticator"
BACKUP_NAME = "backup"


@transaction.atomic
def sessions_end(*, user: User, keep: str | None = None) -> int:
    """Delete every server-side session of ``user`` (but ``keep``): the next request of
    each is anonymous. Returns how many were ended."""
    keys = UserSession.objects.filter(user=user)
    if keep:
        keys = keys.exclude(session_key=keep)
    key_list = list(keys.values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=key_list).delete()
    UserSession.objects.filter(session_key__in=key_list).delete()
    return len(key_list)


@transaction.atomic
def session_register(*, user: User, session_key: str) -> None:
    UserSession.objects.update_or_create(session_key=session_key, defaults={"user": user})


@transaction.atomic
def account_disable(*, actor: User, user: User) -> int:
    """Disable the account and end its sessions at once."""
    user.is_active = False
    user.full_clean()
    user.save(update_fields=["is_active"])
    ended = sessions_end(user=user)
    audit.record(actor, AuditAction.ACCOUNT_DISABLED, user, extra={}, after={"sessions_ended": ended})
    return ended


@transaction.atomic
def password_change_force(*, actor: User, user: User) -> int:
    """The user must choose a new password at the next sign-in; their sessions end now.
    Two-factor devices stay: a new password never replaces the second factor."""
    AccountSecurity.objects.update_or_create(user=user, defaults={"password_change_required": True})
    ended = sessions_end(user=user)
    audit.record(actor, AuditAction.PASSWORD_FORCED, user, after={"sessions_ended": ended})
    return ended


def password_change_required(user: User) -> bool:
    return AccountSecurity.objects.filter(user=user, password_change_required=True).exists()


@transaction.atomic
def password_changed(*, user: User, keep: str | None = None) -> None:
    """After the user changed their own password: clear the flag, end their other sessions."""
    AccountSecurity.objects.filter(user=user).update(password_change_required=False)
    ended = sessions_end(user=user, keep=keep)
    audit.record(user, AuditAction.PASSWORD_CHANGED, user, after={"other_sessions_ended": ended})


@transaction.atomic
def mfa_reset(*, actor: User, user: User) -> None:
    """Remove the user's devices (a lost phone); they enrol again at the next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    sessions_end(user=user)
    audit.record(actor, AuditAction.MFA_RESET, user)


@transaction.atomic
def sign_in_unlock(*, actor: User, user: User) -> int:
    removed: int = reset(username=user.get_username())
    audit.record(actor, AuditAction.UNLOCK, user, after={"attempts_cleared": removed})
    return removed


def totp_pending(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator the user is enrolling (created once, kept until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_confirm(*, user: User, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the pending authenticator if ``token`` is its current code. Earlier devices
    are replaced. Returns fresh backup codes, or None for a wrong code."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user, confirmed=False)
    if not device.verify_token(token):
        audit.record(user, AuditAction.MFA_FAILED, user, after={"step": "enrol"})
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(user, AuditAction.MFA_ENROLLED, user)
    return backup_codes_issue(user=user)


@transaction.atomic
def backup_codes_issue(*, user: User) -> list[str]:
    """Replace the user's backup codes with new single-use ones; shown once."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=BACKUP_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [secrets.token_hex(5) for _ in range(settings.MFA_BACKUP_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    audit.record(user, AuditAction.BACKUP_CODES, user, after={"count": len(codes)})
    return codes


def mfa_check(*, user: User, token: str) -> Device | None:
    """The confirmed device that accepts ``token`` (authenticator code or backup code),
    or None. A code already used is refused (TOTP remembers the last time step; a backup
    code is deleted on use). Every attempt goes to the security log."""
    token = (token or "").strip().replace(" ", "")
    found = None
    if token:
        for device in devices_for_user(user, confirmed=True):
            with transaction.atomic():
                locked = type(device).objects.select_for_update().get(pk=device.pk)
                if locked.verify_is_allowed()[0] and locked.verify_token(token):
                    found = locked
                    break
    kind = "backup" if isinstance(found, StaticDevice) else "totp"
    if found is None:
        audit.record(user, AuditAction.MFA_FAILED, user, after={"step": "verify"})
    else:
        audit.record(user, AuditAction.MFA_VERIFIED, user, after={"method": kind})
    return found
