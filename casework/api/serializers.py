from rest_framework import serializers

from casemgmt.models import Prisoner, User
from casework.choices import NoteKind, PlanStatus
from casework.models import (
    LONG_TEXT,
    SHORT_TEXT,
    Action,
    Allocation,
    CaseNote,
    CasePlan,
    Goal,
    Need,
    PlanReview,
)
from core.api.base import RecordSerializer
from core.api.fields import EntrySerializer, IdKeyedDictField, VisibleRelatedField


class AllocationSerializer(RecordSerializer):
    """Who holds a case. The handover note is null unless you manage the prisoner's case plan."""

    # ``handover_readable`` is annotated by the viewset for the whole page
    # (``Allocation.objects.with_handover``); a row without it shows no note.
    handover_note = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = Allocation
        fields = [
            "id",
            "prisoner",
            "case_manager",
            "allocated_by",
            "allocated_at",
            "handover_note",
            "ended_at",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not getattr(instance, "handover_readable", False):
            data["handover_note"] = None
        return data


class AllocationCreateSerializer(serializers.Serializer):
    prisoner = VisibleRelatedField(queryset=Prisoner.objects.all())
    case_manager = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    handover_note = serializers.CharField(required=False, allow_blank=True, default="", max_length=SHORT_TEXT)


class ActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Action
        fields = ["id", "description", "owner", "owner_text", "target_date", "status", "completed_at"]
        read_only_fields = ["id", "status", "completed_at"]


class GoalSerializer(serializers.ModelSerializer):
    actions = ActionSerializer(many=True, read_only=True)

    class Meta:
        model = Goal
        fields = ["id", "need", "description", "status", "actions"]
        read_only_fields = ["id", "status", "actions"]


class NeedSerializer(serializers.ModelSerializer):
    class Meta:
        model = Need
        fields = ["id", "area", "description", "source"]
        read_only_fields = ["id"]


class ReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanReview
        fields = ["id", "held_on", "attendees", "progress", "decisions", "next_review_date", "recorded_at"]
        read_only_fields = ["id", "recorded_at"]


class CasePlanSerializer(RecordSerializer):
    needs = NeedSerializer(many=True, read_only=True)
    goals = GoalSerializer(many=True, read_only=True)
    reviews = ReviewSerializer(many=True, read_only=True)

    class Meta:
        model = CasePlan
        fields = [
            "id",
            "prisoner",
            "status",
            "summary",
            "next_review_date",
            "version",
            "created_at",
            "updated_at",
            "needs",
            "goals",
            "reviews",
        ]
        read_only_fields = fields


class PlanCreateSerializer(serializers.Serializer):
    prisoner = VisibleRelatedField(queryset=Prisoner.objects.all())
    summary = serializers.CharField(required=False, allow_blank=True, default="", max_length=SHORT_TEXT)


class PlanUpdateSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="The version you read; a stale one answers 409.")
    summary = serializers.CharField(required=False, allow_blank=True, max_length=SHORT_TEXT)
    next_review_date = serializers.DateField(required=False, allow_null=True)


class VersionedSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False)


class TransitionSerializer(VersionedSerializer):
    to = serializers.ChoiceField(choices=PlanStatus.choices)


class GoalCreateSerializer(VersionedSerializer):
    description = serializers.CharField(max_length=SHORT_TEXT)
    need = serializers.IntegerField(required=False, allow_null=True)


class ActionCreateSerializer(VersionedSerializer):
    goal = serializers.IntegerField()
    description = serializers.CharField(max_length=SHORT_TEXT)
    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True
    )
    owner_text = serializers.CharField(required=False, allow_blank=True, default="")
    target_date = serializers.DateField(required=False, allow_null=True)


class NeedCreateSerializer(VersionedSerializer, NeedSerializer):
    class Meta(NeedSerializer.Meta):
        fields = ["area", "description", "source", "version"]


class ReviewCreateSerializer(VersionedSerializer):
    held_on = serializers.DateField()
    attendees = serializers.CharField(max_length=SHORT_TEXT)
    decisions = serializers.CharField(max_length=LONG_TEXT)
    next_review_date = serializers.DateField(required=False, allow_null=True)
    progress = IdKeyedDictField(child=EntrySerializer())

    def validate_progress(self, value):
        # each goal's progress note is a free text like the form's (SHORT_TEXT)
        for entry in value.values():
            serializers.CharField(max_length=SHORT_TEXT, allow_blank=True).run_validation(
                str(entry.get("note", ""))
            )
        return value


class CaseNoteSerializer(RecordSerializer):
    prisoner = VisibleRelatedField(queryset=Prisoner.objects.all())

    class Meta:
        model = CaseNote
        fields = ["id", "prisoner", "kind", "text", "author", "created_at", "edited_at", "corrects"]
        read_only_fields = ["id", "author", "created_at", "edited_at"]

    kind = serializers.ChoiceField(choices=NoteKind.choices)
