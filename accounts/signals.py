"""Security-log glue: lockouts, and the session bookkeeping done at every sign-in."""

from __future__ import annotations

import time

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from accounts import services
from accounts.models import UserSession
from accounts.sessions import MUST_CHANGE, SEEN, STARTED
from core import audit
from core.choices import AuditAction


@receiver(user_logged_in)
def _session_started(sender, request, user, **kwargs):
    """The clock of the idle and absolute timeouts starts now (Django has just rotated
    the session key); the session is indexed under its user."""
    session = getattr(request, "session", None)
    if session is None:
        return
    now = time.time()
    session[STARTED] = now
    session[SEEN] = now
    if services.password_change_required(user):
        session[MUST_CHANGE] = True
    if session.session_key is None:
        session.save()
    services.session_register(user=user, session_key=session.session_key)


@receiver(user_logged_out)
def _session_ended(sender, request, user, **kwargs):
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        UserSession.objects.filter(session_key=key).delete()


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    """Recorded once per locked attempt; the username only when it is a real account
    (an unknown 'username' may be a mistyped password)."""
    known = get_user_model().objects.filter(username=str(username or "")[:150]).first()
    audit.record(None, AuditAction.LOCKOUT, known, object_type="casemgmt.user", object_repr=str(known or ""))
