from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.edge import MAX_ID
from reports.exports import EXPORTS, ExportFormat
from reports.models import REASON_MAX, ExportJob
from reports.selectors import period_too_long


class PeriodSerializer(serializers.Serializer):
    facility = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="A facility id; omit for all you can see."
    )
    since = serializers.DateField(required=False)
    until = serializers.DateField(required=False)

    def validate(self, attrs):
        if attrs.get("since") and attrs.get("until") and attrs["since"] > attrs["until"]:
            raise serializers.ValidationError(_("The start of the period must not be after its end."))
        if period_too_long(attrs.get("since"), attrs.get("until"), timezone.localdate()):
            raise serializers.ValidationError(_("Choose a period of at most five years."))
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
