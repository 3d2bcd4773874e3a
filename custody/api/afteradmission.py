"""API of what happens after admission: deaths in custody, injuries seen later,
vulnerability decisions. Read by the security side of the file (officers and holders of
``view_security``); a death is recorded by a supervisor (``approve_risk``), an injury by
the facility's officers (``change_prisoner``), a vulnerability decision by the case
manager or a supervisor (``assess_risk``)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from casemgmt.models import Prisoner
from casemgmt.permissions import Capability
from core.api.base import RecordSerializer, RestrictedViewSetMixin
from core.api.errors import call_service
from custody import selectors, services
from custody.models import DEATH_PAIRS, SHORT_TEXT, Death, InjuryRecord, VulnerabilityDecision
from custody.querysets import READ

LATER = [name for pair in DEATH_PAIRS for name in pair]


class DeathSerializer(RecordSerializer):
    prisoner = serializers.PrimaryKeyRelatedField(queryset=Prisoner.objects.all())
    prisoner_number = serializers.CharField(source="prisoner.prison_number", read_only=True)

    class Meta:
        model = Death
        fields = [
            "id",
            "prisoner",
            "prisoner_number",
            "facility",
            "died_at",
            "place",
            "circumstances",
            *LATER,
            "recorded_by",
            "recorded_at",
        ]
        read_only_fields = ["facility", "recorded_by", "recorded_at"]


class DeathLaterSerializer(serializers.ModelSerializer):
    class Meta:
        model = Death
        fields = LATER
        extra_kwargs = {name: {"required": False} for name in LATER}


class InjuryRecordSerializer(RecordSerializer):
    prisoner = serializers.PrimaryKeyRelatedField(queryset=Prisoner.objects.all())
    prisoner_number = serializers.CharField(source="prisoner.prison_number", read_only=True)
    seen_at = serializers.DateTimeField(required=False, allow_null=True)

    class Meta:
        model = InjuryRecord
        fields = [
            "id",
            "prisoner",
            "prisoner_number",
            "facility",
            "seen_at",
            "occasion",
            "recorder",
            "body_location",
            "description",
            "examined_by",
            "ill_treatment_complaint",
            "complaint_details",
            "recorded_by",
            "recorded_at",
        ]
        read_only_fields = ["facility", "recorded_by", "recorded_at"]


class VulnerabilitySerializer(RecordSerializer):
    prisoner = serializers.PrimaryKeyRelatedField(queryset=Prisoner.objects.all())
    prisoner_number = serializers.CharField(source="prisoner.prison_number", read_only=True)
    reason = serializers.CharField(max_length=SHORT_TEXT)
    placement_conflicts = serializers.SerializerMethodField()

    class Meta:
        model = VulnerabilityDecision
        fields = [
            "id",
            "prisoner",
            "prisoner_number",
            "vulnerable",
            "needs",
            "reason",
            "review_on",
            "decided_by",
            "decided_at",
            "placement_conflicts",
        ]
        read_only_fields = ["decided_by", "decided_at"]

    def get_placement_conflicts(self, obj) -> list[str]:
        return self.context.get("conflicts", [])


def _values(serializer) -> dict:
    values = dict(serializer.validated_data)
    values.pop("prisoner")
    return values


class DeathViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Deaths in custody (Mandela Rules 71-72); ``later/`` adds who was told, the referral
    for investigation and the handovers (what is recorded is not changed)."""

    queryset = Death.objects.select_related("prisoner").order_by("-died_at")
    capability = READ
    action_capabilities = {"create": Capability.APPROVE_RISK, "later": Capability.APPROVE_RISK}
    serializer_class = DeathSerializer
    filterset_fields = ["prisoner"]

    def create(self, request, *args, **kwargs):
        data = DeathSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        prisoner = selectors.prisoner_for(
            user=request.user, pk=data.validated_data["prisoner"].pk, capability=Capability.APPROVE_RISK
        )
        death = call_service(services.death_record, actor=request.user, prisoner=prisoner, **_values(data))
        return Response(DeathSerializer(death).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DeathLaterSerializer, responses={200: DeathSerializer})
    @action(detail=True, methods=["post"])
    def later(self, request, pk=None):
        death = self.get_object()
        data = DeathLaterSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        death = call_service(services.death_update, actor=request.user, death=death, **data.validated_data)
        return Response(DeathSerializer(death).data)


class InjuryRecordViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Injuries seen after admission; a complaint of ill-treatment alerts the supervisors."""

    queryset = InjuryRecord.objects.select_related("prisoner").order_by("-seen_at", "-id")
    capability = READ
    action_capabilities = {"create": Capability.CHANGE}
    serializer_class = InjuryRecordSerializer
    filterset_fields = ["prisoner", "ill_treatment_complaint"]

    def create(self, request, *args, **kwargs):
        data = InjuryRecordSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        prisoner = selectors.prisoner_for(
            user=request.user, pk=data.validated_data["prisoner"].pk, capability=Capability.CHANGE
        )
        values = _values(data)
        values.setdefault("seen_at", None)
        record = call_service(services.injury_record, actor=request.user, prisoner=prisoner, **values)
        return Response(InjuryRecordSerializer(record).data, status=status.HTTP_201_CREATED)


class VulnerabilityViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Vulnerability decisions, newest first; a new one re-checks the present placement
    and answers with its conflicts."""

    queryset = VulnerabilityDecision.objects.select_related("prisoner").order_by("-decided_at", "-id")
    capability = READ
    action_capabilities = {"create": Capability.ASSESS_RISK}
    serializer_class = VulnerabilitySerializer
    filterset_fields = ["prisoner", "vulnerable"]

    def create(self, request, *args, **kwargs):
        data = VulnerabilitySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        prisoner = selectors.prisoner_for(
            user=request.user, pk=data.validated_data["prisoner"].pk, capability=Capability.ASSESS_RISK
        )
        decision, conflicts = call_service(
            services.vulnerability_decide, actor=request.user, prisoner=prisoner, **_values(data)
        )
        answer = VulnerabilitySerializer(decision, context={"conflicts": [c.message for c in conflicts]})
        return Response(answer.data, status=status.HTTP_201_CREATED)
