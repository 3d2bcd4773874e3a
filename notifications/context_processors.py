from core.prepared import Prepared, User
from core.views.context import when_shown
from notifications.models import Notification

# The bell is on every page: its count is compiled once a process (core.prepared). The
# restriction's shape is the same for every signed-in user; only the user's id changes.
_unread = Prepared(lambda user: Notification.objects.readable(user).filter(read_at__isnull=True), user=User())


def unread(request):
    """The bell's count: unread notifications about files the reader may still read (issue 16:
    after a reallocation the old ones are hidden). Counted when the header shows it (a partial
    never does)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return {}
    return {"unread_notifications": when_shown(lambda: _unread.count(user=user))}
