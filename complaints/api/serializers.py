from rest_framework import serializers

from complaints.choices import NOTE_MAX, OutsideKind, ReprisalKind
from complaints.models import Complaint, ReprisalReview
from core.api.base import RecordSerializer

#: what a reader who may not read a complaint's content sees of it (Rule 56(3))
EXISTENCE_FIELDS = (
    "id",
    "prisoner",
    "prison_number",
    "facility",
    "received_at",
    "confidential",
    "next_deadline",
)


class ComplaintSerializer(RecordSerializer):
    prison_number = serializers.CharField(source="prisoner.prison_number", read_only=True)
    next_deadline = serializers.DateField(read_only=True, allow_null=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = [
            "id",
            "prisoner",
            "prison_number",
            "facility",
            "received_at",
            "kind",
            "category",
            "route",
            "confidential",
            "submitted_by",
            "submitter_name",
            "words",
            "summary",
            "about_staff",
            "handler",
            "status",
            "acknowledge_due",
            "answer_due",
            "referral_due",
            "next_deadline",
            "overdue",
            "acknowledged_at",
            "investigation_at",
            "answer",
            "answered_at",
            "answered_by",
            "copy_given_at",
            "outside_kind",
            "referred_to",
            "referral_reference",
            "referred_at",
            "closed_at",
        ]
        read_only_fields = fields

    def get_overdue(self, obj) -> bool:
        return obj.is_overdue()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if getattr(instance, "readable", True) is False:
            return {key: data[key] for key in EXISTENCE_FIELDS}
        return data


class ComplaintCreateSerializer(serializers.ModelSerializer):
    prisoner = serializers.IntegerField()
    received_at = serializers.DateTimeField(required=False)

    class Meta:
        model = Complaint
        fields = [
            "prisoner",
            "received_at",
            "kind",
            "category",
            "route",
            "confidential",
            "submitted_by",
            "submitter_name",
            "words",
            "summary",
            "about_staff",
        ]


class AnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(max_length=Complaint._meta.get_field("answer").max_length)


class ReferSerializer(serializers.Serializer):
    outside_kind = serializers.ChoiceField(choices=OutsideKind.choices, default=OutsideKind.REFERRAL)
    referred_to = serializers.CharField(max_length=200)
    reference = serializers.CharField(max_length=100)


class AssignSerializer(serializers.Serializer):
    handler = serializers.IntegerField()


class ReprisalReviewSerializer(RecordSerializer):
    class Meta:
        model = ReprisalReview
        fields = [
            "id",
            "prisoner",
            "complaint",
            "event_kind",
            "event_id",
            "note",
            "reviewed_by",
            "reviewed_at",
        ]
        read_only_fields = ["id", "prisoner", "complaint", "reviewed_by", "reviewed_at"]
        extra_kwargs = {"note": {"max_length": NOTE_MAX}}


class AfterComplaintSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReprisalKind.choices)
    event_id = serializers.IntegerField()
    at = serializers.DateTimeField()
    prisoner = serializers.IntegerField(source="prisoner.pk")
    prison_number = serializers.CharField(source="prisoner.prison_number")
    complaint = serializers.IntegerField(source="complaint.pk")
    complaint_received_at = serializers.DateTimeField(source="complaint.received_at")
    detail = serializers.CharField()
