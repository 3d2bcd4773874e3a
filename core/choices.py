"""The engine's own choices: what an audit event records."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    VIEW = "view", _("Viewed")
    EXPORT = "export", _("Exported")
    GRANT = "grant", _("Access granted")
    REVOKE = "revoke", _("Access revoked")
    TRANSFER = "transfer", _("Transferred")
    LOGIN = "login", _("Signed in")
    LOGOUT = "logout", _("Signed out")
    LOGIN_FAILED = "login_failed", _("Sign-in failed")
    # the security log (accounts app); values fit max_length=20
    LOCKOUT = "lockout", _("Sign-in locked out")
    UNLOCK = "unlock", _("Sign-in unlocked")
    MFA_ENROLLED = "mfa_enrolled", _("Two-factor authentication set up")
    MFA_VERIFIED = "mfa_verified", _("Two-factor code accepted")
    MFA_FAILED = "mfa_failed", _("Two-factor code refused")
    MFA_RESET = "mfa_reset", _("Two-factor authentication reset")
    BACKUP_CODES = "mfa_backup_codes", _("Backup codes issued")
    ACCESS_DENIED = "access_denied", _("Access refused")
    SESSION_EXPIRED = "session_expired", _("Session ended by timeout")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    PASSWORD_FORCED = "password_forced", _("Password change required")
    ACCOUNT_DISABLED = "account_disabled", _("Account disabled")
