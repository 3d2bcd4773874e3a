"""/api/v1/reports/: the dashboard's statistics, the standards, and export jobs."""

import datetime as dt

from django.http import FileResponse, Http404
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core import reads
from core.api.base import RestrictedViewSetMixin
from core.views.base import NO_FILE
from reports import selectors, services
from reports.api.serializers import ExportJobCreateSerializer, ExportJobSerializer, PeriodSerializer
from reports.exports import ExportFilterError
from reports.models import ExportJob
from reports.permissions import can_report


class CanReport(permissions.BasePermission):
    def has_permission(self, request, view):
        return can_report(request.user)


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items() if k != "facility"}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value if isinstance(value, int | float | str | type(None)) else str(value)


def _period(request):
    data = PeriodSerializer(data=request.query_params)
    data.is_valid(raise_exception=True)
    facility = None
    if "facility" in data.validated_data:
        facility = (
            selectors.facilities_visible(request.user).filter(pk=data.validated_data["facility"]).first()
        )
        if facility is None:
            raise Http404
    return facility, data.validated_data


class FiguresView(RestrictedViewSetMixin, viewsets.ViewSet):
    """A read of figures only (counts over the files the user may see, never a file):
    declared ``NO_FILE``. A viewset with one ``list`` action rather than an ``APIView``
    because the access check (``core.checks``) knows viewsets and HTML views; routed
    with ``as_view({"get": "list"})`` at the same URL as before."""

    capability = NO_FILE
    permission_classes = [CanReport]

    def no_access(self) -> bool:
        """True when the reader sees no facility (an administrator holds no grant): every
        figure is then zero, and the answer says why (issue 23)."""
        return not selectors.facilities_visible(self.request.user).exists()


class StatisticsView(FiguresView):
    """The dashboard's figures over the files you may see; each carries ``url``, the
    prisoner list that shows exactly those prisoners."""

    @extend_schema(parameters=[PeriodSerializer], responses={200: OpenApiResponse(description="The figures")})
    def list(self, request):
        facility, period = _period(request)
        figures = selectors.dashboard(
            user=request.user, facility=facility, since=period.get("since"), until=period.get("until")
        )
        return Response(
            {
                "facility": facility.pk if facility else None,
                "no_facility_access": self.no_access(),
                **_jsonable(figures),
            }
        )


class StandardsView(FiguresView):
    """How many files meet each recording standard, over the files you may see."""

    @extend_schema(parameters=[PeriodSerializer], responses={200: OpenApiResponse(description="Per rule")})
    def list(self, request):
        facility, _period_data = _period(request)
        rows = selectors.standards_view(user=request.user, facility=facility)
        return Response(
            {
                "facility": facility.pk if facility else None,
                "no_facility_access": self.no_access(),
                "standards": _jsonable(rows),
            }
        )


class ExportJobViewSet(
    RestrictedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Your own export jobs: create one (CSV or XLSX, prepared by a worker), follow its
    progress, download the file until it expires (410 after)."""

    queryset = ExportJob.objects.none()  # for the schema; get_queryset keeps each user to their own
    serializer_class = ExportJobSerializer
    permission_classes = [CanReport]
    filter_backends = []
    # A job shows its list, filters and progress, never a file; each user sees only their
    # own jobs (below). The file's rows were restricted with the user's grants when made.
    capability = NO_FILE
    action_capabilities = {"create": NO_FILE, "download": NO_FILE}

    def get_queryset(self):
        # Not ``self.restrict``: an export job is no prisoner record, it is the user's own.
        return ExportJob.objects.filter(user=self.request.user).defer("subjects")  # read in SQL at download

    @extend_schema(request=ExportJobCreateSerializer, responses={201: ExportJobSerializer})
    def create(self, request):
        data = ExportJobCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        try:
            job = services.export_job_create(
                actor=request.user,
                export=v["export"],
                fmt=v["format"],
                params=services.params_of(v["filters"]),
                reason=v["reason"],
                language=translation.get_language() or "ru",
            )
        except ExportFilterError as exc:
            return Response({"filters": exc.messages}, status=status.HTTP_400_BAD_REQUEST)
        return Response(ExportJobSerializer(job).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        responses={200: OpenApiResponse(description="The file"), 410: OpenApiResponse(description="Expired")}
    )
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        job = self.get_object()
        if job.is_expired:
            return Response({"detail": _("This export has expired. Export the list again.")}, status=410)
        if job.status != "done" or not job.file:
            return Response({"detail": _("The file is not ready yet.")}, status=status.HTTP_409_CONFLICT)
        services.export_download_record(actor=request.user, job=job)
        reads.note(record="reports.exportjob", ids=[job.pk], reason=job.reason)
        reads.note_query(selectors.job_subject_query(job.pk))  # its files, selected by the read event
        response = FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)
        response["Cache-Control"] = "private, no-store"
        return response
