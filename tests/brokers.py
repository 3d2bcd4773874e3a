"""The broker taken away and given back, for tests of work handed to the workers."""

from __future__ import annotations

import time
from contextlib import contextmanager

from config.celery import app

CLOSED = "redis://127.0.0.1:1/0"  # nothing listens on port 1: refused at once


def _reset_pools() -> None:
    # What Celery does after a fork: the next publish takes the pool of the configured
    # broker (kombu keeps one per connection: the first broker's is found again after).
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def broker_down():
    """Every publish from this process fails as with a broker that is down (Redis or the
    filesystem broker alike): the app points at a closed port until the block ends."""
    saved = app.conf.broker_url, app.conf.broker_transport_options
    _reset_pools()
    app.conf.broker_url, app.conf.broker_transport_options = CLOSED, {}
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.broker_transport_options = saved
        _reset_pools()


def wait_for(predicate, timeout=60):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return False
