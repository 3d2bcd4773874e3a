"""Writes of the reports app: the audit of every export, and export jobs."""

from __future__ import annotations

import datetime as dt
import io
import logging
import tempfile
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from core import audit, outbox
from core.choices import AuditAction
from core.models import AuditEvent
from reports.choices import JobStatus
from reports.exports import EXPORTS, Export, ExportFormat, subjects_sql, write_csv, write_xlsx
from reports.models import ExportJob

log = logging.getLogger(__name__)

EXPORT_TASK = "reports.tasks.export_run"


def params_of(filters: dict[str, Any]) -> QueryDict:
    q = QueryDict(mutable=True)
    for key, value in filters.items():
        q[key] = value
    return q


@transaction.atomic
def export_record(
    *,
    actor: Any,
    export: Export,
    fmt: str,
    filters: dict[str, Any],
    rows: int,
    reason: str,
    job: ExportJob | None = None,
) -> AuditEvent:
    """The audit event of an export: who, which list, the filters, how many rows, why."""
    return audit.record(
        actor,
        AuditAction.EXPORT,
        object_type="reports.export",
        object_id=str(job.pk) if job else export.code,
        object_repr=f"{export.code}.{fmt}",
        after={"list": export.code, "format": fmt, "filters": filters, "rows": rows},
        reason=reason,
    )


@transaction.atomic
def export_download_record(*, actor: Any, job: ExportJob) -> AuditEvent:
    """Each download of an export's file is audited too: who took the file, which one,
    when (the export itself was audited with its reason when it was asked for)."""
    return audit.record(
        actor,
        AuditAction.EXPORT,
        object_type="reports.export.download",
        object_id=str(job.pk),
        object_repr=job.filename,
        after={"list": job.export, "format": job.format, "filters": job.filters, "rows": job.rows_total},
        reason=job.reason,
    )


@transaction.atomic
def export_job_create(
    *, actor: Any, export: str, fmt: str, params: QueryDict, reason: str, language: str
) -> ExportJob:
    """Record the job, its audit event and its outbox message; the worker starts once
    this commits, or when the broker is back."""
    spec = EXPORTS[export]
    queryset, filters = spec.queryset(actor, params)  # raises ExportFilterError on bad filters
    rows = queryset.count()
    job = ExportJob(
        user=actor,
        export=export,
        format=fmt,
        filters=filters,
        reason=reason,
        language=language,
        rows_total=rows,
    )
    job.full_clean()
    job.save()
    export_record(actor=actor, export=spec, fmt=fmt, filters=filters, rows=rows, reason=reason, job=job)
    # in this transaction: an export accepted is run even if the broker is down now
    outbox.enqueue(EXPORT_TASK, job_id=str(job.pk))
    return job


def export_waiting_for_broker(job: ExportJob) -> bool:
    """The job's outbox message has not reached the broker yet (it was down)."""
    message = outbox.pending_for(EXPORT_TASK, job_id=str(job.pk))
    return message is not None and message.sent_at is None


def _progress(job_id: uuid.UUID) -> Callable[[int], None]:
    def update(rows: int) -> None:
        ExportJob.objects.filter(pk=job_id).update(rows_done=rows)

    return update


def export_job_run(*, job_id: uuid.UUID | str) -> ExportJob | None:
    """Write the file. Idempotent, by the job's state: a job already done, failed or
    expired is left alone, and so is one another worker is running (claimed under SKIP
    LOCKED less than ``EXPORT_RUN_LEASE_SECONDS`` ago: a message delivered twice runs
    once); a job found running past its lease (worker lost, task redelivered) starts over."""
    lease = timezone.now() - dt.timedelta(seconds=settings.EXPORT_RUN_LEASE_SECONDS)
    with transaction.atomic():
        # never its files (a million ids at most): they are gathered and read in SQL
        job = (
            ExportJob.objects.select_for_update(skip_locked=True).defer("subjects").filter(pk=job_id).first()
        )
        if job is None or job.status not in (JobStatus.QUEUED, JobStatus.RUNNING):
            return job
        if job.status == JobStatus.RUNNING and job.started_at and job.started_at > lease:
            return job
        job.status, job.started_at, job.rows_done = JobStatus.RUNNING, timezone.now(), 0
        job.save(update_fields=["status", "started_at", "rows_done"])
    spec = EXPORTS[job.export]
    try:
        queryset, _filters = spec.queryset(job.user, params_of(job.filters))
        # for the read log of each download: the files, as the rows are about to be read,
        # gathered by PostgreSQL into the job's row (none held in this worker)
        ExportJob.objects.filter(pk=job.pk).update(subjects=subjects_sql(queryset))
        with tempfile.TemporaryFile() as tmp:
            if job.format == ExportFormat.XLSX:
                rows = write_xlsx(
                    spec,
                    queryset,
                    job.language,
                    tmp,
                    progress=_progress(job.pk),
                    every=settings.EXPORT_PROGRESS_EVERY,
                )
            else:
                text = io.TextIOWrapper(tmp, encoding="utf-8-sig", newline="")
                rows = write_csv(
                    spec,
                    queryset,
                    job.language,
                    text,
                    progress=_progress(job.pk),
                    every=settings.EXPORT_PROGRESS_EVERY,
                )
                text.flush()
                text.detach()
            tmp.seek(0)
            job.file.save(f"{job.pk}.{job.format}", File(tmp), save=False)
    except Exception as exc:
        log.exception("export %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    now = timezone.now()
    ExportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE,
        file=job.file.name,
        rows_done=rows,
        rows_total=rows,
        finished_at=now,
        expires_at=now + dt.timedelta(hours=settings.EXPORT_TTL_HOURS),
    )
    job.refresh_from_db(fields=[f.attname for f in ExportJob._meta.concrete_fields if f.name != "subjects"])
    return job


def exports_purge(*, now: dt.datetime | None = None) -> int:
    """Delete the files of expired exports (the job row stays, marked expired)."""
    now = now or timezone.now()
    purged = 0
    for job in ExportJob.objects.filter(expires_at__lte=now).exclude(status=JobStatus.EXPIRED).iterator():
        if job.file:
            job.file.delete(save=False)
        ExportJob.objects.filter(pk=job.pk).update(status=JobStatus.EXPIRED, file="")
        purged += 1
    return purged
