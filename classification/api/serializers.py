from rest_framework import serializers

from casemgmt.models import Prisoner
from casemgmt.permissions import Capability
from classification.choices import Judgement, Placement, Regime, SecurityLevel
from classification.models import (
    Assessment,
    Challenge,
    Classification,
    Domain,
    Instrument,
    InstrumentVersion,
    Item,
    Rating,
)
from core.api.base import RecordSerializer
from core.api.fields import TranslatedField, VisibleRelatedField


class ItemSerializer(serializers.ModelSerializer):
    text = TranslatedField()
    guidance = TranslatedField()

    class Meta:
        model = Item
        fields = ["id", "code", "order", "text", "guidance", "scale", "factor", "applies_to"]


class DomainSerializer(serializers.ModelSerializer):
    name = TranslatedField()
    guidance = TranslatedField()
    items = ItemSerializer(many=True, read_only=True)

    class Meta:
        model = Domain
        fields = ["id", "code", "order", "name", "guidance", "is_protective", "items"]


class InstrumentVersionSerializer(serializers.ModelSerializer):
    domains = DomainSerializer(many=True, read_only=True)

    class Meta:
        model = InstrumentVersion
        fields = ["id", "number", "status", "published_at", "notes", "domains"]


class InstrumentSerializer(serializers.ModelSerializer):
    name = TranslatedField()
    description = TranslatedField()
    versions = InstrumentVersionSerializer(many=True, read_only=True)

    class Meta:
        model = Instrument
        fields = ["id", "code", "name", "purpose", "description", "versions"]


class RatingSerializer(serializers.ModelSerializer):
    item = serializers.PrimaryKeyRelatedField(queryset=Item.objects.all())

    class Meta:
        model = Rating
        fields = ["item", "value", "rationale", "evidence"]


class AssessmentSerializer(RecordSerializer):
    ratings = RatingSerializer(many=True, read_only=True)
    instrument = serializers.CharField(source="instrument_version.instrument.code", read_only=True)
    instrument_version_number = serializers.IntegerField(source="instrument_version.number", read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "prisoner",
            "instrument",
            "instrument_version",
            "instrument_version_number",
            "kind",
            "corrects",
            "status",
            "assessor",
            "overall",
            "formulation",
            "prisoner_account",
            "sources",
            "return_comments",
            "created_at",
            "submitted_at",
            "approved_at",
            "approved_by",
            "version",
            "ratings",
        ]
        read_only_fields = fields


class AssessmentCreateSerializer(serializers.Serializer):
    prisoner = VisibleRelatedField(queryset=Prisoner.objects.all(), capability=Capability.ASSESS_RISK)
    instrument = serializers.SlugRelatedField(slug_field="code", queryset=Instrument.objects.all())
    kind = serializers.ChoiceField(choices=["initial", "periodic", "event"], default="periodic")
    corrects = VisibleRelatedField(
        queryset=Assessment.objects.all(), capability=Capability.ASSESS_RISK, required=False, allow_null=True
    )


def _limit(model, name: str) -> int:
    """The length limit of a model's free text, for the input serializers (issue 16)."""
    return model._meta.get_field(name).max_length


class AssessmentUpdateSerializer(serializers.Serializer):
    overall = serializers.ChoiceField(choices=Judgement.choices, required=False, allow_blank=True)
    formulation = serializers.CharField(
        required=False, allow_blank=True, max_length=_limit(Assessment, "formulation")
    )
    prisoner_account = serializers.CharField(
        required=False, allow_blank=True, max_length=_limit(Assessment, "prisoner_account")
    )
    sources = serializers.CharField(
        required=False, allow_blank=True, max_length=_limit(Assessment, "sources")
    )
    ratings = RatingSerializer(many=True, required=False)
    version = serializers.IntegerField(required=False)


class ReturnSerializer(serializers.Serializer):
    comments = serializers.CharField(max_length=_limit(Assessment, "return_comments"))


class ChallengeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Challenge
        fields = ["id", "lodged_at", "grounds", "outcome", "decision", "decided_at"]
        read_only_fields = ["id", "outcome", "decision", "decided_at"]


class ClassificationSerializer(RecordSerializer):
    challenges = ChallengeSerializer(many=True, read_only=True)

    class Meta:
        model = Classification
        fields = [
            "id",
            "prisoner",
            "assessment",
            "status",
            "suggested_level",
            "suggested_regime",
            "security_level",
            "regime",
            "override_reason",
            "hold_apart_from_vulnerable",
            "placement",
            "notes",
            "decided_by",
            "decided_at",
            "next_review_due",
            "challenges",
        ]
        read_only_fields = fields


class DecideSerializer(serializers.Serializer):
    security_level = serializers.ChoiceField(choices=SecurityLevel.choices, required=False)
    regime = serializers.ChoiceField(choices=Regime.choices, required=False)
    override_reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=_limit(Classification, "override_reason")
    )
    hold_apart_from_vulnerable = serializers.BooleanField(required=False, default=False)
    placement = serializers.ChoiceField(choices=Placement.choices, required=False, default="none")
    notes = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=_limit(Classification, "notes")
    )


class ChallengeLodgeSerializer(serializers.Serializer):
    grounds = serializers.CharField(max_length=_limit(Challenge, "grounds"))
    lodged_at = serializers.DateField(required=False)


class ChallengeDecideSerializer(serializers.Serializer):
    challenge = serializers.IntegerField()
    outcome = serializers.ChoiceField(choices=["upheld", "dismissed"])
    decision = serializers.CharField(max_length=_limit(Challenge, "decision"))
