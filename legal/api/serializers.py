from rest_framework import serializers

from core.api.base import RecordSerializer
from legal.choices import (
    NOTE,
    SHORT,
    Agency,
    AppealOutcome,
    HearingOutcome,
    ItemStatus,
    Pathway,
    PlanStatus,
    Regime,
    Section,
)
from legal.models import (
    Appeal,
    Charge,
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


class ChargeSerializer(RecordSerializer):
    class Meta:
        model = Charge
        fields = ["id", "article", "description"]


class LegalCaseSerializer(RecordSerializer):
    charges = ChargeSerializer(many=True, read_only=True)

    class Meta:
        model = LegalCase
        fields = [
            "id",
            "prisoner",
            "case_number",
            "court",
            "opened_on",
            "lawyer_name",
            "lawyer_contact",
            "status",
            "charges",
        ]


class HearingSerializer(RecordSerializer):
    class Meta:
        model = Hearing
        fields = [
            "id",
            "prisoner",
            "case",
            "scheduled_at",
            "court",
            "purpose",
            "outcome",
            "outcome_note",
            "movement",
        ]


class RemandPeriodSerializer(RecordSerializer):
    class Meta:
        model = RemandPeriod
        fields = ["id", "prisoner", "case", "start_on", "end_on"]


class SentenceSerializer(RecordSerializer):
    class Meta:
        model = Sentence
        fields = [
            "id",
            "prisoner",
            "case",
            "sentenced_on",
            "start_on",
            "court",
            "years",
            "months",
            "days",
            "regime",
            "consecutive_to",
            "status",
            "replaces",
        ]


class AppealSerializer(RecordSerializer):
    class Meta:
        model = Appeal
        fields = ["id", "prisoner", "sentence", "lodged_on", "court", "outcome", "decided_on", "new_sentence"]


class ReleaseCalculationSerializer(RecordSerializer):
    explanation = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = ReleaseCalculation
        fields = [
            "id",
            "prisoner",
            "computed_at",
            "release_on",
            "early_release",
            "credit_days",
            "reason",
            "explanation",
        ]


class PlanItemSerializer(RecordSerializer):
    class Meta:
        model = PlanItem
        fields = ["id", "prisoner", "plan", "pathway", "need", "action", "owner", "due_on", "status"]
        read_only_fields = ["prisoner", "plan"]


class ReleasePlanSerializer(RecordSerializer):
    items = PlanItemSerializer(many=True, read_only=True)
    progress = serializers.SerializerMethodField()

    class Meta:
        model = ReleasePlan
        fields = [
            "id",
            "prisoner",
            "status",
            "opened_on",
            "opened_automatically",
            "expected_release",
            "summary",
            "items",
            "progress",
        ]

    def get_progress(self, obj) -> dict:
        done, total = obj.progress()
        return {"done": done, "total": total}


class HandoverSerializer(RecordSerializer):
    class Meta:
        model = HandoverSummary
        fields = ["id", "prisoner", "agency", "recipient", "sections", "reason", "created_at"]


class CopyRequestSerializer(RecordSerializer):
    class Meta:
        model = SubjectAccessRequest
        fields = ["id", "prisoner", "requested_on", "at_release", "delivered_on", "note"]


# --- inputs ---------------------------------------------------------------------------------


class CaseCreateSerializer(serializers.Serializer):
    prisoner = serializers.IntegerField()
    case_number = serializers.CharField(max_length=50)
    court = serializers.CharField(max_length=SHORT)
    opened_on = serializers.DateField(required=False, allow_null=True)
    lawyer_name = serializers.CharField(max_length=SHORT, required=False, default="", allow_blank=True)
    lawyer_contact = serializers.CharField(max_length=SHORT, required=False, default="", allow_blank=True)
    charges = serializers.ListField(
        child=serializers.ListField(
            child=serializers.CharField(max_length=SHORT), min_length=1, max_length=2
        ),
        required=False,
        default=list,
    )


class HearingCreateSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    scheduled_at = serializers.DateTimeField()
    court = serializers.CharField(max_length=SHORT, required=False, default="", allow_blank=True)
    purpose = serializers.CharField(max_length=SHORT, required=False, default="", allow_blank=True)


class HearingOutcomeSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=HearingOutcome.choices)
    note = serializers.CharField(max_length=NOTE, required=False, default="", allow_blank=True)


class LinkSerializer(serializers.Serializer):
    movement = serializers.IntegerField()


class RemandCreateSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    start_on = serializers.DateField()
    end_on = serializers.DateField(required=False, allow_null=True)


class SentenceCreateSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    sentenced_on = serializers.DateField()
    start_on = serializers.DateField(required=False, allow_null=True)
    court = serializers.CharField(max_length=SHORT, required=False, default="", allow_blank=True)
    years = serializers.IntegerField(min_value=0, max_value=99, default=0)
    months = serializers.IntegerField(min_value=0, max_value=11, default=0)
    days = serializers.IntegerField(min_value=0, max_value=366, default=0)
    regime = serializers.ChoiceField(choices=Regime.choices, default=Regime.GENERAL)
    consecutive_to = serializers.IntegerField(required=False, allow_null=True)


class AppealCreateSerializer(serializers.Serializer):
    sentence = serializers.IntegerField()
    lodged_on = serializers.DateField()
    court = serializers.CharField(max_length=SHORT)


class AppealDecideSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=[c for c in AppealOutcome.choices if c[0] != "pending"])
    decided_on = serializers.DateField()
    years = serializers.IntegerField(min_value=0, max_value=99, default=0)
    months = serializers.IntegerField(min_value=0, max_value=11, default=0)
    days = serializers.IntegerField(min_value=0, max_value=366, default=0)


class PlanOpenSerializer(serializers.Serializer):
    prisoner = serializers.IntegerField()
    summary = serializers.CharField(max_length=NOTE, required=False, default="", allow_blank=True)


class ItemCreateSerializer(serializers.Serializer):
    pathway = serializers.ChoiceField(choices=Pathway.choices)
    need = serializers.CharField(max_length=NOTE, required=False, default="", allow_blank=True)
    action = serializers.CharField(max_length=NOTE, required=False, default="", allow_blank=True)
    owner = serializers.CharField(max_length=SHORT, required=False, default="", allow_blank=True)
    due_on = serializers.DateField(required=False, allow_null=True)


class ItemUpdateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ItemStatus.choices)


class PlanStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=PlanStatus.choices)


class HandoverCreateSerializer(serializers.Serializer):
    prisoner = serializers.IntegerField()
    agency = serializers.ChoiceField(choices=Agency.choices)
    recipient = serializers.CharField(max_length=SHORT)
    sections = serializers.ListField(child=serializers.ChoiceField(choices=Section.choices), min_length=1)
    reason = serializers.CharField(max_length=SHORT)


class CopyCreateSerializer(serializers.Serializer):
    prisoner = serializers.IntegerField()
    requested_on = serializers.DateField(required=False, allow_null=True)
    at_release = serializers.BooleanField(default=False)
    note = serializers.CharField(max_length=SHORT, required=False, default="", allow_blank=True)


class DeliverSerializer(serializers.Serializer):
    delivered_on = serializers.DateField(required=False, allow_null=True)
