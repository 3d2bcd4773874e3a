"""The Celery app. The beat schedule lives here, in code, reviewed."""

import os

from celery import Celery

#: True when no settings module was named and this import chose the product's: a command
#: that ``config.embedded`` starts must not inherit that choice (``make test`` ran the suite
#: on the product's settings so — Argon2 hashes, durable commits, one Redis database for
#: every test process)
SETTINGS_DEFAULTED = "DJANGO_SETTINGS_MODULE" not in os.environ
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("casemgmt")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


# Each entry: a crontab and an ``expires`` just under its interval, so a backlog
# never runs a stale sweep twice. Filled by the reminders issue.
def _schedule() -> dict:
    from celery.schedules import crontab
    from django.conf import settings

    return {
        # Every minute: publish what the outbox holds and no worker has confirmed (work
        # asked for while the broker was down, a message lost). expires: never two queued.
        "outbox-dispatch": {
            "task": "core.tasks.outbox_dispatch",
            "schedule": 60.0,
            "options": {"expires": 50, "queue": "default"},
        },
        # Every ten minutes: the group tallies' rows folded into one a group and
        # permission (core.tallies; each grant statement adds one, the list's count
        # sums them). expires: never two queued.
        "tallies-compact": {
            "task": "core.tasks.tallies_compact",
            "schedule": 600.0,
            "options": {"expires": 540, "queue": "default"},
        },
        # Every hour: reviews coming due, due and overdue, late plan actions, assessments
        # waiting for approval. expires: a backlog never runs a stale sweep (50 of 60 min).
        "reminder-sweep": {
            "task": "notifications.tasks.sweep_reminders",
            "schedule": crontab(minute=settings.REMINDER_SWEEP_MINUTE),
            "options": {"expires": 50 * 60, "queue": "reminders"},
        },
        # Every morning at 07:00 (TIME_ZONE): the digest for those who chose one.
        "reminder-digest": {
            "task": "notifications.tasks.send_digests",
            "schedule": crontab(minute=0, hour=7),
            "options": {"expires": 23 * 3600, "queue": "reminders"},
        },
        # Every hour: delete the files of exports past their expiry (EXPORT_TTL_HOURS).
        "exports-purge": {
            "task": "reports.tasks.exports_purge",
            "schedule": crontab(minute=35),
            "options": {"expires": 50 * 60, "queue": "exports"},
        },
        # Every morning at 06:00: open the release plans whose window has come (legal app).
        "legal-plans-open": {
            "task": "legal.tasks.plans_open",
            "schedule": crontab(minute=0, hour=6),
            "options": {"expires": 23 * 3600, "queue": "reminders"},
        },
    }


@app.on_after_configure.connect
def _install_schedule(sender, **kwargs):
    sender.conf.beat_schedule = _schedule()


@app.task(bind=True, ignore_result=True)
def ping(self):
    """Health probe: proves a worker consumes the queue."""
    return "pong"
