from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.generic import TemplateView

from core import reads
from core.views.base import NO_FILE, StaffView
from reports import selectors, services
from reports.exports import EXPORTS, ExportFilterError, ExportFormat, csv_chunks, subject_query
from reports.forms import DashboardFilterForm, ExportForm
from reports.models import ExportJob
from reports.permissions import can_report


class ReportsView(StaffView):
    """A reports page: supervisors and administrators (403 for other staff).

    The pages show figures and the user's own export jobs, never a file, hence
    ``NO_FILE``; the rows of an export are restricted by each export's own definition
    (``reports.exports``, with the capability each list needs) and noted when they leave.
    """

    capability = NO_FILE

    def resolve(self) -> None:
        if not can_report(self.request.user):
            raise PermissionDenied


def _period_form(request, period=None):
    since, until = period or selectors.default_period(timezone.localdate())
    form = DashboardFilterForm(
        request.GET or None,
        facilities=selectors.facilities_visible(request.user),
        initial={"since": since, "until": until},
    )
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, data


def _charts(data: dict) -> dict:
    """The numbers each chart draws (the tables beside them show the same)."""

    several = len({r["facility_id"] for r in data["occupancy"]}) > 1

    def bars(rows, label="label"):
        return [{"label": str(r[label]), "value": r["count"]} for r in rows]

    return {
        "occupancy": [
            {
                "label": f"{r['facility']} · {r['unit']}" if several else r["unit"],
                "value": r["count"],
                "max": r["capacity"],
            }
            for r in data["occupancy"]
        ],
        "sex": bars(data["sex"]),
        "age_band": bars(data["age_band"]),
        "legal_status": bars(data["legal_status"]),
        "nationality": bars(data["nationality"]),
        "security_level": bars(data["security_level"]),
        "judgement": bars(data["judgement"]),
        "admissions": [
            {"label": r["month"].strftime("%Y-%m"), "value": r["count"]} for r in data["admissions"]
        ],
        "releases": [{"label": r["month"].strftime("%Y-%m"), "value": r["count"]} for r in data["releases"]],
        "programmes": bars(data["programmes"]["rows"]),
    }


class DashboardView(ReportsView, TemplateView):
    template_name = "reports/dashboard.html"

    def get_context_data(self, **kwargs):
        form, data = _period_form(self.request)
        figures = selectors.dashboard(
            user=self.request.user,
            facility=data.get("facility"),
            since=data.get("since"),
            until=data.get("until"),
        )
        context = super().get_context_data(**kwargs)
        context.update(form=form, figures=figures, charts=_charts(figures), printed_at=timezone.now())
        return context


class StandardsView(ReportsView, TemplateView):
    template_name = "reports/standards.html"

    #: the period of the rows counted in days, when none is chosen
    PERIOD_DAYS = 30

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        default = (today - dt.timedelta(days=self.PERIOD_DAYS - 1), today)
        form, data = _period_form(self.request, default)
        until = data.get("until") or today
        since = data.get("since") or until - dt.timedelta(days=self.PERIOD_DAYS - 1)
        context = super().get_context_data(**kwargs)
        context.update(
            form=form,
            facility=data.get("facility"),
            since=since,
            until=until,
            rows=selectors.standards_view(
                user=self.request.user, facility=data.get("facility"), since=since, until=until
            ),
            printed_at=timezone.now(),
        )
        return context


class ExportView(ReportsView):
    """Asks for the format and the reason; CSV streams at once, XLSX becomes a job."""

    template_name = "reports/export.html"

    def _spec(self, code):
        if code not in EXPORTS:
            raise Http404
        return EXPORTS[code]

    def _context(self, spec, form, request, error=None):
        try:
            queryset, filters = spec.queryset(request.user, request.GET)
            count, error = queryset.count(), error
        except ExportFilterError as exc:
            filters, count, error = {}, 0, "; ".join(exc.messages)
        back = reverse(spec.list_url_name) if spec.list_url_name else reverse("reports:dashboard")
        query = request.GET.urlencode()
        return {
            "spec": spec,
            "form": form,
            "filters": filters,
            "count": count,
            "error": error,
            "back": f"{back}?{query}" if query else back,
            "action": f"{request.path}?{query}" if query else request.path,
        }

    def get(self, request, code):
        spec = self._spec(code)
        return render(request, self.template_name, self._context(spec, ExportForm(export=code), request))

    def post(self, request, code):
        spec = self._spec(code)
        form = ExportForm(request.POST, export=code)
        if not form.is_valid():
            return render(request, self.template_name, self._context(spec, form, request), status=400)
        fmt, reason = form.cleaned_data["format"], form.cleaned_data["reason"]
        language = translation.get_language() or "ru"
        try:
            if fmt == ExportFormat.XLSX:
                job = services.export_job_create(
                    actor=request.user,
                    export=code,
                    fmt=fmt,
                    params=request.GET,
                    reason=reason,
                    language=language,
                )
                return redirect("reports:job", pk=job.pk)
            queryset, filters = spec.queryset(request.user, request.GET)
        except ExportFilterError as exc:
            ctx = self._context(spec, form, request, error="; ".join(exc.messages))
            return render(request, self.template_name, ctx, status=400)
        # The audit event is written before the first byte leaves: an interrupted
        # download is still on record. The row count is the count at this moment.
        rows = queryset.count()
        # The read log names every file the download carries, with the reason given: taken
        # by the read event in SQL (a million ids never held here; issue #25).
        reads.note_query(subject_query(queryset), reason=reason)
        services.export_record(
            actor=request.user, export=spec, fmt=fmt, filters=filters, rows=rows, reason=reason
        )
        response = StreamingHttpResponse(
            csv_chunks(spec, queryset, language), content_type="text/csv; charset=utf-8"
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="{code}-{stamp}.csv"'
        response["Cache-Control"] = "private, no-store"
        return response


def _own_job(request, pk) -> ExportJob:
    try:
        # its files are read by the download's read event in SQL, never loaded here
        return ExportJob.objects.defer("subjects").get(pk=pk, user=request.user)
    except (ExportJob.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


class JobView(ReportsView):
    """The job's progress; htmx polls the partial until it is done."""

    def get(self, request, pk):
        job = _own_job(request, pk)
        template = "reports/_job.html" if request.htmx else "reports/job.html"
        # queued and its outbox message never reached the broker: say it is accepted
        waiting = job.status == "queued" and services.export_waiting_for_broker(job)
        return render(request, template, {"job": job, "spec": EXPORTS.get(job.export), "waiting": waiting})


class JobDownloadView(ReportsView):
    """Served only to the user who asked for it, only until it expires."""

    def get(self, request, pk):
        job = _own_job(request, pk)
        if job.is_expired:
            return render(request, "reports/expired.html", {"job": job}, status=410)
        if job.status != "done" or not job.file:
            raise Http404
        content_type = (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            if job.format == ExportFormat.XLSX
            else "text/csv; charset=utf-8"
        )
        services.export_download_record(actor=request.user, job=job)
        reads.note(record="reports.exportjob", ids=[job.pk], reason=job.reason)
        reads.note_query(selectors.job_subject_query(job.pk))  # its files, selected by the read event
        response = FileResponse(job.file.open("rb"), content_type=content_type, as_attachment=True)
        response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
        response["Cache-Control"] = "private, no-store"
        return response


class JobListView(ReportsView, TemplateView):
    template_name = "reports/jobs.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["jobs"] = ExportJob.objects.filter(user=self.request.user)[:50]
        context["exports"] = EXPORTS.values()
        context["ttl_hours"] = settings.EXPORT_TTL_HOURS
        return context
