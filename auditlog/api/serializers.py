from rest_framework import serializers

from core.models import AuditEvent, ReadEvent


class AuditEventSerializer(serializers.ModelSerializer):
    """A change-log row. Not a ``RecordSerializer``: the viewset notes the page's rows
    and the files they name at once (``auditlog.selectors.note_events``)."""

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "at",
            "actor",
            "actor_label",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "subject",
            "before",
            "after",
            "reason",
            "request_id",
            "ip_address",
            "row_hash",
        ]
        read_only_fields = fields


class ReadEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReadEvent
        fields = [
            "id",
            "at",
            "actor",
            "actor_label",
            "route",
            "method",
            "path",
            "query",
            "subjects",
            "records",
            "reason",
            "request_id",
            "ip_address",
            "row_hash",
        ]
        read_only_fields = fields
