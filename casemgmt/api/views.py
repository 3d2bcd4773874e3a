from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from casemgmt import selectors, services
from casemgmt.api.serializers import PrisonerDetailSerializer, PrisonerListSerializer
from casemgmt.choices import DocumentKind
from casemgmt.filters import PrisonerFilter
from casemgmt.models import Prisoner
from casemgmt.views.access_log import CAPABILITY as ACCESS_LOG_CAPABILITY
from casemgmt.views.access_log import AccessLogFilter
from core import reads
from core.api.base import RestrictedReadOnlyViewSet
from core.api.errors import call_service


class AccessEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    who = serializers.CharField()
    kind = serializers.CharField(help_text="read, or the change's action")
    kind_label = serializers.CharField()
    page = serializers.CharField(help_text="the page or API route read, or the record type changed")
    detail = serializers.CharField(help_text="the query of a read, the record of a change")
    reason = serializers.CharField()


class DocumentInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    number = serializers.CharField(max_length=50)
    issuing_country = serializers.CharField(max_length=100, required=False, default="")


class IdentityCorrectionSerializer(serializers.Serializer):
    """Only the fields sent are corrected; ``reason`` is required."""

    family_name = serializers.CharField(max_length=100, required=False)
    given_name = serializers.CharField(max_length=100, required=False)
    patronymic = serializers.CharField(max_length=100, required=False, allow_blank=True)
    family_name_latin = serializers.CharField(max_length=100, required=False, allow_blank=True)
    given_name_latin = serializers.CharField(max_length=100, required=False, allow_blank=True)
    patronymic_latin = serializers.CharField(max_length=100, required=False, allow_blank=True)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    date_of_birth_estimated = serializers.BooleanField(required=False)
    place_of_birth = serializers.CharField(max_length=200, required=False, allow_blank=True)
    nationality = serializers.CharField(max_length=100, required=False, allow_blank=True)
    citizenships = serializers.ListField(child=serializers.CharField(max_length=2), required=False)
    aliases = serializers.ListField(child=serializers.CharField(max_length=300), required=False, default=list)
    keep_old_name = serializers.BooleanField(required=False, default=False)
    documents = DocumentInSerializer(many=True, required=False, default=list)
    reason = serializers.CharField(max_length=4000)


class CorrectionResultSerializer(PrisonerDetailSerializer):
    problems = serializers.SerializerMethodField()

    class Meta(PrisonerDetailSerializer.Meta):
        fields = [*PrisonerDetailSerializer.Meta.fields, "problems"]

    def get_problems(self, obj) -> list[str]:
        return self.context.get("problems", [])


@extend_schema_view(
    list=extend_schema(
        summary="List and search the prisoners you may see",
        parameters=[OpenApiParameter("q", str, description="Name in any script, or prison number")],
    ),
    retrieve=extend_schema(summary="One prisoner's file (the read is audited)"),
)
class PrisonerViewSet(RestrictedReadOnlyViewSet):
    capability = "view"
    # The file's case manager and supervisors read who read or changed it (the reading is recorded).
    action_capabilities = {"access_log": ACCESS_LOG_CAPABILITY, "correct": "change_prisoner"}
    queryset = Prisoner.objects.select_related("facility", "unit", "cell")
    filterset_class = PrisonerFilter

    def get_queryset(self):
        if self.action == "list":
            # Read as the HTML list reads (see ``selectors.list_plan``).
            user = self.request.user
            walk, self.paginator.known_count = selectors.list_plan(
                user=user,
                params=self.request.query_params,
                per_page=self.paginator.get_page_size(self.request),
            )
            if self.paginator.known_count is not None:
                # nothing narrows the list: its page is the HTML list's prepared statement's
                self.paginator.known_rows = lambda bottom, top: selectors.prisoner_page(
                    user=user, walk=walk, bottom=bottom, top=top
                )
            files = self.restrict(self.queryset.all(), walk=walk)
            return selectors.searched_files(
                files, user=user, walk=walk, query=self.request.query_params.get("q", "")
            )
        qs = super().get_queryset()
        if self.action == "retrieve":
            qs = qs.prefetch_related("aliases", "documents")
        return qs

    @extend_schema(
        summary="Who read or changed this file (newest first, at most 200 rows)",
        parameters=[
            OpenApiParameter("who", str, description="part of the user name"),
            OpenApiParameter("kind", str, enum=["read", "change"]),
            OpenApiParameter("since", str, description="YYYY-MM-DD"),
            OpenApiParameter("until", str, description="YYYY-MM-DD"),
        ],
        responses=AccessEntrySerializer(many=True),
    )
    @action(detail=True, url_path="access-log", filter_backends=[], pagination_class=None)
    def access_log(self, request, pk=None):
        prisoner = self.get_object()
        form = AccessLogFilter(request.query_params or None)
        if form.is_bound and not form.is_valid():
            raise ValidationError(form.errors)
        filters = {k: v for k, v in (form.cleaned_data if form.is_bound else {}).items() if v}
        reads.note([prisoner])
        entries = selectors.file_access_log(prisoner=prisoner, **filters)
        return Response(AccessEntrySerializer(entries, many=True).data)

    @extend_schema(
        summary="Correct the identity recorded at admission, with a reason (audited)",
        request=IdentityCorrectionSerializer,
        responses=CorrectionResultSerializer,
    )
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def correct(self, request, pk=None):
        prisoner = self.get_object()
        data = IdentityCorrectionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        corrected, problems = call_service(
            services.prisoner_correct,
            actor=request.user,
            prisoner=prisoner,
            reason=values.pop("reason"),
            keep_old_name=values.pop("keep_old_name"),
            aliases=values.pop("aliases"),
            documents=values.pop("documents"),
            **values,
        )
        corrected = self.get_queryset().prefetch_related("aliases", "documents").get(pk=corrected.pk)
        return Response(CorrectionResultSerializer(corrected, context={"problems": problems}).data)

    def get_serializer_class(self):
        return PrisonerDetailSerializer if self.action == "retrieve" else PrisonerListSerializer
