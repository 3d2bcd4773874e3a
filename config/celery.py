"""The Celery app. The beat schedule lives here, in code, reviewed."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("casemgmt")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Each entry: a crontab and an ``expires`` just under its interval, so a backlog
# never runs a stale sweep twice. Filled by the reminders issue.
app.conf.beat_schedule = {}


@app.task(bind=True, ignore_result=True)
def ping(self):
    """Health probe: proves a worker consumes the queue."""
    return "pong"
