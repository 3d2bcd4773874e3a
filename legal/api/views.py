"""/api/v1/ for the legal record, the release date, the release plan, handover summaries
and prisoner's copies. Reads of the legal record: custody staff and the case manager;
writes: the facility's staff (``change_prisoner``); the plan and what derives from it: the
case manager and supervisors (``manage_caseplan``). A record the caller may not see is 404."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core import reads
from core.api.base import RestrictedViewSetMixin
from core.api.errors import call_service
from custody.models import Movement
from legal import selectors, services, summaries
from legal.api import serializers as s
from legal.models import (
    Appeal,
    HandoverSummary,
    Hearing,
    LegalCase,
    PlanItem,
    ReleaseCalculation,
    ReleasePlan,
    RemandPeriod,
    Sentence,
    SubjectAccessRequest,
)
from legal.querysets import LEGAL_READ, LEGAL_WRITE, PLAN


def _visible(model, user, pk, action=LEGAL_WRITE):
    return selectors.visible(model, user=user, pk=pk, action=action)


class _Base(
    RestrictedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    capability = LEGAL_READ

    def filter_queryset(self, queryset):
        prisoner = self.request.query_params.get("prisoner", "")
        if prisoner.isdigit():
            queryset = queryset.filter(prisoner_id=int(prisoner))
        return queryset

    def _input(self, serializer_class):
        data = serializer_class(data=self.request.data)
        data.is_valid(raise_exception=True)
        return dict(data.validated_data)

    def _reply(self, obj, code=status.HTTP_200_OK):
        return Response(self.get_serializer_class()(obj).data, status=code)


class LegalCaseViewSet(_Base):
    queryset = LegalCase.objects.prefetch_related("charges")
    serializer_class = s.LegalCaseSerializer
    action_capabilities = {"create": LEGAL_WRITE}

    @extend_schema(request=s.CaseCreateSerializer, responses={201: s.LegalCaseSerializer})
    def create(self, request):
        v = self._input(s.CaseCreateSerializer)
        prisoner = selectors.file_for(user=request.user, pk=v.pop("prisoner"), action=LEGAL_WRITE)
        v["charges"] = [(c[0], c[1] if len(c) > 1 else "") for c in v["charges"]]
        case = call_service(services.case_create, actor=request.user, prisoner=prisoner, **v)
        return self._reply(case, status.HTTP_201_CREATED)


class HearingViewSet(_Base):
    queryset = Hearing.objects.all()
    serializer_class = s.HearingSerializer
    action_capabilities = {"create": LEGAL_WRITE, "outcome": LEGAL_WRITE, "link_movement": LEGAL_WRITE}

    @extend_schema(request=s.HearingCreateSerializer, responses={201: s.HearingSerializer})
    def create(self, request):
        v = self._input(s.HearingCreateSerializer)
        v["case"] = _visible(LegalCase, request.user, v["case"])
        return self._reply(
            call_service(services.hearing_create, actor=request.user, **v), status.HTTP_201_CREATED
        )

    @extend_schema(request=s.HearingOutcomeSerializer, responses={200: s.HearingSerializer})
    @action(detail=True, methods=["post"])
    def outcome(self, request, pk=None):
        v = self._input(s.HearingOutcomeSerializer)
        return self._reply(
            call_service(services.hearing_outcome, actor=request.user, hearing=self.get_object(), **v)
        )

    @extend_schema(request=s.LinkSerializer, responses={200: s.HearingSerializer})
    @action(detail=True, methods=["post"], url_path="link-movement")
    def link_movement(self, request, pk=None):
        hearing = self.get_object()
        v = self._input(s.LinkSerializer)
        movement = Movement.objects.filter(prisoner_id=hearing.prisoner_id, pk=v["movement"]).first()
        if movement is None:
            raise Http404
        return self._reply(
            call_service(
                services.hearing_link_movement, actor=request.user, hearing=hearing, movement=movement
            )
        )


class RemandPeriodViewSet(_Base):
    queryset = RemandPeriod.objects.all()
    serializer_class = s.RemandPeriodSerializer
    action_capabilities = {"create": LEGAL_WRITE}

    @extend_schema(request=s.RemandCreateSerializer, responses={201: s.RemandPeriodSerializer})
    def create(self, request):
        v = self._input(s.RemandCreateSerializer)
        v["case"] = _visible(LegalCase, request.user, v["case"])
        return self._reply(
            call_service(services.remand_record, actor=request.user, **v), status.HTTP_201_CREATED
        )


class SentenceViewSet(_Base):
    queryset = Sentence.objects.all()
    serializer_class = s.SentenceSerializer
    action_capabilities = {"create": LEGAL_WRITE}

    @extend_schema(request=s.SentenceCreateSerializer, responses={201: s.SentenceSerializer})
    def create(self, request):
        v = self._input(s.SentenceCreateSerializer)
        v["case"] = _visible(LegalCase, request.user, v["case"])
        if v.get("consecutive_to"):
            v["consecutive_to"] = _visible(Sentence, request.user, v["consecutive_to"])
        return self._reply(
            call_service(services.sentence_record, actor=request.user, **v), status.HTTP_201_CREATED
        )


class AppealViewSet(_Base):
    queryset = Appeal.objects.all()
    serializer_class = s.AppealSerializer
    action_capabilities = {"create": LEGAL_WRITE, "decide": LEGAL_WRITE}

    @extend_schema(request=s.AppealCreateSerializer, responses={201: s.AppealSerializer})
    def create(self, request):
        v = self._input(s.AppealCreateSerializer)
        v["sentence"] = _visible(Sentence, request.user, v["sentence"])
        return self._reply(
            call_service(services.appeal_lodge, actor=request.user, **v), status.HTTP_201_CREATED
        )

    @extend_schema(request=s.AppealDecideSerializer, responses={200: s.AppealSerializer})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        v = self._input(s.AppealDecideSerializer)
        return self._reply(
            call_service(services.appeal_decide, actor=request.user, appeal=self.get_object(), **v)
        )


class ReleaseCalculationViewSet(_Base):
    """Every calculation of the expected release date (newest first): the history."""

    queryset = ReleaseCalculation.objects.all()
    serializer_class = s.ReleaseCalculationSerializer
    action_capabilities = {}


class ReleasePlanViewSet(_Base):
    queryset = ReleasePlan.objects.prefetch_related("items")
    serializer_class = s.ReleasePlanSerializer
    capability = PLAN
    action_capabilities = {"create": PLAN, "items": PLAN, "set_status": PLAN}

    @extend_schema(request=s.PlanOpenSerializer, responses={201: s.ReleasePlanSerializer})
    def create(self, request):
        v = self._input(s.PlanOpenSerializer)
        prisoner = selectors.file_for(user=request.user, pk=v.pop("prisoner"), action=PLAN)
        plan = call_service(services.plan_open, actor=request.user, prisoner=prisoner, **v)
        return self._reply(plan, status.HTTP_201_CREATED)

    @extend_schema(request=s.ItemCreateSerializer, responses={201: s.PlanItemSerializer})
    @action(detail=True, methods=["post"])
    def items(self, request, pk=None):
        v = self._input(s.ItemCreateSerializer)
        item = call_service(services.plan_item_add, actor=request.user, plan=self.get_object(), **v)
        return Response(s.PlanItemSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.PlanStatusSerializer, responses={200: s.ReleasePlanSerializer})
    @action(detail=True, methods=["post"], url_path="status")
    def set_status(self, request, pk=None):
        v = self._input(s.PlanStatusSerializer)
        return self._reply(
            call_service(services.plan_set_status, actor=request.user, plan=self.get_object(), **v)
        )


class PlanItemViewSet(_Base):
    queryset = PlanItem.objects.all()
    serializer_class = s.PlanItemSerializer
    capability = PLAN
    action_capabilities = {"partial_update": PLAN}

    @extend_schema(request=s.ItemUpdateSerializer, responses={200: s.PlanItemSerializer})
    def partial_update(self, request, pk=None):
        v = self._input(s.ItemUpdateSerializer)
        return self._reply(
            call_service(services.plan_item_update, actor=request.user, item=self.get_object(), **v)
        )


class HandoverViewSet(_Base):
    queryset = HandoverSummary.objects.all()
    serializer_class = s.HandoverSerializer
    capability = PLAN
    action_capabilities = {"create": PLAN, "content": PLAN}

    @extend_schema(request=s.HandoverCreateSerializer, responses={201: s.HandoverSerializer})
    def create(self, request):
        v = self._input(s.HandoverCreateSerializer)
        prisoner = selectors.file_for(user=request.user, pk=v.pop("prisoner"), action=PLAN)
        summary = call_service(services.handover_create, actor=request.user, prisoner=prisoner, **v)
        return self._reply(summary, status.HTTP_201_CREATED)

    @extend_schema(responses={200: dict})
    @action(detail=True, methods=["get"])
    def content(self, request, pk=None):
        """The summary's chosen sections as (label, value) rows, in the reader's language."""
        summary = self.get_object()
        reads.note_instance(summary)
        return Response(summaries.handover(summary, user=request.user))


class CopyRequestViewSet(_Base):
    queryset = SubjectAccessRequest.objects.all()
    serializer_class = s.CopyRequestSerializer
    capability = PLAN
    action_capabilities = {"create": PLAN, "deliver": PLAN, "content": PLAN}

    @extend_schema(request=s.CopyCreateSerializer, responses={201: s.CopyRequestSerializer})
    def create(self, request):
        v = self._input(s.CopyCreateSerializer)
        prisoner = selectors.file_for(user=request.user, pk=v.pop("prisoner"), action=PLAN)
        req = call_service(services.copy_request, actor=request.user, prisoner=prisoner, **v)
        return self._reply(req, status.HTTP_201_CREATED)

    @extend_schema(request=s.DeliverSerializer, responses={200: s.CopyRequestSerializer})
    @action(detail=True, methods=["post"])
    def deliver(self, request, pk=None):
        v = self._input(s.DeliverSerializer)
        return self._reply(
            call_service(services.copy_deliver, actor=request.user, request=self.get_object(), **v)
        )

    @extend_schema(responses={200: dict})
    @action(detail=True, methods=["get"])
    def content(self, request, pk=None):
        """The prisoner's copy (Rule 9): the declared sections and what is left out."""
        req = self.get_object()
        reads.note_instance(req)
        return Response(summaries.prisoners_copy(req.prisoner))
