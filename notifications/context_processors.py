from core.views.context import when_shown
from notifications.models import Notification


def unread(request):
    """The bell's count: unread notifications about files the reader may still read (issue 16:
        after a reallocation the old ones are hidden). Counted when the header shows it (a partial
    never does)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notifications": when_shown(
            lambda: Notification.objects.readable(user).filter(read_at__isnull=True).count()
        )
    }
