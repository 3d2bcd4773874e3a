"""The product's settings with the bench's URLconf (``bench.urls``: two more routes).
``BENCH_NO_READ_AUDIT=1`` leaves the read audit's middleware out (a baseline only: what the
read audit costs the list's throughput)."""

import os

from config.settings import *  # noqa: F403
from config.settings import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
if os.environ.get("BENCH_NO_READ_AUDIT") == "1":
    MIDDLEWARE = [m for m in MIDDLEWARE if m != "core.reads.ReadAuditMiddleware"]
