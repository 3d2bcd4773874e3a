from rest_framework import serializers

from core.api.base import RecordSerializer
from family.choices import NOTE_MAX, REASON_MAX, NotHeldReason, RestrictionReason
from family.models import (
    Child,
    ChildHealthCheck,
    ChildPlacement,
    ConsularNotification,
    Contact,
    Restriction,
    Visit,
    VisitSession,
)
from family.services import disciplinary_message

CONTACT_FIELDS = [
    "relationship",
    "relationship_note",
    "name",
    "name_latin",
    "date_of_birth",
    "address",
    "phone",
    "next_of_kin",
    "emergency",
    "may_visit",
    "is_victim",
]


class ContactSerializer(RecordSerializer):
    prison_number = serializers.CharField(source="prisoner.prison_number", read_only=True)

    class Meta:
        model = Contact
        fields = [
            "id",
            "prisoner",
            "prison_number",
            *CONTACT_FIELDS,
            "active",
            "confidential",
            "version",
            "updated_at",
        ]
        read_only_fields = fields


class ContactCreateSerializer(serializers.ModelSerializer):
    prisoner = serializers.IntegerField()

    class Meta:
        model = Contact
        fields = ["prisoner", *CONTACT_FIELDS]


class ContactUpdateSerializer(serializers.ModelSerializer):
    reason = serializers.CharField(max_length=REASON_MAX, required=False, allow_blank=True)
    version = serializers.IntegerField(required=False)

    class Meta:
        model = Contact
        fields = [*CONTACT_FIELDS, "active", "reason", "version"]
        extra_kwargs = {f: {"required": False} for f in [*CONTACT_FIELDS, "active"]}


class ContactChangeSerializer(serializers.Serializer):
    changed_at = serializers.DateTimeField()
    changed_by = serializers.IntegerField(source="changed_by_id", allow_null=True)
    changes = serializers.JSONField()
    reason = serializers.CharField()


class RestrictionSerializer(RecordSerializer):
    class Meta:
        model = Restriction
        fields = [
            "id",
            "prisoner",
            "contact",
            "kind",
            "reason_kind",
            "reason",
            "starts_on",
            "ends_on",
            "review_on",
            "imposed_by",
            "imposed_at",
            "ended_at",
            "end_reason",
        ]
        read_only_fields = fields


class RestrictionCreateSerializer(serializers.ModelSerializer):
    prisoner = serializers.IntegerField()
    contact = serializers.IntegerField(required=False, allow_null=True)

    class Meta:
        model = Restriction
        fields = ["prisoner", "contact", "kind", "reason_kind", "reason", "starts_on", "ends_on", "review_on"]
        extra_kwargs = {"starts_on": {"required": False}}

    def validate_reason_kind(self, value):
        if value == RestrictionReason.DISCIPLINARY:
            raise serializers.ValidationError(disciplinary_message())
        return value


class RestrictionReviewSerializer(serializers.Serializer):
    next_review_on = serializers.DateField()
    note = serializers.CharField(max_length=REASON_MAX, required=False, allow_blank=True)


class VisitReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=REASON_MAX)


class PlacementSerializer(serializers.ModelSerializer):
    class Meta:
        model = ChildPlacement
        fields = ["whereabouts", "location", "carer", "carer_contact", "facility", "since", "planned_exit_on"]


class HealthCheckSerializer(serializers.ModelSerializer):
    class Meta:
        model = ChildHealthCheck
        fields = ["id", "checked_on", "checked_by", "notes"]
        read_only_fields = ["id"]


class ChildSerializer(RecordSerializer):
    placements = PlacementSerializer(many=True, read_only=True)
    health_checks = HealthCheckSerializer(many=True, read_only=True)

    class Meta:
        model = Child
        fields = [
            "id",
            "prisoner",
            "name",
            "name_latin",
            "date_of_birth",
            "age_years",
            "sex",
            "whereabouts",
            "location",
            "carer",
            "carer_contact",
            "facility",
            "since",
            "planned_exit_on",
            "notes",
            "placements",
            "health_checks",
        ]
        read_only_fields = fields


class ChildCreateSerializer(serializers.ModelSerializer):
    prisoner = serializers.IntegerField()

    class Meta:
        model = Child
        fields = [
            "prisoner",
            "name",
            "name_latin",
            "date_of_birth",
            "age_years",
            "sex",
            "whereabouts",
            "location",
            "carer",
            "carer_contact",
            "since",
            "planned_exit_on",
            "notes",
        ]

    def validate(self, attrs):  # the model's checks across fields are the service's
        return attrs


class ChildMoveSerializer(serializers.Serializer):
    whereabouts = serializers.ChoiceField(choices=Child._meta.get_field("whereabouts").choices)
    location = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    carer = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    carer_contact = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    since = serializers.DateField(required=False)
    planned_exit_on = serializers.DateField(required=False, allow_null=True)


class VisitSessionSerializer(serializers.ModelSerializer):
    booked = serializers.IntegerField(read_only=True)

    class Meta:
        model = VisitSession
        fields = ["id", "facility", "kind", "room", "starts_at", "ends_at", "capacity", "booked"]
        read_only_fields = ["id", "booked"]

    def validate(self, attrs):
        return attrs


class VisitSerializer(RecordSerializer):
    prison_number = serializers.CharField(source="prisoner.prison_number", read_only=True)
    visitors = serializers.SerializerMethodField()

    class Meta:
        model = Visit
        fields = [
            "id",
            "session",
            "prisoner",
            "prison_number",
            "visitors",
            "children_count",
            "status",
            "not_overheard",
            "conditions",
            "booked_by",
            "booked_at",
            "not_held_reason",
            "outcome_note",
            "recorded_at",
        ]
        read_only_fields = fields

    def get_visitors(self, obj) -> list[dict]:
        return [
            {"contact": row.contact_id, "name": row.contact.name, "attended": row.attended}
            for row in obj.visitor_rows.all()
        ]


class VisitBookSerializer(serializers.Serializer):
    session = serializers.IntegerField()
    prisoner = serializers.IntegerField()
    visitors = serializers.ListField(child=serializers.IntegerField(), allow_empty=False, max_length=10)
    children_count = serializers.IntegerField(min_value=0, max_value=10, default=0)


class VisitRecordSerializer(serializers.Serializer):
    held = serializers.BooleanField()
    attended = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    not_held_reason = serializers.ChoiceField(
        choices=NotHeldReason.choices, required=False, allow_blank=True, default=""
    )
    note = serializers.CharField(max_length=NOTE_MAX, required=False, allow_blank=True, default="")


class ConsularSerializer(RecordSerializer):
    class Meta:
        model = ConsularNotification
        fields = [
            "id",
            "prisoner",
            "notified_on",
            "consulate",
            "consent",
            "notes",
            "recorded_by",
            "recorded_at",
        ]
        read_only_fields = ["id", "recorded_by", "recorded_at"]
        extra_kwargs = {"prisoner": {"read_only": True}}


class ConsularCreateSerializer(serializers.ModelSerializer):
    prisoner = serializers.IntegerField()

    class Meta:
        model = ConsularNotification
        fields = ["prisoner", "notified_on", "consulate", "consent", "notes"]
