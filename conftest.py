# Playwright's sync API runs an event loop in the test thread; Django's ORM must be
# allowed there. (The environment itself is fixed in config/test_settings.py.)
import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
