"""Background work of the core: the outbox dispatcher (queue ``default``)."""

from celery import shared_task


@shared_task(ignore_result=True)
def outbox_dispatch() -> int:
    """Publish what the outbox holds and no worker has confirmed (beat, every minute)."""
    from core import outbox

    outbox.purge()
    return outbox.dispatch()
