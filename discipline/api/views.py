"""/api/v1/disciplinary-reports/, /api/v1/separations/ and the catalogue."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from classification.querysets import CATALOGUE
from core import reads
from core.api.base import RestrictedReadOnlyViewSet, RestrictedViewSetMixin
from core.api.errors import call_service
from discipline import selectors, services
from discipline.api import serializers as s
from discipline.forms import StatisticsFilter
from discipline.models import Offence, Report, SanctionKind, Separation


class OffenceViewSet(RestrictedReadOnlyViewSet):
    capability = CATALOGUE
    queryset = Offence.objects.filter(active=True)
    serializer_class = s.OffenceSerializer


class SanctionKindViewSet(RestrictedReadOnlyViewSet):
    capability = CATALOGUE
    queryset = SanctionKind.objects.filter(active=True)
    serializer_class = s.SanctionKindSerializer


@extend_schema(parameters=[OpenApiParameter("status", str), OpenApiParameter("prisoner", int)])
class ReportViewSet(
    RestrictedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Report.objects.select_related(*selectors.REPORT_RELATED).prefetch_related("sanctions__kind")
    serializer_class = s.ReportSerializer
    filter_backends: list = []
    capability = "view"
    action_capabilities = {
        "create": "view",
        "charge": "report",
        "legal": "report",
        "hear": "hear",
        "sanction": "hear",
        "appeal": "report",
        "decide": "appeal",
        "statistics": "view",
    }

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        params = self.request.query_params
        if params.get("status"):
            queryset = queryset.filter(status=params["status"])
        if params.get("prisoner", "").isdigit():
            queryset = queryset.filter(prisoner_id=int(params["prisoner"]))
        return queryset

    def _reply(self, report, code=status.HTTP_200_OK):
        report = self.get_queryset().model.objects.select_related(*selectors.REPORT_RELATED).get(pk=report.pk)
        return Response(s.ReportSerializer(report).data, status=code)

    def _step(self, serializer_class, service):
        data = serializer_class(data=self.request.data)
        data.is_valid(raise_exception=True)
        return self._reply(
            call_service(service, actor=self.request.user, report=self.get_object(), **data.validated_data)
        )

    @extend_schema(request=s.ReportCreateSerializer, responses={201: s.ReportSerializer})
    def create(self, request):
        report = self.create_on_file(
            request, s.ReportCreateSerializer, services.report_create, file_capability="change_prisoner"
        )
        return self._reply(report, status.HTTP_201_CREATED)

    @extend_schema(request=s.DisciplinaryChargeSerializer, responses={200: s.ReportSerializer})
    @action(detail=True, methods=["post"])
    def charge(self, request, pk=None):
        return self._step(s.DisciplinaryChargeSerializer, services.report_charge)

    @extend_schema(request=s.LegalSerializer, responses={200: s.ReportSerializer})
    @action(detail=True, methods=["post"])
    def legal(self, request, pk=None):
        return self._step(s.LegalSerializer, services.report_legal_assistance)

    @extend_schema(request=s.DisciplinaryHearingSerializer, responses={200: s.ReportSerializer})
    @action(detail=True, methods=["post"])
    def hear(self, request, pk=None):
        return self._step(s.DisciplinaryHearingSerializer, services.report_hear)

    @extend_schema(request=s.SanctionsSerializer, responses={200: s.ReportSerializer})
    @action(detail=True, methods=["post"])
    def sanction(self, request, pk=None):
        data = s.SanctionsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["sanctions"] = [dict(item) for item in values["sanctions"]]
        if values.get("hours_out") is None:
            values.pop("hours_out", None)
        report = self.get_object()
        call_service(services.sanctions_impose, actor=request.user, report=report, **values)
        return self._reply(report)

    @extend_schema(request=s.DisciplinaryAppealSerializer, responses={200: s.ReportSerializer})
    @action(detail=True, methods=["post"])
    def appeal(self, request, pk=None):
        return self._step(s.DisciplinaryAppealSerializer, services.appeal_lodge)

    @extend_schema(request=s.AppealDecisionSerializer, responses={200: s.ReportSerializer})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        return self._step(s.AppealDecisionSerializer, services.appeal_decide)

    @extend_schema(
        parameters=[
            OpenApiParameter("facility", int),
            OpenApiParameter("since", OpenApiTypes.DATE),
            OpenApiParameter("until", OpenApiTypes.DATE),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def statistics(self, request):
        form = StatisticsFilter(request.query_params)
        if request.query_params and not form.is_valid():
            raise ValidationError(form.errors)
        return Response(selectors.statistics(user=request.user, **form.filters()))


@extend_schema(parameters=[OpenApiParameter("current", bool), OpenApiParameter("prisoner", int)])
class SeparationViewSet(
    RestrictedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Separation.objects.select_related(*selectors.SEPARATION_RELATED).prefetch_related(
        "health_visits", "reviews"
    )
    serializer_class = s.SeparationSerializer
    filter_backends: list = []
    capability = "view"
    action_capabilities = {
        "create": "view",
        "end": "appeal",
        "review": "appeal",
        "visit": "health",
        "missed_visits": "view",
    }

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        params = self.request.query_params
        if params.get("current") in ("1", "true"):
            queryset = queryset.filter(ended_at__isnull=True)
        if params.get("prisoner", "").isdigit():
            queryset = queryset.filter(prisoner_id=int(params["prisoner"]))
        return queryset

    def _reply(self, separation, code=status.HTTP_200_OK):
        fresh = self.queryset.model.objects.select_related(*selectors.SEPARATION_RELATED).get(
            pk=separation.pk
        )
        return Response(s.SeparationSerializer(fresh).data, status=code)

    @extend_schema(request=s.SeparationCreateSerializer, responses={201: s.SeparationSerializer})
    def create(self, request):
        separation = self.create_on_file(
            request,
            s.SeparationCreateSerializer,
            services.separation_start,
            file_capability="change_prisoner",
        )
        return self._reply(separation, status.HTTP_201_CREATED)

    @extend_schema(request=s.SeparationEndSerializer, responses={200: s.SeparationSerializer})
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        data = s.SeparationEndSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        sep = call_service(
            services.separation_end, actor=request.user, separation=self.get_object(), **data.validated_data
        )
        return self._reply(sep)

    @extend_schema(request=s.SeparationReviewSerializer, responses={200: s.SeparationSerializer})
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        data = s.SeparationReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        sep = self.get_object()
        call_service(services.separation_review, actor=request.user, separation=sep, **data.validated_data)
        return self._reply(sep)

    @extend_schema(request=s.HealthVisitSerializer, responses={200: s.SeparationSerializer})
    @action(detail=True, methods=["post"])
    def visit(self, request, pk=None):
        data = s.HealthVisitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        sep = self.get_object()
        call_service(services.health_visit_record, actor=request.user, separation=sep, **data.validated_data)
        return self._reply(sep)

    @extend_schema(
        parameters=[
            OpenApiParameter("facility", int),
            OpenApiParameter("since", OpenApiTypes.DATE),
            OpenApiParameter("until", OpenApiTypes.DATE),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    @action(detail=False, methods=["get"], url_path="missed-visits", pagination_class=None)
    def missed_visits(self, request):
        """Rule 46: the days of separation without a health visit over a period (the
        last 30 days when none is given), per facility."""
        form = StatisticsFilter(request.query_params)
        if request.query_params and not form.is_valid():
            raise ValidationError(form.errors)
        figures = selectors.health_visits_over(user=request.user, **form.filters())
        reads.note_instances(separation for separation, _day in figures["missed"])
        return Response(
            {
                "since": figures["since"],
                "until": figures["until"],
                "days": figures["days"],
                "by_facility": [{"facility": f.pk, "missed": n} for f, n in figures["by_facility"]],
                "missed": [
                    {
                        "separation": s.pk,
                        "prisoner": s.prisoner_id,
                        "prison_number": s.prisoner.prison_number,
                        "facility": s.facility_id,
                        "day": day,
                    }
                    for s, day in figures["missed"]
                ],
            }
        )
