from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from casemgmt.permissions import Capability
from core.api.base import RecordSerializer, RestrictedViewSetMixin
from notifications import services
from notifications.models import Notification


class NotificationSerializer(RecordSerializer):
    prison_number = serializers.CharField(source="prisoner.prison_number", default=None, read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "kind", "prisoner", "prison_number", "due_date", "link", "created_at", "read_at"]
        read_only_fields = fields


class MarkReadSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text="Omit to mark all of yours as read."
    )


class NotificationViewSet(
    RestrictedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Your own notifications, about prisoners whose file you may still read."""

    capability = Capability.VIEW
    # marks only the caller's own notifications (services.mark_read), of files still readable
    action_capabilities = {"mark_read": Capability.VIEW}
    queryset = Notification.objects.select_related("prisoner")
    serializer_class = NotificationSerializer
    filterset_fields = ["kind"]

    def get_queryset(self):
        qs = super().get_queryset()
        if self.request.query_params.get("unread") in ("1", "true"):
            qs = qs.filter(read_at__isnull=True)
        return qs

    @extend_schema(request=MarkReadSerializer, responses={200: None})
    @action(detail=False, methods=["post"], url_path="mark-read")
    def mark_read(self, request):
        data = MarkReadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        n = services.mark_read(user=request.user, ids=data.validated_data.get("ids"))
        return Response({"marked": n})
