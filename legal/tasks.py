"""Celery tasks of the legal app: idempotent, retried with backoff; they call services."""

from __future__ import annotations

from celery import shared_task

from legal.services import plans_open_due


@shared_task(
    bind=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
    acks_late=True,
    ignore_result=True,
)
def plans_open(self):
    """Open the release plans of everyone whose expected release is within
    ``LEGAL_PLAN_OPEN_MONTHS`` (a plan already open is left as it is)."""
    return plans_open_due()
