"""/api/v1/complaints/: the register, its workflow, the supervisors' review and statistics.

The list shows every complaint the caller may know of; a confidential one whose content
the caller may not read carries only its existence and next deadline, and its detail is
404 (Rule 56(3)). Workflow steps need ``handle`` (404 otherwise)."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from casemgmt.models import User
from complaints import selectors, services
from complaints.api.serializers import (
    AfterComplaintSerializer,
    AnswerSerializer,
    AssignSerializer,
    ComplaintCreateSerializer,
    ComplaintSerializer,
    ReferSerializer,
    ReprisalReviewSerializer,
)
from complaints.forms import RegisterFilter, StatisticsFilter
from complaints.models import Complaint
from complaints.standards import overdue_q
from core import reads
from core.api.base import RestrictedViewSetMixin
from core.api.errors import call_service

HANDLE = "handle"


@extend_schema(
    parameters=[
        OpenApiParameter("status", str, description="A status, or `open`"),
        OpenApiParameter("category", str),
        OpenApiParameter("route", str),
        OpenApiParameter("overdue", bool),
        OpenApiParameter("prisoner", int),
    ]
)
class ComplaintViewSet(
    RestrictedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Complaint.objects.select_related(*selectors.RELATED)
    serializer_class = ComplaintSerializer
    filter_backends: list = []  # the register's own filters (category and route only among readable ones)
    capability = "exists"
    action_capabilities = {
        "retrieve": "view",
        "create": "exists",
        "acknowledge": HANDLE,
        "investigate": HANDLE,
        "answer": HANDLE,
        "copy_given": HANDLE,
        "refer": HANDLE,
        "close": HANDLE,
        "assign": HANDLE,
        "overdue": "exists",
        "after_complaint": "complainants",
        "reprisal_review": "complainants",
        "statistics": "exists",
    }

    def get_queryset(self):
        return super().get_queryset().with_access(self.request.user)

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        form = RegisterFilter(self.request.query_params)
        filters = form.cleaned_data if form.is_valid() else {}
        if filters.get("status") == "open":
            filters.pop("status")
            queryset = queryset.filter(status__in=("received", "acknowledged", "investigating"))
        if filters.get("category") or filters.get("route"):
            queryset = queryset.filter(readable=True)
        for key in ("status", "category", "route"):
            if filters.get(key):
                queryset = queryset.filter(**{key: filters[key]})
        if filters.get("overdue"):
            queryset = queryset.filter(overdue_q(timezone.localdate()))
        prisoner = self.request.query_params.get("prisoner", "")
        if prisoner.isdigit():
            queryset = queryset.filter(prisoner_id=int(prisoner))
        return queryset

    def _reply(self, complaint, code=status.HTTP_200_OK):
        return Response(ComplaintSerializer(complaint).data, status=code)

    @extend_schema(request=ComplaintCreateSerializer, responses={201: ComplaintSerializer})
    def create(self, request):
        complaint = self.create_on_file(
            request, ComplaintCreateSerializer, services.complaint_record, file_capability="change_prisoner"
        )
        return self._reply(complaint, status.HTTP_201_CREATED)

    def _step(self, service, **kwargs):
        return self._reply(
            call_service(service, actor=self.request.user, complaint=self.get_object(), **kwargs)
        )

    @extend_schema(request=None, responses={200: ComplaintSerializer})
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        return self._step(services.complaint_acknowledge)

    @extend_schema(request=None, responses={200: ComplaintSerializer})
    @action(detail=True, methods=["post"])
    def investigate(self, request, pk=None):
        return self._step(services.complaint_investigate)

    @extend_schema(request=AnswerSerializer, responses={200: ComplaintSerializer})
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        data = AnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._step(services.complaint_answer, **data.validated_data)

    @extend_schema(request=None, responses={200: ComplaintSerializer})
    @action(detail=True, methods=["post"], url_path="copy-given")
    def copy_given(self, request, pk=None):
        return self._step(services.complaint_copy_given)

    @extend_schema(request=ReferSerializer, responses={200: ComplaintSerializer})
    @action(detail=True, methods=["post"])
    def refer(self, request, pk=None):
        data = ReferSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._step(services.complaint_refer, **data.validated_data)

    @extend_schema(request=None, responses={200: ComplaintSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._step(services.complaint_close)

    @extend_schema(request=AssignSerializer, responses={200: ComplaintSerializer})
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        data = AssignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        handler = User.objects.filter(pk=data.validated_data["handler"], is_active=True).first()
        if handler is None:
            raise ValidationError({"handler": ["Unknown member of staff."]})
        return self._step(services.complaint_assign, handler=handler)

    @extend_schema(responses={200: ComplaintSerializer(many=True)})
    @action(detail=False, methods=["get"], pagination_class=None)
    def overdue(self, request):
        rows = list(selectors.overdue(user=request.user)[:200])
        return Response(ComplaintSerializer(rows, many=True).data)

    @extend_schema(responses={200: AfterComplaintSerializer(many=True)})
    @action(detail=False, methods=["get"], url_path="after-complaint", pagination_class=None)
    def after_complaint(self, request):
        rows = selectors.after_complaint(user=request.user)
        reads.note_instances([r.complaint for r in rows])
        return Response(AfterComplaintSerializer(rows, many=True).data)

    @extend_schema(request=ReprisalReviewSerializer, responses={201: ReprisalReviewSerializer})
    @action(detail=True, methods=["post"], url_path="reprisal-review")
    def reprisal_review(self, request, pk=None):
        data = ReprisalReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        review = call_service(
            services.reprisal_review, actor=request.user, complaint=self.get_object(), **data.validated_data
        )
        return Response(ReprisalReviewSerializer(review).data, status=status.HTTP_201_CREATED)

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
        stats = selectors.statistics(user=request.user, **form.filters())
        by = {
            key: [{k: (str(v) if k == "label" else v) for k, v in row.items()} for row in rows]
            for key, rows in stats["by"].items()
        }
        return Response({"totals": stats["totals"], "by": by})
