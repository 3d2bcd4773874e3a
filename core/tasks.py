"""Background work of the core: the outbox dispatcher (queue ``default``)."""

from celery import shared_task

from core import outbox, tallies


# celery ships no type information: its decorator is untyped, the task keeps its signature
@shared_task(ignore_result=True)  # type: ignore[untyped-decorator]
def outbox_dispatch() -> int:
    """Publish what the outbox holds and no worker has confirmed (beat, every minute)."""
    outbox.purge()
    return outbox.dispatch()


@shared_task(ignore_result=True)  # type: ignore[untyped-decorator]
def tallies_compact() -> int:
    """Fold the group tallies' rows into one per group and permission (beat, every ten
    minutes): each grant statement adds a row, and the list's count sums them."""
    return tallies.compact()
