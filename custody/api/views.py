"""/api/v1/movements/, keep-apart/, searches/, finds/, incidents/: each action declares
what it needs, the restriction is applied once (``RestrictedViewSetMixin``), writes go
through services, and every object rendered is noted for the read audit."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from casemgmt.permissions import Capability
from classification import services as classification_services
from classification.models import KeepApart
from core import reads
from core.api.base import RestrictedViewSetMixin
from core.api.errors import call_service
from core.api.parsers import SafeJSONParser, SafeMultiPartParser
from core.uploads import photo_response
from custody import selectors, services
from custody.api.serializers import (
    ConflictSerializer,
    CustodyEventSerializer,
    FindSerializer,
    IncidentAddendumSerializer,
    IncidentPersonSerializer,
    IncidentReviewSerializer,
    IncidentSerializer,
    KeepApartSerializer,
    MovementInSerializer,
    MovementSerializer,
    OutcomeSerializer,
    ReasonSerializer,
    SearchSerializer,
)
from custody.models import Find, Incident, Movement, Search
from custody.querysets import READ, RECORD, CustodyQuerySet


def _move_kwargs(data, prisoner) -> dict:
    cell = data.get("cell")
    unit = data.get("unit") or (cell.unit if cell else None)
    return {
        "kind": data["kind"],
        "facility": data.get("facility") or prisoner.facility,
        "unit": unit,
        "cell": cell,
    }


class MovementViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Movements of the prisoners you may see; POST records one (officers and supervisors
    of the holding facility); ``check/`` lists the conflicts without recording."""

    # the places and people are given by id (the serializer reads no row of theirs)
    queryset = Movement.objects.select_related("prisoner")
    capability = READ
    # The prisoner moved is named in the body and resolved with change_prisoner.
    action_capabilities = {"create": Capability.CHANGE, "check": Capability.CHANGE}
    serializer_class = MovementSerializer
    filterset_fields = ["prisoner", "kind"]

    @extend_schema(request=MovementInSerializer, responses={201: MovementSerializer})
    def create(self, request, *args, **kwargs):
        data = MovementInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        prisoner = selectors.prisoner_for(
            user=request.user, pk=values["prisoner"], capability=Capability.CHANGE
        )
        movement = call_service(
            services.movement_record,
            actor=request.user,
            prisoner=prisoner,
            reason=values["reason"],
            external_place=values["external_place"],
            occurred_at=values.get("occurred_at"),
            authorised_by=values["authorised_by"],
            override_reason=values["override_reason"],
            property_signed=values["property_signed"],
            property_note=values["property_note"],
            hearing=values["hearing"],
            **_move_kwargs(values, prisoner),
        )
        return Response(MovementSerializer(movement).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=MovementInSerializer, responses={200: ConflictSerializer(many=True)})
    @action(detail=False, methods=["post"])
    def check(self, request):
        data = MovementInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        prisoner = selectors.prisoner_for(
            user=request.user, pk=values["prisoner"], capability=Capability.CHANGE
        )
        conflicts = services.movement_check(
            prisoner=prisoner,
            external_place=values.get("external_place", ""),
            **_move_kwargs(values, prisoner),
        )
        # The answer names the prisoner and those the conflicts name (by prison number).
        reads.note([prisoner, *selectors.named_prisoner_ids(c.other for c in conflicts)])
        return Response([c.as_dict() for c in conflicts])


class KeepApartViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Keep-apart links of the prisoners whose security side you read (the facility's
    officers, ``view_security``); supervisors (``approve_risk``) create and close them,
    with a reason; both are audited."""

    # The link is classification's model; it is read by the security side's rule.
    queryset = CustodyQuerySet(model=KeepApart).select_related("prisoner", "other").order_by("-id")
    capability = READ
    action_capabilities = {"create": Capability.APPROVE_RISK, "close": Capability.APPROVE_RISK}
    serializer_class = KeepApartSerializer
    filterset_fields = ["prisoner", "scope"]

    def create(self, request, *args, **kwargs):
        data = KeepApartSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        prisoner = selectors.prisoner_for(
            user=request.user, pk=values["prisoner"].pk, capability=Capability.APPROVE_RISK
        )
        link = call_service(
            classification_services.keep_apart_add,
            actor=request.user,
            prisoner=prisoner,
            # The other person must be a file the user may see: an id of anyone else
            # answers 404 and nothing of that person is echoed back.
            other=selectors.prisoner_for(user=request.user, pk=values["other"].pk, capability="view"),
            scope=values["scope"],
            reason=values["reason"],
        )
        return Response(KeepApartSerializer(link).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReasonSerializer, responses={200: KeepApartSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        link = self.get_object()  # restricted with approve_risk on the link's prisoner
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        link = call_service(
            classification_services.keep_apart_close,
            actor=request.user,
            link=link,
            reason=data.validated_data["reason"],
        )
        return Response(KeepApartSerializer(link).data)


def _by_number(user, number):
    try:
        return selectors.prisoner_by_number(user=user, number=number)
    except DjangoValidationError as exc:
        raise ValidationError(exc.message_dict) from exc


def _recorder(user, facility_id) -> None:
    """Records are added at a facility by its officers and supervisors only."""
    if not selectors.is_facility_staff(user, facility_id):
        raise NotFound


class SearchViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The search log of your facilities; officers and supervisors record searches there."""

    queryset = Search.objects.all()
    capability = READ
    action_capabilities = {"create": RECORD}
    serializer_class = SearchSerializer
    filterset_fields = ["facility", "kind", "basis", "result"]

    def get_queryset(self):
        return selectors.search_rows(super().get_queryset())

    def create(self, request, *args, **kwargs):
        data = SearchSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        _recorder(request.user, values["facility"].pk)
        prisoner = _by_number(request.user, values.pop("prison_number", ""))
        search = call_service(services.search_record, actor=request.user, prisoner=prisoner, **values)
        return Response(SearchSerializer(search).data, status=status.HTTP_201_CREATED)


class FindViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Finds of your facilities and of the prisoners whose security file you read, each
    with its chain of custody; ``custody/`` adds a link, ``outcome/`` decides what follows,
    ``photo/`` reads (GET) or adds (POST) the photo. Writes: the facility's staff only."""

    queryset = Find.objects.select_related(*selectors.FIND_RELATED).prefetch_related("custody")
    capability = READ
    action_capabilities = {
        "create": RECORD,
        "custody": RECORD,
        "photo": READ,
        "add_photo": RECORD,
        "outcome": RECORD,
    }
    serializer_class = FindSerializer
    filterset_fields = ["search", "item_type", "outcome", "prisoner"]

    def create(self, request, *args, **kwargs):
        data = FindSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        search = values.pop("search")
        _recorder(request.user, search.facility_id)
        prisoner = _by_number(request.user, values.pop("prison_number", ""))
        find = call_service(
            services.find_record, actor=request.user, search=search, prisoner=prisoner, **values
        )
        return Response(FindSerializer(find).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CustodyEventSerializer, responses={201: CustodyEventSerializer})
    @action(detail=True, methods=["post"])
    def custody(self, request, pk=None):
        find = self.get_object()
        data = CustodyEventSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        event = call_service(services.custody_event_add, actor=request.user, find=find, **data.validated_data)
        reads.note_instance(find)
        return Response(CustodyEventSerializer(event).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: OpenApiResponse(description="The photo (JPEG)"), 404: None})
    @action(detail=True, methods=["get"], parser_classes=[SafeMultiPartParser, SafeJSONParser])
    def photo(self, request, pk=None):
        """The photo of the find (an attachment with the photo headers)."""
        find = self.get_object()
        if not find.photo:
            raise NotFound
        reads.note_instance(find)
        return photo_response(find.photo, f"find-{find.pk}.jpg")

    @extend_schema(
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"photo": {"type": "string", "format": "binary"}},
            }
        },
        responses={200: FindSerializer},
    )
    @photo.mapping.post
    def add_photo(self, request, pk=None):
        """A photo (multipart, field ``photo``) for a find recorded without one (JPEG, PNG
        or WebP; stored re-encoded); a second one is refused. The facility's staff only."""
        find = self.get_object()
        upload = request.FILES.get("photo")
        if upload is None:
            raise ValidationError({"photo": [_("Choose a photo to upload.")]})
        find = call_service(services.find_photo_add, actor=request.user, find=find, photo=upload)
        return Response(FindSerializer(find).data)

    @extend_schema(request=OutcomeSerializer, responses={200: FindSerializer})
    @action(detail=True, methods=["post"])
    def outcome(self, request, pk=None):
        find = self.get_object()
        data = OutcomeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        find = call_service(services.find_set_outcome, actor=request.user, find=find, **data.validated_data)
        return Response(FindSerializer(find).data)


class IncidentViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Incident reports of your facilities (and the submitted ones involving your caseload);
    ``people/``, ``submit/``, ``review/`` (supervisors) and ``addenda/`` follow the workflow,
    for the facility's staff only."""

    queryset = Incident.objects.select_related(*selectors.INCIDENT_RELATED).prefetch_related(
        "people", "addenda"
    )
    capability = READ
    action_capabilities = {
        "create": RECORD,
        "people": RECORD,
        "submit": RECORD,
        "review": RECORD,
        "addenda": RECORD,
    }
    serializer_class = IncidentSerializer
    filterset_fields = ["facility", "kind", "status"]

    def create(self, request, *args, **kwargs):
        data = IncidentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        _recorder(request.user, values["facility"].pk)
        incident = call_service(services.incident_create, actor=request.user, **values)
        return Response(IncidentSerializer(incident).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=IncidentPersonSerializer, responses={201: IncidentPersonSerializer})
    @action(detail=True, methods=["post"])
    def people(self, request, pk=None):
        incident = self.get_object()
        data = IncidentPersonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        prisoner = _by_number(request.user, values.pop("prison_number", ""))
        person = call_service(
            services.incident_person_add, actor=request.user, incident=incident, prisoner=prisoner, **values
        )
        return Response(IncidentPersonSerializer(person).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: IncidentSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        incident = call_service(services.incident_submit, actor=request.user, incident=self.get_object())
        return Response(IncidentSerializer(incident).data)

    @extend_schema(request=IncidentReviewSerializer, responses={200: IncidentSerializer})
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        incident = self.get_object()
        data = IncidentReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        incident = call_service(
            services.incident_review, actor=request.user, incident=incident, **data.validated_data
        )
        return Response(IncidentSerializer(incident).data)

    @extend_schema(request=IncidentAddendumSerializer, responses={201: IncidentAddendumSerializer})
    @action(detail=True, methods=["post"])
    def addenda(self, request, pk=None):
        incident = self.get_object()
        data = IncidentAddendumSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        addendum = call_service(
            services.incident_addendum_add,
            actor=request.user,
            incident=incident,
            text=data.validated_data["text"],
        )
        return Response(IncidentAddendumSerializer(addendum).data, status=status.HTTP_201_CREATED)
