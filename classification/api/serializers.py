from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from casemgmt.i18n import tr
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


@extend_schema_field(OpenApiTypes.STR)
class TranslatedField(serializers.Field):
    """The text in the caller's language (Accept-Language); all languages on ?all_languages=1."""

    def to_representation(self, value):
        request = self.context.get("request")
        if request is not None and request.query_params.get("all_languages"):
            return value
        return tr(value)


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


class AssessmentSerializer(serializers.ModelSerializer):
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
    prisoner = serializers.IntegerField()
    instrument = serializers.SlugRelatedField(slug_field="code", queryset=Instrument.objects.all())
    kind = serializers.ChoiceField(choices=["initial", "periodic", "event"], default="periodic")
    corrects = serializers.IntegerField(required=False, allow_null=True)


class AssessmentUpdateSerializer(serializers.Serializer):
    overall = serializers.ChoiceField(choices=Judgement.choices, required=False, allow_blank=True)
    formulation = serializers.CharField(required=False, allow_blank=True)
    prisoner_account = serializers.CharField(required=False, allow_blank=True)
    sources = serializers.CharField(required=False, allow_blank=True)
    ratings = RatingSerializer(many=True, required=False)
    version = serializers.IntegerField(required=False)


class ReturnSerializer(serializers.Serializer):
    comments = serializers.CharField()


class ChallengeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Challenge
        fields = ["id", "lodged_at", "grounds", "outcome", "decision", "decided_at"]
        read_only_fields = ["id", "outcome", "decision", "decided_at"]


class ClassificationSerializer(serializers.ModelSerializer):
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
    override_reason = serializers.CharField(required=False, allow_blank=True, default="")
    hold_apart_from_vulnerable = serializers.BooleanField(required=False, default=False)
    placement = serializers.ChoiceField(choices=Placement.choices, required=False, default="none")
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class ChallengeLodgeSerializer(serializers.Serializer):
    grounds = serializers.CharField()
    lodged_at = serializers.DateField(required=False)


class ChallengeDecideSerializer(serializers.Serializer):
    challenge = serializers.IntegerField()
    outcome = serializers.ChoiceField(choices=["upheld", "dismissed"])
    decision = serializers.CharField()
