from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from casemgmt.permissions import Capability
from classification import services
from classification.api.serializers import (
    AssessmentCreateSerializer,
    AssessmentSerializer,
    AssessmentUpdateSerializer,
    ChallengeDecideSerializer,
    ChallengeLodgeSerializer,
    ClassificationSerializer,
    DecideSerializer,
    InstrumentSerializer,
    ReturnSerializer,
)
from classification.models import Assessment, Classification, Instrument
from classification.querysets import CATALOGUE
from core.api.base import RestrictedReadOnlyViewSet, RestrictedViewSetMixin
from core.api.errors import call_service, raise_validation


class InstrumentViewSet(RestrictedReadOnlyViewSet):
    """Instruments with their versions, domains and items (reference data, not personal data)."""

    capability = CATALOGUE
    queryset = Instrument.objects.prefetch_related("versions__domains__items")
    serializer_class = InstrumentSerializer


class AssessmentViewSet(
    RestrictedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Risk assessments of the prisoners whose risk you may see (view_risk)."""

    queryset = Assessment.objects.select_related("instrument_version__instrument").prefetch_related("ratings")
    serializer_class = AssessmentSerializer
    filterset_fields = ["prisoner", "status", "kind"]
    capability = Capability.VIEW_RISK
    action_capabilities = {
        # the prisoner and the corrected assessment are resolved by the create
        # serializer's fields, with this capability (404 for a file one may not see)
        "create": Capability.ASSESS_RISK,
        "partial_update": Capability.ASSESS_RISK,
        "submit": Capability.ASSESS_RISK,
        "approve": Capability.APPROVE_RISK,
        "return_": Capability.APPROVE_RISK,
    }

    @extend_schema(request=AssessmentCreateSerializer, responses={201: AssessmentSerializer})
    def create(self, request):
        data = AssessmentCreateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        assessment = call_service(
            services.assessment_start,
            actor=request.user,
            prisoner=data.validated_data["prisoner"],
            instrument=data.validated_data["instrument"],
            kind=data.validated_data["kind"],
            corrects=data.validated_data.get("corrects"),
        )
        return Response(AssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AssessmentUpdateSerializer, responses={200: AssessmentSerializer, 409: None})
    def partial_update(self, request, pk=None):
        assessment = self.get_object()
        data = AssessmentUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        ratings = {r["item"].pk: r for r in values.pop("ratings", [])}
        version = values.pop("version", None)
        assessment = call_service(
            services.assessment_save,
            actor=request.user,
            assessment=assessment,
            ratings=ratings,
            expected_version=version,
            **values,
        )
        return Response(AssessmentSerializer(assessment).data)

    @extend_schema(request=None, responses=AssessmentSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        assessment = call_service(
            actor=self.request.user, fn=services.assessment_submit, assessment=self.get_object()
        )
        return Response(AssessmentSerializer(assessment).data)

    @extend_schema(request=None, responses=ClassificationSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        proposal = call_service(
            actor=self.request.user, fn=services.assessment_approve, assessment=self.get_object()
        )
        return Response(ClassificationSerializer(proposal).data)

    @extend_schema(request=ReturnSerializer, responses=AssessmentSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        data = ReturnSerializer(data=request.data)
        if not data.is_valid():
            raise ValidationError({"return_comments": ["Say what needs to change."]})
        assessment = call_service(
            services.assessment_return,
            actor=request.user,
            assessment=self.get_object(),
            comments=data.validated_data["comments"],
        )
        return Response(AssessmentSerializer(assessment).data)


class ClassificationViewSet(
    RestrictedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Classification decisions: approve the suggestion, override it with a reason, record challenges."""

    queryset = Classification.objects.prefetch_related("challenges")
    serializer_class = ClassificationSerializer
    filterset_fields = ["prisoner", "status"]
    capability = Capability.VIEW_RISK
    action_capabilities = {
        "approve": Capability.APPROVE_RISK,
        "override": Capability.APPROVE_RISK,
        "challenge": Capability.VIEW_RISK,  # the prisoner's challenge, recorded by whoever hears it
        "decide_challenge": Capability.APPROVE_RISK,
    }

    def _decide(self, request, override: bool):
        data = DecideSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        classification = self.get_object()
        if not override:
            values["security_level"], values["regime"] = None, None
        elif "security_level" not in values and "regime" not in values:
            raise ValidationError({"security_level": ["An override names the level or regime it sets."]})
        try:
            decided = services.classification_decide(
                actor=request.user, classification=classification, **values
            )
        except DjangoValidationError as exc:
            raise_validation(exc)
        return Response(ClassificationSerializer(decided).data)

    @extend_schema(request=DecideSerializer, responses=ClassificationSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, override=False)

    @extend_schema(request=DecideSerializer, responses=ClassificationSerializer)
    @action(detail=True, methods=["post"])
    def override(self, request, pk=None):
        return self._decide(request, override=True)

    @extend_schema(request=ChallengeLodgeSerializer, responses=ClassificationSerializer)
    @action(detail=True, methods=["post"])
    def challenge(self, request, pk=None):
        data = ChallengeLodgeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        classification = self.get_object()
        try:
            services.challenge_lodge(actor=request.user, classification=classification, **data.validated_data)
        except DjangoValidationError as exc:
            raise_validation(exc)
        return Response(ClassificationSerializer(classification).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ChallengeDecideSerializer, responses=ClassificationSerializer)
    @action(detail=True, methods=["post"], url_path="decide-challenge")
    def decide_challenge(self, request, pk=None):
        data = ChallengeDecideSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        classification = self.get_object()
        challenge = classification.challenges.filter(pk=data.validated_data["challenge"]).first()
        if challenge is None:
            raise NotFound
        try:
            services.challenge_decide(
                actor=request.user,
                challenge=challenge,
                outcome=data.validated_data["outcome"],
                decision=data.validated_data["decision"],
            )
        except DjangoValidationError as exc:
            raise_validation(exc)
        return Response(ClassificationSerializer(classification).data)
