from rest_framework import serializers

from casemgmt.api.serializers import FacilityRefSerializer
from casemgmt.models import Cell, Facility, Unit, User
from core.api.base import RecordSerializer
from core.grants import capabilities_of
from intake.choices import SecurityFlag
from intake.models import Admission, Child, Contact, Injury, PropertyItem
from intake.services import STEP_FIELDS

SENSITIVE = {
    "view_security": STEP_FIELDS["security"],
    "view_health": ["pregnancy", "medication", "health_notes"],
}


class AdmissionSerializer(RecordSerializer):
    facility = FacilityRefSerializer(read_only=True)
    prison_number = serializers.CharField(source="prisoner.prison_number", read_only=True, default=None)

    class Meta:
        model = Admission
        exclude = ["photo", "created_by", "completed_by"]
        read_only_fields = [f.name for f in Admission._meta.fields]

    def _capabilities(self, instance) -> set:
        """What the reader holds on the admission's file: from the list's batch
        (``held``: capability -> prisoner ids), the detail's ``capabilities``, or one query."""
        held = self.context.get("held")
        if held is not None:
            return {c for c, ids in held.items() if instance.prisoner_id in ids}
        if "capabilities" in self.context:
            return set(self.context["capabilities"])
        request = self.context.get("request")
        return set(capabilities_of(request.user, instance.prisoner)) if request is not None else set()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not instance.is_draft:  # a filed admission is part of the file: its sections' rules
            capabilities = self._capabilities(instance)
            for capability, fields in SENSITIVE.items():
                if capability not in capabilities:
                    for field in fields:
                        data.pop(field, None)
        return data


class AdmissionCreateSerializer(serializers.Serializer):
    facility = serializers.PrimaryKeyRelatedField(queryset=Facility.objects.all())
    token = serializers.UUIDField(
        required=False, help_text="Idempotency key: a retry with it returns the same draft."
    )


def step_serializer(step: str, facility=None):
    """The input serializer of one step: the model's own field rules."""
    fields = [f for f in STEP_FIELDS[step] if f != "identity_decision"]
    attrs = {}
    if step == "security":
        attrs["security_flags"] = serializers.ListField(
            child=serializers.ChoiceField(choices=SecurityFlag.choices), required=False
        )
    if step == "identity":
        attrs["citizenships"] = serializers.ListField(
            child=serializers.RegexField(r"^[A-Za-z]{2}$"), required=False
        )
    if step == "information":
        staff = (
            User.objects.filter(is_active=True, facilities=facility).distinct()
            if facility
            else User.objects.none()
        )
        attrs["info_given_by"] = serializers.PrimaryKeyRelatedField(
            queryset=staff, required=False, allow_null=True
        )
    if step == "review":
        units = Unit.objects.filter(facility=facility) if facility else Unit.objects.none()
        cells = Cell.objects.filter(unit__facility=facility) if facility else Cell.objects.none()
        attrs["unit"] = serializers.PrimaryKeyRelatedField(queryset=units, required=False, allow_null=True)
        attrs["cell"] = serializers.PrimaryKeyRelatedField(queryset=cells, required=False, allow_null=True)
    meta = type(
        "Meta",
        (),
        {"model": Admission, "fields": fields, "extra_kwargs": {f: {"required": False} for f in fields}},
    )
    return type(f"{step.title()}StepSerializer", (serializers.ModelSerializer,), {**attrs, "Meta": meta})


class MatchSerializer(serializers.Serializer):
    prisoner = serializers.IntegerField(
        allow_null=True, help_text="The earlier file's id, or null for a new person"
    )


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class ExpectedVersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False)


def _record(model, fields):
    meta = type("Meta", (), {"model": model, "fields": ["id", *fields], "read_only_fields": ["id"]})
    return type(f"{model.__name__}Serializer", (RecordSerializer,), {"Meta": meta})


RECORD_SERIALIZERS = {
    "injury": _record(
        Injury,
        ["body_location", "description", "examined_by", "ill_treatment_complaint", "complaint_details"],
    ),
    "property": _record(
        PropertyItem,
        ["description", "quantity", "condition", "storage_location", "is_valuable", "seal_number"],
    ),
    "contact": _record(Contact, ["role", "name", "relationship", "phone", "address"]),
    "child": _record(
        Child,
        [
            "name",
            "date_of_birth",
            "age_years",
            "sex",
            "custody",
            "location",
            "guardian",
            "guardian_contact",
            "notes",
        ],
    ),
}


class CandidateSerializer(serializers.Serializer):
    """A candidate of the duplicate check. A file of another facility (``foreign``) shows
    only what the decision needs: prison number, names, date of birth, facility."""

    id = serializers.IntegerField(source="prisoner.pk")
    prison_number = serializers.CharField(source="prisoner.prison_number")
    full_name = serializers.CharField(source="prisoner.full_name")
    full_name_latin = serializers.CharField(source="prisoner.full_name_latin")
    date_of_birth = serializers.DateField(source="prisoner.date_of_birth")
    facility = serializers.CharField(source="prisoner.facility.name", default=None)
    custody_status = serializers.SerializerMethodField(help_text="null for a file of another facility")
    foreign = serializers.BooleanField(help_text="a file you may not open, shown on a strong match")
    similarity = serializers.FloatField()
    same_birth_date = serializers.BooleanField()

    def get_custody_status(self, candidate) -> str | None:
        return None if candidate.foreign else candidate.prisoner.custody_status
