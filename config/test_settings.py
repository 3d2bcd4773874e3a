"""Settings for the test suite (pytest points DJANGO_SETTINGS_MODULE here).

The environment is fixed before the real settings load: the test environment, and a
filesystem broker folder of the suite's own (inherited by worker processes the tests
start) so a developer's running worker never takes the tests' tasks. With REDIS_URL
set (CI), Redis is the broker instead.
"""

import os
import tempfile

os.environ["DJANGO_ENV"] = "test"
if not os.environ.get("REDIS_URL"):
    os.environ.setdefault("BROKER_DIR", tempfile.mkdtemp(prefix="casemgmt-broker-"))

from config.settings import *  # noqa: E402, F403

# Tests need no durability: commits do not wait for the WAL to reach the disk (the
# transactional and browser tests commit thousands of times).
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
