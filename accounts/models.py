"""What the sign-in machinery needs beyond Django's user: which sessions belong to whom
(so a disabled account's sessions end at once) and a forced password change."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class UserSession(models.Model):
    """A server-side session of a signed-in user. Django's database sessions store the
    user only inside the encoded data; this index lets us delete one user's sessions
    with one query instead of decoding every session row."""

    session_key = models.CharField(_("session key"), max_length=40, primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_sessions", db_index=True
    )
    created_at = models.DateTimeField(_("signed in at"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("sign-in session", "session")
        verbose_name_plural = pgettext_lazy("sign-in session", "sessions")

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M}"


class AccountSecurity(models.Model):
    """Security state of an account that an administrator sets."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="security", primary_key=True
    )
    password_change_required = models.BooleanField(
        _("must choose a new password at next sign-in"), default=False
    )

    class Meta:
        verbose_name = _("account security")
        verbose_name_plural = _("account security")

    def __str__(self) -> str:
        return str(self.user_id)
