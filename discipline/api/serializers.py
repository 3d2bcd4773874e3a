from rest_framework import serializers

from casemgmt.choices import Language
from core.api.base import RecordSerializer
from discipline.choices import (
    TEXT_MAX,
    AppealOutcome,
    Finding,
    MotherStatus,
    ReviewDecision,
    SanctionCategory,
)
from discipline.models import (
    HealthVisit,
    Offence,
    Report,
    Sanction,
    SanctionKind,
    Separation,
    SeparationReview,
)


class OffenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Offence
        fields = ["id", "code", "name", "regulation", "serious"]


class SanctionKindSerializer(serializers.ModelSerializer):
    # not "category": the complaints' choice set has that field name in the schema
    sanction_category = serializers.ChoiceField(
        source="category", choices=SanctionCategory.choices, read_only=True
    )

    class Meta:
        model = SanctionKind
        fields = ["id", "code", "name", "sanction_category", "max_days", "conditions"]


class SanctionSerializer(RecordSerializer):
    kind_name = serializers.CharField(source="kind.name", read_only=True)
    ends_on = serializers.DateField(read_only=True, allow_null=True)
    sanction_category = serializers.CharField(source="kind.category", read_only=True)

    class Meta:
        model = Sanction
        fields = [
            "id",
            "kind",
            "kind_name",
            "sanction_category",
            "days",
            "appeal_days",
            "starts_on",
            "ends_on",
            "imposed_at",
            "cancelled_at",
        ]
        read_only_fields = fields


class ReportSerializer(RecordSerializer):
    prison_number = serializers.CharField(source="prisoner.prison_number", read_only=True)
    sanctions = SanctionSerializer(many=True, read_only=True)
    serious = serializers.BooleanField(source="offence.serious", read_only=True)

    class Meta:
        model = Report
        fields = [
            "id",
            "prisoner",
            "prison_number",
            "facility",
            "offence",
            "serious",
            "occurred_at",
            "place",
            "facts",
            "witnesses",
            "evidence",
            "find",
            "incident",
            "reported_by",
            "reported_at",
            "status",
            "informed_on",
            "informed_language",
            "interpreter",
            "prepare_until",
            "legal_assistance",
            "legal_assistance_on",
            "heard_by",
            "heard_at",
            "account",
            "finding",
            "reasons",
            "sanctioned_at",
            "sanctions",
            "appeal_on",
            "appeal_grounds",
            "appeal_by",
            "appeal_at",
            "appeal_outcome",
            "appeal_reasons",
        ]
        read_only_fields = fields


class ReportCreateSerializer(serializers.ModelSerializer):
    prisoner = serializers.IntegerField()

    class Meta:
        model = Report
        fields = [
            "prisoner",
            "offence",
            "occurred_at",
            "place",
            "facts",
            "witnesses",
            "evidence",
            "find",
            "incident",
        ]


class DisciplinaryChargeSerializer(serializers.Serializer):
    informed_on = serializers.DateField()
    language = serializers.ChoiceField(choices=Language.choices)
    interpreter = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    prepare_until = serializers.DateField()


class LegalSerializer(serializers.Serializer):
    legal_assistance = serializers.CharField(max_length=200)
    given_on = serializers.DateField()


class DisciplinaryHearingSerializer(serializers.Serializer):
    account = serializers.CharField(max_length=TEXT_MAX, required=False, default="", allow_blank=True)
    finding = serializers.ChoiceField(choices=Finding.choices)
    reasons = serializers.CharField(max_length=TEXT_MAX)
    heard_at = serializers.DateTimeField(required=False)


class SanctionItemSerializer(serializers.Serializer):
    kind = serializers.PrimaryKeyRelatedField(queryset=SanctionKind.objects.filter(active=True))
    days = serializers.IntegerField(min_value=1, max_value=366, required=False, allow_null=True, default=None)


class SanctionsSerializer(serializers.Serializer):
    sanctions = SanctionItemSerializer(many=True)
    applies_to = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    mother_status = serializers.ChoiceField(choices=MotherStatus.choices, default=MotherStatus.NONE)
    hours_out = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=0, max_value=24, required=False
    )


class DisciplinaryAppealSerializer(serializers.Serializer):
    lodged_on = serializers.DateField()
    grounds = serializers.CharField(max_length=TEXT_MAX)


class SanctionReductionSerializer(serializers.Serializer):
    sanction = serializers.IntegerField()
    days = serializers.IntegerField(min_value=0, max_value=366, help_text="0 cancels the sanction")


class AppealDecisionSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=AppealOutcome.choices)
    reasons = serializers.CharField(max_length=TEXT_MAX)
    reductions = SanctionReductionSerializer(
        many=True, required=False, help_text='"varied": the sanctions reduced, with their new days'
    )

    def validate_reductions(self, value):
        return {item["sanction"]: item["days"] for item in value}


class HealthVisitSerializer(RecordSerializer):
    class Meta:
        model = HealthVisit
        fields = ["id", "visited_on", "visited_at", "visited_by", "adverse_effects"]
        read_only_fields = ["id", "visited_on", "visited_by"]


class SeparationReviewSerializer(RecordSerializer):
    class Meta:
        model = SeparationReview
        fields = ["id", "decision", "note", "reviewed_by", "reviewed_at"]
        read_only_fields = ["id", "reviewed_by", "reviewed_at"]
        extra_kwargs = {"note": {"max_length": TEXT_MAX}, "decision": {"choices": ReviewDecision.choices}}


class SeparationSerializer(RecordSerializer):
    prison_number = serializers.CharField(source="prisoner.prison_number", read_only=True)
    days = serializers.SerializerMethodField()
    health_visits = HealthVisitSerializer(many=True, read_only=True)
    reviews = SeparationReviewSerializer(many=True, read_only=True)

    class Meta:
        model = Separation
        fields = [
            "id",
            "prisoner",
            "prison_number",
            "facility",
            "kind",
            "legal_basis",
            "sanction",
            "classification",
            "started_at",
            "planned_end",
            "ended_at",
            "end_reason",
            "hours_out",
            "review_days",
            "days",
            "health_visits",
            "reviews",
        ]
        read_only_fields = fields

    def get_days(self, obj) -> int:
        return obj.days()


class SeparationCreateSerializer(serializers.ModelSerializer):
    prisoner = serializers.IntegerField()

    class Meta:
        model = Separation
        fields = ["prisoner", "kind", "legal_basis", "started_at", "planned_end", "hours_out", "review_days"]
        extra_kwargs = {"started_at": {"required": False}, "review_days": {"required": False}}


class SeparationEndSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200)
    ended_at = serializers.DateTimeField(required=False)
