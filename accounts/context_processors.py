import time

from django.conf import settings

from accounts.sessions import SEEN


def security(request):
    """The CSP nonce, and the idle timeout for the warning script (seconds left now)."""
    data = {"csp_nonce": getattr(request, "csp_nonce", "")}
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    if user is not None and user.is_authenticated and session is not None:
        seen = session.get(SEEN) or time.time()
        data["session_idle_left"] = max(0, int(settings.SESSION_IDLE_TIMEOUT - (time.time() - seen)))
        data["session_idle"] = settings.SESSION_IDLE_TIMEOUT
        data["session_warning"] = settings.SESSION_WARNING_SECONDS
    return data
