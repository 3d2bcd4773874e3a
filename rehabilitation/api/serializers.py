from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from casemgmt.models import Prisoner
from casemgmt.permissions import Capability
from core.api.base import RecordSerializer
from core.api.fields import EntrySerializer, IdKeyedDictField, TranslatedField, VisibleRelatedField
from rehabilitation.choices import EnrolmentStatus
from rehabilitation.models import Attendance, Enrolment, Offering, Programme, ProgrammeGoal, Referral, Session
from rehabilitation.querysets import RUN


def _limit(model, name: str) -> int:
    """The length limit of a model's free text, for the input serializers (issue 16)."""
    return model._meta.get_field(name).max_length


@extend_schema_serializer(component_name="ProgrammeGoal")
class GoalSerializer(serializers.ModelSerializer):
    text = TranslatedField()

    class Meta:
        model = ProgrammeGoal
        fields = ["id", "order", "text"]


class ProgrammeSerializer(serializers.ModelSerializer):
    name = TranslatedField()
    description = TranslatedField()
    goals = GoalSerializer(many=True, read_only=True)

    class Meta:
        model = Programme
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "description",
            "sessions_count",
            "eligible_sexes",
            "eligible_levels",
            "eligible_legal_statuses",
            "languages",
            "goals",
        ]


class OfferingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Offering
        fields = [
            "id",
            "programme",
            "facility",
            "place",
            "schedule",
            "starts_on",
            "ends_on",
            "capacity",
            "staff",
            "status",
        ]


class PrisonerRefSerializer(serializers.Serializer):
    """Programme staff see identity and location only: never risk, family, health or security data."""

    id = serializers.IntegerField()
    prison_number = serializers.CharField()
    full_name = serializers.CharField()
    unit = serializers.CharField(source="unit.code", default=None)
    cell = serializers.CharField(source="cell.number", default=None)


class ReferralSerializer(RecordSerializer):
    prisoner = PrisonerRefSerializer(read_only=True)
    # only a prisoner whose case the caller manages can be referred (404 otherwise)
    prisoner_id = VisibleRelatedField(
        source="prisoner",
        write_only=True,
        queryset=Prisoner.objects.all(),
        capability=Capability.MANAGE_CASEPLAN,
    )

    class Meta:
        model = Referral
        fields = [
            "id",
            "prisoner",
            "prisoner_id",
            "offering",
            "reason",
            "referred_at",
            "status",
            "suitability_note",
            "exception_reason",
        ]
        read_only_fields = ["id", "referred_at", "status", "suitability_note", "exception_reason"]


class AssessSerializer(serializers.Serializer):
    suitable = serializers.BooleanField()
    note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=_limit(Referral, "suitability_note")
    )
    exception_reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=_limit(Referral, "exception_reason")
    )


class EnrolmentSerializer(RecordSerializer):
    prisoner = PrisonerRefSerializer(read_only=True)

    class Meta:
        model = Enrolment
        fields = ["id", "referral", "prisoner", "offering", "status", "enrolled_at", "ended_at", "end_reason"]
        read_only_fields = fields


class EnrolmentChangeSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=EnrolmentStatus.choices)
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=_limit(Enrolment, "end_reason")
    )
    outcomes = IdKeyedDictField(child=EntrySerializer(), required=False)


class AttendanceSerializer(RecordSerializer):
    """Each row notes its participant for the read audit (``Attendance.audit_subjects``)."""

    class Meta:
        model = Attendance
        fields = ["enrolment", "status", "note"]


class SessionSerializer(serializers.ModelSerializer):
    attendance = AttendanceSerializer(many=True, read_only=True)
    # a session is added only to an offering the caller runs or supervises (404 otherwise)
    offering = VisibleRelatedField(queryset=Offering.objects.all(), capability=RUN)

    class Meta:
        model = Session
        fields = ["id", "offering", "date", "starts_at", "topic", "attendance"]


class AttendanceInSerializer(serializers.Serializer):
    entries = IdKeyedDictField(
        child=EntrySerializer(), help_text='{"<enrolment id>": {"status": "attended", "note": ""}}'
    )


class AllPresentInSerializer(serializers.Serializer):
    exceptions = serializers.DictField(
        child=serializers.DictField(),
        required=False,
        default=dict,
        help_text='Everyone enrolled attended but these: {"<enrolment id>": {"status": "sick", "note": ""}}',
    )
