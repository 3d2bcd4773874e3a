from rest_framework import serializers

from casemgmt.models import Cell, Facility, Unit
from classification.models import KeepApart
from core import reads
from core.api.base import RecordSerializer
from custody.choices import FindOutcome, MovementKind
from custody.models import (
    LONG_TEXT,
    SHORT_TEXT,
    CustodyEvent,
    Find,
    Incident,
    IncidentAddendum,
    IncidentPerson,
    Movement,
    Search,
)


class MovementSerializer(RecordSerializer):
    prisoner_number = serializers.CharField(source="prisoner.prison_number", read_only=True)

    class Meta:
        model = Movement
        fields = [
            "id",
            "prisoner",
            "prisoner_number",
            "kind",
            "occurred_at",
            "from_facility",
            "from_unit",
            "from_cell",
            "to_facility",
            "to_unit",
            "to_cell",
            "external_place",
            "reason",
            "authorised_by",
            "conflicts",
            "override_reason",
            "override_by",
            "property_signed",
            "property_note",
            "created_by",
            "created_at",
        ]
        read_only_fields = fields


class MovementInSerializer(serializers.Serializer):
    """A movement to record (or, with ``check/``, to check): the same rules as the form."""

    prisoner = serializers.IntegerField()
    kind = serializers.ChoiceField(
        choices=[c for c in MovementKind.choices if c[0] not in ("admission", "death")]
    )
    facility = serializers.PrimaryKeyRelatedField(
        queryset=Facility.objects.all(), required=False, allow_null=True
    )
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all(), required=False, allow_null=True)
    cell = serializers.PrimaryKeyRelatedField(queryset=Cell.objects.all(), required=False, allow_null=True)
    external_place = serializers.CharField(required=False, allow_blank=True, default="")
    occurred_at = serializers.DateTimeField(required=False, allow_null=True)
    reason = serializers.CharField(max_length=SHORT_TEXT, required=False, allow_blank=True, default="")
    authorised_by = serializers.CharField(required=False, allow_blank=True, default="")
    override_reason = serializers.CharField(
        max_length=SHORT_TEXT, required=False, allow_blank=True, default=""
    )
    property_signed = serializers.BooleanField(required=False, default=False)
    property_note = serializers.CharField(required=False, allow_blank=True, default="")
    hearing = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="A trip to court: the hearing it takes the person to",
    )


class ConflictSerializer(serializers.Serializer):
    kind = serializers.CharField()
    code = serializers.CharField(help_text="What the conflict is (custody.placement.MESSAGES)")
    params = serializers.DictField(help_text="The values the message is made with")
    message = serializers.CharField(help_text="In the language of the request")
    overridable = serializers.BooleanField()
    other = serializers.CharField()


class KeepApartSerializer(RecordSerializer):
    prisoner_number = serializers.CharField(source="prisoner.prison_number", read_only=True)
    other_number = serializers.CharField(source="other.prison_number", read_only=True)

    class Meta:
        model = KeepApart
        fields = [
            "id",
            "prisoner",
            "prisoner_number",
            "other",
            "other_number",
            "scope",
            "reason",
            "created_by",
            "created_at",
            "closed_at",
            "closed_by",
        ]
        read_only_fields = ["created_by", "created_at", "closed_at", "closed_by"]

    def to_representation(self, instance):
        # The link names two people; the model is not ours, so the other is noted here.
        reads.note([instance.other_id])
        return super().to_representation(instance)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=SHORT_TEXT,
    )


class SearchSerializer(RecordSerializer):
    prison_number = serializers.CharField(write_only=True, required=False, allow_blank=True)

    class Meta:
        model = Search
        fields = [
            "id",
            "facility",
            "kind",
            "basis",
            "cell",
            "prisoner",
            "prison_number",
            "area",
            "searched_at",
            "searched_by",
            "result",
            "notes",
            "recorded_by",
            "recorded_at",
        ]
        read_only_fields = ["prisoner", "recorded_by", "recorded_at"]
        extra_kwargs = {"searched_at": {"required": False, "allow_null": True}}


class CustodyEventSerializer(RecordSerializer):
    class Meta:
        model = CustodyEvent
        fields = ["id", "action", "at", "holder", "reference", "note", "recorded_by", "recorded_at"]
        read_only_fields = ["recorded_by", "recorded_at"]
        extra_kwargs = {"at": {"required": False, "allow_null": True}}


class FindSerializer(RecordSerializer):
    custody = CustodyEventSerializer(many=True, read_only=True)
    prison_number = serializers.CharField(write_only=True, required=False, allow_blank=True)
    holder = serializers.CharField(write_only=True)
    has_photo = serializers.SerializerMethodField(help_text="GET/POST photo/ reads or adds it")

    class Meta:
        model = Find
        fields = [
            "id",
            "search",
            "facility",
            "tag_number",
            "item_type",
            "description",
            "where_found",
            "prisoner",
            "prison_number",
            "holder",
            "outcome",
            "outcome_note",
            "review_flag",
            "recorded_by",
            "recorded_at",
            "has_photo",
            "custody",
        ]
        read_only_fields = ["facility", "prisoner", "outcome", "outcome_note", "review_flag", "recorded_by"]

    def get_has_photo(self, find) -> bool:
        return bool(find.photo)


class OutcomeSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=FindOutcome.choices)
    note = serializers.CharField(max_length=SHORT_TEXT, required=False, allow_blank=True, default="")
    mark_for_review = serializers.BooleanField(required=False, default=False)


class IncidentPersonSerializer(RecordSerializer):
    prison_number = serializers.CharField(write_only=True, required=False, allow_blank=True)

    class Meta:
        model = IncidentPerson
        fields = ["id", "role", "prisoner", "prison_number", "staff", "name"]
        read_only_fields = ["prisoner"]


class IncidentAddendumSerializer(RecordSerializer):
    class Meta:
        model = IncidentAddendum
        fields = ["id", "text", "author", "written_at"]
        read_only_fields = ["author", "written_at"]


class IncidentSerializer(RecordSerializer):
    people = IncidentPersonSerializer(many=True, read_only=True)
    addenda = IncidentAddendumSerializer(many=True, read_only=True)

    class Meta:
        model = Incident
        fields = [
            "id",
            "facility",
            "kind",
            "occurred_at",
            "location",
            "description",
            "find",
            "status",
            "reported_by",
            "submitted_at",
            "reviewed_by",
            "reviewed_at",
            "review_note",
            "people",
            "addenda",
        ]
        read_only_fields = [
            "status",
            "reported_by",
            "submitted_at",
            "reviewed_by",
            "reviewed_at",
            "review_note",
        ]
        extra_kwargs = {"occurred_at": {"required": False, "allow_null": True}}


class IncidentReviewSerializer(serializers.Serializer):
    note = serializers.CharField(
        max_length=LONG_TEXT,
    )
    flag_for_review = serializers.BooleanField(required=False, default=False)
