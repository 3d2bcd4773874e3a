# Loaded before Django is configured: the test environment is explicit.
import os

os.environ["DJANGO_ENV"] = "test"
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop
