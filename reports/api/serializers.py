from rest_framework import serializers

from reports.exports import EXPORTS, ExportFormat
from reports.models import REASON_MAX, ExportJob


class PeriodSerializer(serializers.Serializer):
    facility = serializers.IntegerField(required=False, help_text="A facility id; omit for all you can see.")
    since = serializers.DateField(required=False)
    until = serializers.DateField(required=False)

    def validate(self, attrs):
        if attrs.get("since") and attrs.get("until") and attrs["since"] > attrs["until"]:
            raise serializers.ValidationError("since must not be after until")
        return attrs


class ExportJobSerializer(serializers.ModelSerializer):
    percent = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True, help_text="The list's name in your language")
    download = serializers.SerializerMethodField()

    class Meta:
        model = ExportJob
        fields = [
            "id",
            "export",
            "title",
            "format",
            "filters",
            "reason",
            "status",
            "rows_total",
            "rows_done",
            "percent",
            "created_at",
            "finished_at",
            "expires_at",
            "download",
        ]
        read_only_fields = fields

    def get_download(self, job) -> str | None:
        from django.urls import reverse

        if job.status == "done" and not job.is_expired:
            return reverse("reports-api:export-job-download", args=[job.pk])
        return None


class ExportJobCreateSerializer(serializers.Serializer):
    export = serializers.ChoiceField(choices=sorted(EXPORTS))
    format = serializers.ChoiceField(choices=ExportFormat.choices)
    reason = serializers.CharField(min_length=10, max_length=REASON_MAX)
    filters = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        default=dict,
        help_text="The list's filter parameters, as in its page's query string.",
    )
