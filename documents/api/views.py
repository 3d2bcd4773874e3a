"""/api/v1/documents/: documents of the files the caller may read (a sensitive kind only
with ``view_sensitive_documents``), upload, new versions and the download (an attachment,
each read audited). /api/v1/document-kinds/: the reference list (no prisoner data)."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core import reads
from core.api.base import RestrictedViewSetMixin
from core.api.errors import call_service
from core.api.parsers import PARSERS
from core.querysets import file_get
from documents import intake_scans, services
from documents.api import serializers as s
from documents.models import Document, IntakeScan
from documents.views import attachment
from intake.querysets import DRAFT


class DocumentViewSet(
    RestrictedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Document.objects.select_related("kind").prefetch_related("versions")
    serializer_class = s.DocumentSerializer
    parser_classes = PARSERS
    capability = "view"
    action_capabilities = {"create": "view", "versions": "view", "download": "view"}

    def filter_queryset(self, queryset):
        prisoner = self.request.query_params.get("prisoner", "")
        if prisoner.isdigit():
            queryset = queryset.filter(prisoner_id=int(prisoner))
        return queryset

    @extend_schema(
        request={"multipart/form-data": s.DocumentCreateSerializer}, responses={201: s.DocumentSerializer}
    )
    def create(self, request):
        data = s.DocumentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        prisoner = file_get(user=request.user, pk=v.pop("prisoner"), action="view")
        doc = call_service(
            services.document_add, actor=request.user, prisoner=prisoner, upload=v.pop("file"), **v
        )
        return Response(s.DocumentSerializer(doc).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request={"multipart/form-data": s.VersionCreateSerializer}, responses={201: s.VersionSerializer}
    )
    @action(detail=True, methods=["post"])
    def versions(self, request, pk=None):
        document = self.get_object()
        data = s.VersionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        version = call_service(
            services.version_add,
            actor=request.user,
            document=document,
            upload=data.validated_data["file"],
            note=data.validated_data["note"],
        )
        return Response(s.VersionSerializer(version).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path=r"versions/(?P<number>\d+)/download")
    def download(self, request, pk=None, number=None):
        document = self.get_object()
        version = document.versions.filter(number=int(number)).first()
        if version is None:
            raise Http404
        reads.note_instance(version)
        return attachment(version)


class IntakeScanViewSet(
    RestrictedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Scans of the commitment order on the drafts of your reception desk; POST adds one
    (multipart: ``admission``, ``file``, ``title``). Once the intake is completed the scan
    is a document of the file (``document``) and is read there."""

    queryset = IntakeScan.objects.select_related("kind")
    serializer_class = s.IntakeScanSerializer
    parser_classes = PARSERS
    capability = DRAFT
    action_capabilities = {"create": DRAFT}

    def filter_queryset(self, queryset):
        admission = self.request.query_params.get("admission", "")
        if admission.isdigit():
            queryset = queryset.filter(admission_id=int(admission))
        return queryset

    @extend_schema(
        request={"multipart/form-data": s.IntakeScanCreateSerializer}, responses={201: s.IntakeScanSerializer}
    )
    def create(self, request):
        data = s.IntakeScanCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        # The service resolves the draft through the reception desk's restriction (404).
        scan = call_service(
            intake_scans.intake_scan_add,
            actor=request.user,
            admission_id=v["admission"],
            upload=v["file"],
            title=v["title"],
        )
        return Response(s.IntakeScanSerializer(scan).data, status=status.HTTP_201_CREATED)
