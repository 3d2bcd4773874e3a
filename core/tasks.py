"""Background work of the core: the outbox dispatcher (queue ``default``)."""

from celery import shared_task

from core import outbox


# celery ships no type information: its decorator is untyped, the task keeps its signature
@shared_task(ignore_result=True)  # type: ignore[untyped-decorator]
def outbox_dispatch() -> int:
    """Publish what the outbox holds and no worker has confirmed (beat, every minute)."""
    outbox.purge()
    return outbox.dispatch()
