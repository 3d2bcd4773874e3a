"""Settings for the test suite (pytest points DJANGO_SETTINGS_MODULE here).

The environment is fixed before the real settings load: the test environment, and a
filesystem broker folder of the suite's own (inherited by worker processes the tests
start) so a developer's running worker never takes the tests' tasks. With REDIS_URL
set (CI), Redis is the broker instead.
"""

import os
import tempfile

os.environ["DJANGO_ENV"] = "test"
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # gw0, gw1, ... under pytest-xdist
if os.environ.get("REDIS_URL") and _worker.startswith("gw"):
    # Each xdist worker gets a Redis database of its own (8, 9, ...), so a Celery worker
    # started by one test process never takes another process's tasks. Worker processes a
    # test spawns inherit PYTEST_XDIST_WORKER and land on the same database.
    from urllib.parse import urlsplit, urlunsplit

    _url = urlsplit(os.environ["REDIS_URL"])
    os.environ["REDIS_URL"] = urlunsplit(_url._replace(path=f"/{8 + int(_worker[2:])}"))
if not os.environ.get("REDIS_URL"):
    # xdist workers inherit the controller's environment: each makes a broker folder of its
    # own, which the worker processes its tests spawn inherit in turn.
    _owner = _worker or "main"
    if os.environ.get("BROKER_DIR_OWNER") != _owner:
        os.environ["BROKER_DIR"] = tempfile.mkdtemp(prefix=f"casemgmt-broker-{_owner}-")
        os.environ["BROKER_DIR_OWNER"] = _owner

from config.settings import *  # noqa: E402, F403

# Tests need no durability: commits do not wait for the WAL to reach the disk (the
# transactional and browser tests commit thousands of times).
DATABASES["default"]["OPTIONS"]["options"] += " -c synchronous_commit=off"  # noqa: F405
