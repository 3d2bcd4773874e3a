from rest_framework import serializers

from casemgmt.models import Facility, IdentityDocument, Prisoner, PrisonerAlias, Unit
from core.api.base import RecordSerializer


class FacilityRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Facility
        fields = ["id", "code", "name"]


class UnitRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "code", "name"]


class AliasSerializer(serializers.ModelSerializer):
    class Meta:
        model = PrisonerAlias
        fields = ["kind", "name"]


class IdentityDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = IdentityDocument
        fields = ["kind", "number", "issuing_country", "issued_on", "expires_on"]


class PrisonerListSerializer(RecordSerializer):
    facility = FacilityRefSerializer(read_only=True)
    unit = UnitRefSerializer(read_only=True)
    cell = serializers.CharField(source="cell.number", read_only=True, default=None)
    full_name = serializers.CharField(read_only=True)
    full_name_latin = serializers.CharField(read_only=True)

    class Meta:
        model = Prisoner
        fields = [
            "id",
            "prison_number",
            "full_name",
            "full_name_latin",
            "date_of_birth",
            "sex",
            "legal_status",
            "custody_status",
            "facility",
            "unit",
            "cell",
        ]


class PrisonerDetailSerializer(PrisonerListSerializer):
    aliases = AliasSerializer(many=True, read_only=True)
    documents = IdentityDocumentSerializer(many=True, read_only=True)
    age = serializers.IntegerField(read_only=True)

    class Meta(PrisonerListSerializer.Meta):
        fields = [
            *PrisonerListSerializer.Meta.fields,
            "family_name",
            "given_name",
            "patronymic",
            "family_name_latin",
            "given_name_latin",
            "patronymic_latin",
            "date_of_birth_estimated",
            "place_of_birth",
            "age",
            "gender_identity",
            "gender_identity_note",
            "nationality",
            "citizenships",
            "languages",
            "interpreter_needed",
            "aliases",
            "documents",
            "created_at",
            "updated_at",
            "version",
        ]
