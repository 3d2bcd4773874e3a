from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.response import Response

from casemgmt.selectors import facilities_for
from core.api.base import RestrictedViewSetMixin
from core.api.errors import raise_validation
from core.grants import capabilities_of
from intake import duplicates, selectors, services
from intake.api.serializers import (
    RECORD_SERIALIZERS,
    SENSITIVE,
    AdmissionCreateSerializer,
    AdmissionSerializer,
    CancelSerializer,
    CandidateSerializer,
    ExpectedVersionSerializer,
    MatchSerializer,
    step_serializer,
)
from intake.choices import AdmissionStatus, Step
from intake.models import Admission
from intake.querysets import DRAFT


def _check(user, admission) -> list:
    """The duplicate check for a draft (429 over the per-user limit)."""
    try:
        return duplicates.duplicate_check(user=user, **duplicates.admission_query(admission))
    except duplicates.RateLimited as exc:
        raise Throttled(wait=60) from exc


class AdmissionViewSet(
    RestrictedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Admissions at reception: create a draft, save each step, add records, complete.
    Every write runs the same services, with the same rules, as the browser. Reads: the
    drafts of your desk and the filed admissions of the files you read; every other
    action works on a draft of your desk (``DRAFT``), 404 for anything else."""

    queryset = Admission.objects.select_related("facility", "prisoner")
    serializer_class = AdmissionSerializer
    filterset_fields = ["status", "facility"]
    capability = "view"
    action_capabilities = {
        "create": DRAFT,  # the facility is checked against the user's own (facilities_for)
        "save_step": DRAFT,
        "add_record": DRAFT,
        "candidates": DRAFT,
        "match": DRAFT,
        "complete": DRAFT,
        "cancel": DRAFT,
    }

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "retrieve" and "pk" in self.kwargs:
            admission = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
            if admission and admission.prisoner_id:
                context["capabilities"] = capabilities_of(self.request.user, admission.prisoner)
        return context

    def _draft(self) -> Admission:
        admission = self.get_object()
        if admission.status != AdmissionStatus.DRAFT:
            raise ValidationError({"status": ["This intake is already closed."]})
        return admission

    def _reply(self, admission, code=status.HTTP_200_OK):
        return Response(
            AdmissionSerializer(admission, context=self.get_serializer_context()).data, status=code
        )

    @extend_schema(request=AdmissionCreateSerializer, responses={201: AdmissionSerializer})
    def create(self, request):
        data = AdmissionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        facility = data.validated_data["facility"]
        if not facilities_for(request.user).filter(pk=facility.pk).exists():
            raise ValidationError({"facility": ["You do not work at this facility."]})
        try:
            admission = services.admission_start(
                actor=request.user, facility=facility, token=data.validated_data.get("token")
            )
        except DjangoValidationError as exc:
            raise_validation(exc)
        return self._reply(admission, status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[OpenApiParameter("step", str, OpenApiParameter.PATH, enum=[s for s in Step.values])],
        request=OpenApiTypes.OBJECT,
        responses={200: AdmissionSerializer, 409: None},
        description="Save one step's fields (order, identity, property, security, health, review). "
        "Send `version` to refuse a stale write (409).",
    )
    @action(detail=True, methods=["post"], url_path=r"steps/(?P<step>[a-z]+)")
    def save_step(self, request, pk=None, step=None):
        admission = self._draft()
        if step not in services.STEP_FIELDS:
            raise Http404
        serializer = step_serializer(step, admission.facility)(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        version = ExpectedVersionSerializer(data=request.data)
        version.is_valid(raise_exception=True)
        try:
            admission = services.admission_save_step(
                actor=request.user,
                admission=admission,
                step=step,
                data=serializer.validated_data,
                expected_version=version.validated_data.get("version"),
            )
        except DjangoValidationError as exc:
            raise_validation(exc)
        return self._reply(admission)

    @extend_schema(
        request=None,
        responses={201: None},
        parameters=[OpenApiParameter("kind", str, OpenApiParameter.PATH, enum=list(RECORD_SERIALIZERS))],
    )
    @action(detail=True, methods=["post"], url_path=r"records/(?P<kind>[a-z]+)")
    def add_record(self, request, pk=None, kind=None):
        admission = self._draft()
        if kind not in RECORD_SERIALIZERS:
            raise Http404
        serializer = RECORD_SERIALIZERS[kind](data=request.data)
        serializer.is_valid(raise_exception=True)
        data = {k: v for k, v in serializer.validated_data.items() if k != "id"}
        try:
            record = services.record_add(actor=request.user, admission=admission, kind=kind, data=data)
        except DjangoValidationError as exc:
            raise_validation(exc)
        return Response(RECORD_SERIALIZERS[kind](record).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=CandidateSerializer(many=True))
    @action(detail=True, methods=["get"])
    def candidates(self, request, pk=None):
        """The duplicate check (rate-limited per user: 429): files you may open on a close
        name; a file of another facility only on a strong match, with the minimum."""
        admission = self.get_object()
        found = _check(request.user, admission)
        duplicates.note_check(found, **duplicates.admission_query(admission))
        return Response(CandidateSerializer(found, many=True).data)

    @extend_schema(request=MatchSerializer, responses=AdmissionSerializer)
    @action(detail=True, methods=["post"])
    def match(self, request, pk=None):
        admission = self._draft()
        data = MatchSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        prisoner = None
        if data.validated_data["prisoner"] is not None:
            found = _check(request.user, admission)
            prisoner = next(
                (c.prisoner for c in found if c.prisoner.pk == data.validated_data["prisoner"]), None
            )
            if prisoner is None:
                raise ValidationError({"prisoner": ["Not one of the candidates for this name."]})
        admission = services.returning_choice(actor=request.user, admission=admission, prisoner=prisoner)
        return self._reply(admission)

    @extend_schema(request=ExpectedVersionSerializer, responses={200: AdmissionSerializer, 409: None})
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        admission = self.get_object()
        version = ExpectedVersionSerializer(data=request.data)
        version.is_valid(raise_exception=True)
        try:
            admission = services.admission_complete(
                actor=request.user,
                admission=admission,
                expected_version=version.validated_data.get("version"),
            )
        except DjangoValidationError as exc:
            raise_validation(exc)
        return self._reply(admission)

    @extend_schema(request=CancelSerializer, responses=AdmissionSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        admission = self._draft()
        data = CancelSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            admission = services.admission_cancel(
                actor=request.user, admission=admission, reason=data.validated_data["reason"]
            )
        except DjangoValidationError as exc:
            raise_validation(exc)
        return self._reply(admission)

    # Defined last: above it, in the class body, ``list`` is still the builtin.
    def list(self, request, *args, **kwargs):
        """A page of admissions; the sensitive sections of each filed one are shown by the
        reader's capabilities on its file, read for the whole page at once."""
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = [*(page if page is not None else queryset)]
        ids = {a.prisoner_id for a in rows if a.prisoner_id and not a.is_draft}
        held = selectors.capabilities_held(user=request.user, prisoner_ids=ids, capabilities=SENSITIVE)
        context = {**self.get_serializer_context(), "held": held}
        data = AdmissionSerializer(rows, many=True, context=context).data
        return self.get_paginated_response(data) if page is not None else Response(data)
