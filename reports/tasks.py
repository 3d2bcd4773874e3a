"""Background work of the reports app (queue ``exports``)."""

from celery import shared_task

from core import outbox
from reports import services
from reports.choices import JobStatus
from reports.models import ExportJob


@shared_task(acks_late=True, ignore_result=True)
def export_run(job_id: str) -> str | None:
    """Sent through the outbox (core.outbox): idempotent by the job's state."""
    job = services.export_job_run(job_id=job_id)
    if job is None:  # missing, or locked this instant by another delivery's claim
        pending = ExportJob.objects.filter(pk=job_id, status__in=[JobStatus.QUEUED, JobStatus.RUNNING])
        return outbox.LATER if pending.exists() else None
    if job.status == JobStatus.RUNNING:
        return outbox.LATER  # another worker holds it: ask again later, in case it is lost
    return None


@shared_task(ignore_result=True)
def exports_purge() -> int:
    return services.exports_purge()
