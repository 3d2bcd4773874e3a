from rest_framework import serializers

from core.api.base import RecordSerializer
from documents.models import Document, DocumentKind, DocumentVersion, IntakeScan, RecordType


class VersionSerializer(RecordSerializer):
    class Meta:
        model = DocumentVersion
        fields = ["id", "number", "content_type", "size", "sha256", "note", "uploaded_at"]


class DocumentSerializer(RecordSerializer):
    kind = serializers.SlugRelatedField(slug_field="code", read_only=True)
    versions = VersionSerializer(many=True, read_only=True)

    class Meta:
        model = Document
        fields = ["id", "prisoner", "kind", "title", "record_type", "record_id", "created_at", "versions"]


class DocumentCreateSerializer(serializers.Serializer):
    prisoner = serializers.IntegerField()
    kind = serializers.SlugRelatedField(
        slug_field="code", queryset=DocumentKind.objects.filter(is_active=True)
    )
    title = serializers.CharField(max_length=200)
    record_type = serializers.ChoiceField(choices=RecordType.choices, default=RecordType.FILE)
    record_id = serializers.IntegerField(required=False, allow_null=True)
    file = serializers.FileField()
    note = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)


class VersionCreateSerializer(serializers.Serializer):
    file = serializers.FileField()
    note = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)


class IntakeScanSerializer(RecordSerializer):
    kind = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = IntakeScan
        fields = [
            "id",
            "admission",
            "kind",
            "title",
            "content_type",
            "size",
            "sha256",
            "uploaded_at",
            "document",
        ]


class IntakeScanCreateSerializer(serializers.Serializer):
    admission = serializers.IntegerField()
    file = serializers.FileField()
    title = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
