"""Background work of the reports app (queue ``exports``)."""

from celery import shared_task

from reports import services


@shared_task(acks_late=True, ignore_result=True)
def export_run(job_id: str) -> None:
    services.export_job_run(job_id=job_id)


@shared_task(ignore_result=True)
def exports_purge() -> int:
    return services.exports_purge()
