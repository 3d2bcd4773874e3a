from notifications.models import Notification


def unread(request):
    """The bell's count: unread notifications about files the reader may still read (issue 16:
    after a reallocation the old ones are hidden)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": Notification.objects.readable(user).filter(read_at__isnull=True).count()}
