"""The case-management API. Every viewset derives from the restricting base and declares
the capability of each action; serializers of prisoner data note what they render."""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from casemgmt.permissions import Capability
from casework import services
from casework.api.serializers import (
    ActionCreateSerializer,
    AllocationCreateSerializer,
    AllocationSerializer,
    CaseNoteSerializer,
    CasePlanSerializer,
    GoalCreateSerializer,
    NeedCreateSerializer,
    PlanCreateSerializer,
    PlanUpdateSerializer,
    ReviewCreateSerializer,
    TransitionSerializer,
)
from casework.models import Allocation, CaseNote, CasePlan, Goal, Need
from core.api.base import RestrictedViewSetMixin
from core.api.errors import call_service

CASEPLAN = Capability.MANAGE_CASEPLAN


class AllocationViewSet(
    RestrictedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Who holds each case. Creating one (re)allocates: capabilities follow through the grant
    service. The handover note is null on rows whose case plan the reader does not manage."""

    capability = Capability.VIEW
    action_capabilities = {"create": Capability.ALLOCATE}
    queryset = Allocation.objects.all()
    serializer_class = AllocationSerializer
    filterset_fields = ["prisoner", "case_manager"]

    def get_queryset(self):
        qs = super().get_queryset()
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return qs
        return qs.with_handover(self.request.user)

    @extend_schema(request=AllocationCreateSerializer, responses={201: AllocationSerializer})
    def create(self, request):
        data = AllocationCreateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        allocation = call_service(services.allocation_set, actor=request.user, **data.validated_data)
        allocation = self.get_queryset().get(pk=allocation.pk)  # with its handover rule
        return Response(AllocationSerializer(allocation).data, status=status.HTTP_201_CREATED)


class CasePlanViewSet(
    RestrictedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Case plans. Every change carries the version you read: a stale one answers 409."""

    capability = CASEPLAN
    action_capabilities = {
        a: CASEPLAN
        for a in ("create", "partial_update", "transition", "needs", "goals", "actions", "reviews")
    }
    queryset = CasePlan.objects.prefetch_related("needs", "goals__actions", "reviews")
    serializer_class = CasePlanSerializer
    filterset_fields = ["prisoner", "status"]

    def _reply(self, plan, code=status.HTTP_200_OK):
        plan = self.get_queryset().get(pk=plan.pk)
        return Response(CasePlanSerializer(plan).data, status=code)

    @extend_schema(request=PlanCreateSerializer, responses={201: CasePlanSerializer})
    def create(self, request):
        data = PlanCreateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        plan = call_service(services.plan_create, actor=request.user, **data.validated_data)
        return self._reply(plan, status.HTTP_201_CREATED)

    def _change(self, request, serializer_class, service, *, code=status.HTTP_201_CREATED, target=None):
        """Validate the input, call the service with the version the client read, reply with the plan.

        ``target(plan, values)`` names what the service works on (default: the plan itself),
        taking its own keys out of ``values``.
        """
        data = serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        version = values.pop("version", None)
        plan = self.get_object()
        on = target(plan, values) if target else {"plan": plan}
        call_service(service, actor=request.user, expected_version=version, **on, **values)
        return self._reply(plan, code)

    @extend_schema(request=PlanUpdateSerializer, responses={200: CasePlanSerializer, 409: None})
    def partial_update(self, request, pk=None):
        return self._change(request, PlanUpdateSerializer, services.plan_update, code=status.HTTP_200_OK)

    @extend_schema(request=TransitionSerializer, responses={200: CasePlanSerializer, 409: None})
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        return self._change(request, TransitionSerializer, services.plan_transition, code=status.HTTP_200_OK)

    @extend_schema(request=NeedCreateSerializer, responses={201: CasePlanSerializer, 409: None})
    @action(detail=True, methods=["post"])
    def needs(self, request, pk=None):
        return self._change(request, NeedCreateSerializer, services.need_add)

    @extend_schema(request=GoalCreateSerializer, responses={201: CasePlanSerializer, 409: None})
    @action(detail=True, methods=["post"])
    def goals(self, request, pk=None):
        def need_of(plan, values):
            need = values.pop("need", None)
            return {"plan": plan, "need": get_object_or_404(Need, pk=need, plan=plan) if need else None}

        return self._change(request, GoalCreateSerializer, services.goal_add, target=need_of)

    @extend_schema(request=ActionCreateSerializer, responses={201: CasePlanSerializer, 409: None})
    @action(detail=True, methods=["post"])
    def actions(self, request, pk=None):
        def goal_of(plan, values):
            return {"goal": get_object_or_404(Goal, pk=values.pop("goal"), plan=plan)}

        return self._change(request, ActionCreateSerializer, services.action_add, target=goal_of)

    @extend_schema(request=ReviewCreateSerializer, responses={201: CasePlanSerializer, 409: None})
    @action(detail=True, methods=["post"])
    def reviews(self, request, pk=None):
        return self._change(request, ReviewCreateSerializer, services.plan_review_record)


class NotesCursor(CursorPagination):
    ordering = ("-created_at", "-id")
    page_size = 25


@extend_schema(parameters=[OpenApiParameter("q", str, description="Full-text search within the notes")])
class CaseNoteViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Case notes, newest first, cursor-paginated; sensitive kinds only with their capability
    (``CaseNote.objects.restrict``)."""

    capability = CASEPLAN
    action_capabilities = {"create": CASEPLAN}
    queryset = CaseNote.objects.all()
    serializer_class = CaseNoteSerializer
    pagination_class = NotesCursor
    filterset_fields = ["prisoner", "kind"]

    def get_queryset(self):
        qs = super().get_queryset()
        query = self.request.query_params.get("q", "")
        if query.strip():
            qs = qs.annotate(search=SearchVector("text", config="simple")).filter(
                search=SearchQuery(query, config="simple", search_type="websearch")
            )
        return qs

    def create(self, request, *args, **kwargs):
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        corrects = data.validated_data.get("corrects")
        if corrects is not None and not self.get_queryset().filter(pk=corrects.pk).exists():
            raise NotFound
        # the service refuses (404) a sensitive kind without its capability
        note = call_service(
            services.note_add,
            actor=request.user,
            prisoner=data.validated_data["prisoner"],
            kind=data.validated_data["kind"],
            text=data.validated_data["text"],
            corrects=corrects,
        )
        return Response(CaseNoteSerializer(note).data, status=status.HTTP_201_CREATED)
