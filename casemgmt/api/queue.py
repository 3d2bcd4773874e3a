"""``GET /api/v1/queue/``: the reader's work queue, oldest first (``casemgmt.queue``)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from casemgmt import queue
from core.api.base import RestrictedViewSetMixin
from core.views.base import NO_FILE


class QueueRowSerializer(serializers.Serializer):
    kind = serializers.CharField(source="key")
    label = serializers.CharField()
    since = serializers.DateTimeField()
    link = serializers.CharField()
    text = serializers.CharField()
    prisoner = serializers.IntegerField(source="prisoner.pk", default=None)
    prisoner_name = serializers.CharField(source="prisoner.full_name", default="")
    prison_number = serializers.CharField(source="prisoner.prison_number", default="")
    record = serializers.CharField(source="record.pk")


class QueueSerializer(serializers.Serializer):
    counts = serializers.DictField(child=serializers.IntegerField())
    total = serializers.IntegerField()
    results = QueueRowSerializer(many=True)


class QueueViewSet(RestrictedViewSetMixin, viewsets.ViewSet):
    """Everything waiting on you: the counts of each kind of work, and its rows oldest
    first (``?kind=`` one kind), each with the link to the page where it is done. Every
    row comes from its app's restricted queryset and is noted for the read audit."""

    capability = NO_FILE

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", str, description="Only the rows of this kind (a key of counts)")
        ],
        responses={200: QueueSerializer},
    )
    def retrieve(self, request):
        # ``retrieve``, not ``list``: the answer is one object (counts and rows), and the
        # schema says so (a ``list`` is documented as an array)
        kind = request.query_params.get("kind", "")
        counts = queue.counts(request.user, request)
        rows = queue.rows(request.user, key=kind if kind in counts else "")
        data = {"counts": counts, "total": sum(counts.values()), "results": rows}
        return Response(QueueSerializer(data).data)
