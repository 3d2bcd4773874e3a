from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from accounts import mfa


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's token authentication, refused for accounts that require two-factor
    authentication: a token alone would bypass the second factor. Those accounts use the
    API through a verified browser session."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if mfa.required(user):
            raise exceptions.AuthenticationFailed(
                _("This account requires two-factor verification; API tokens are not accepted for it.")
            )
        return user, token
