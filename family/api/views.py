"""/api/v1/family/: contacts (with their corrections), restrictions, children, visit
sessions, visits and consular notifications. Reads through the restriction (404 for a
record the caller may not see); writes through the services."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from core.api.base import RestrictedViewSetMixin
from core.api.errors import call_service
from custody.selectors import roll_facilities
from family import selectors, services
from family.api import serializers as s
from family.forms import StatisticsFilter
from family.models import Child, ConsularNotification, Contact, Restriction, Visit, VisitSession

READ = (mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet)


class _ByPrisoner:
    filter_backends: list = []

    def filter_queryset(self, queryset):
        prisoner = self.request.query_params.get("prisoner", "")
        if self.action == "list" and prisoner.isdigit():
            queryset = queryset.filter(prisoner_id=int(prisoner))
        return queryset


PRISONER = OpenApiParameter("prisoner", int)


@extend_schema(parameters=[PRISONER])
class ContactViewSet(_ByPrisoner, RestrictedViewSetMixin, *READ):
    queryset = Contact.objects.select_related("prisoner")
    serializer_class = s.ContactSerializer
    capability = "view"
    action_capabilities = {"create": "change_prisoner", "partial_update": "change", "changes": "view"}

    @extend_schema(request=s.ContactCreateSerializer, responses={201: s.ContactSerializer})
    def create(self, request):
        contact = self.create_on_file(
            request, s.ContactCreateSerializer, services.contact_add, file_capability="change_prisoner"
        )
        return Response(s.ContactSerializer(contact).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ContactUpdateSerializer, responses={200: s.ContactSerializer})
    def partial_update(self, request, pk=None):
        contact = self.get_object()
        data = s.ContactUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        reason = values.pop("reason", "")
        version = values.pop("version", None)
        contact = call_service(
            services.contact_update,
            actor=request.user,
            contact=contact,
            reason=reason,
            expected_version=version,
            **values,
        )
        return Response(s.ContactSerializer(contact).data)

    @extend_schema(responses={200: s.ContactChangeSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def changes(self, request, pk=None):
        contact = self.get_object()
        return Response(s.ContactChangeSerializer(contact.changes.all(), many=True).data)


@extend_schema(parameters=[PRISONER])
class RestrictionViewSet(_ByPrisoner, RestrictedViewSetMixin, *READ):
    queryset = Restriction.objects.select_related("prisoner", "contact")
    serializer_class = s.RestrictionSerializer
    capability = "view"
    action_capabilities = {"create": "change_prisoner", "review": "change", "lift": "change"}

    @extend_schema(request=s.RestrictionCreateSerializer, responses={201: s.RestrictionSerializer})
    def create(self, request):
        data = s.RestrictionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        prisoner = selectors.file_for(user=request.user, pk=values.pop("prisoner"), action="change_prisoner")
        contact_id = values.pop("contact", None)
        contact = None
        if contact_id is not None:
            contact = selectors.contacts(user=request.user).filter(pk=contact_id, prisoner=prisoner).first()
            if contact is None:
                raise NotFound
        restriction = call_service(
            services.restriction_impose, actor=request.user, prisoner=prisoner, contact=contact, **values
        )
        return Response(s.RestrictionSerializer(restriction).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.RestrictionReviewSerializer, responses={200: s.RestrictionSerializer})
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        data = s.RestrictionReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        r = call_service(
            services.restriction_review,
            actor=request.user,
            restriction=self.get_object(),
            **data.validated_data,
        )
        return Response(s.RestrictionSerializer(r).data)

    @extend_schema(request=s.VisitReasonSerializer, responses={200: s.RestrictionSerializer})
    @action(detail=True, methods=["post"])
    def lift(self, request, pk=None):
        data = s.VisitReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        r = call_service(
            services.restriction_lift,
            actor=request.user,
            restriction=self.get_object(),
            **data.validated_data,
        )
        return Response(s.RestrictionSerializer(r).data)


@extend_schema(parameters=[PRISONER])
class ChildViewSet(_ByPrisoner, RestrictedViewSetMixin, *READ):
    queryset = Child.objects.select_related("prisoner").prefetch_related("placements", "health_checks")
    serializer_class = s.ChildSerializer
    capability = "view"
    action_capabilities = {"create": "view_family", "move": "change", "health_check": "change"}

    @extend_schema(request=s.ChildCreateSerializer, responses={201: s.ChildSerializer})
    def create(self, request):
        child = self.create_on_file(
            request, s.ChildCreateSerializer, services.child_add, file_capability="view_family"
        )
        return Response(s.ChildSerializer(child).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ChildMoveSerializer, responses={200: s.ChildSerializer})
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        data = s.ChildMoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        child = call_service(
            services.child_move, actor=request.user, child=self.get_object(), **data.validated_data
        )
        return Response(s.ChildSerializer(Child.objects.get(pk=child.pk)).data)

    @extend_schema(request=s.HealthCheckSerializer, responses={201: s.HealthCheckSerializer})
    @action(detail=True, methods=["post"], url_path="health-checks")
    def health_check(self, request, pk=None):
        data = s.HealthCheckSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        check = call_service(
            services.child_health_check, actor=request.user, child=self.get_object(), **data.validated_data
        )
        return Response(s.HealthCheckSerializer(check).data, status=status.HTTP_201_CREATED)


class SessionViewSet(RestrictedViewSetMixin, *READ):
    """Visit sessions of the facilities the caller keeps (no prisoner's data)."""

    queryset = VisitSession.objects.all()
    serializer_class = s.VisitSessionSerializer
    filter_backends: list = []
    capability = "view"
    action_capabilities = {"create": "view"}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return VisitSession.objects.none()
        return selectors.sessions(user=self.request.user)

    @extend_schema(request=s.VisitSessionSerializer, responses={201: s.VisitSessionSerializer})
    def create(self, request):
        data = s.VisitSessionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        if not roll_facilities(request.user).filter(pk=values["facility"].pk).exists():
            raise NotFound
        session = call_service(services.session_create, actor=request.user, **values)
        return Response(s.VisitSessionSerializer(session).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=[PRISONER, OpenApiParameter("session", int)])
class VisitViewSet(_ByPrisoner, RestrictedViewSetMixin, *READ):
    queryset = Visit.objects.select_related("prisoner", "session").prefetch_related("visitor_rows__contact")
    serializer_class = s.VisitSerializer
    capability = "view"
    action_capabilities = {
        "create": "change_prisoner",
        "record": "change",
        "cancel": "change",
        "statistics": "view",
    }

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        session = self.request.query_params.get("session", "")
        if self.action == "list" and session.isdigit():
            queryset = queryset.filter(session_id=int(session))
        return queryset

    @extend_schema(request=s.VisitBookSerializer, responses={201: s.VisitSerializer})
    def create(self, request):
        data = s.VisitBookSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        prisoner = selectors.file_for(user=request.user, pk=v["prisoner"], action="change_prisoner")
        session = selectors.sessions(user=request.user).filter(pk=v["session"]).first()
        if session is None:
            raise NotFound
        visitors = list(selectors.contacts(user=request.user).filter(pk__in=v["visitors"], prisoner=prisoner))
        if len(visitors) != len(set(v["visitors"])):
            raise NotFound
        visit = call_service(
            services.visit_book,
            actor=request.user,
            session=session,
            prisoner=prisoner,
            visitors=visitors,
            children_count=v["children_count"],
        )
        return Response(s.VisitSerializer(visit).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.VisitRecordSerializer, responses={200: s.VisitSerializer})
    @action(detail=True, methods=["post"])
    def record(self, request, pk=None):
        data = s.VisitRecordSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        visit = call_service(
            services.visit_record, actor=request.user, visit=self.get_object(), **data.validated_data
        )
        return Response(s.VisitSerializer(visit).data)

    @extend_schema(request=s.VisitReasonSerializer, responses={200: s.VisitSerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        data = s.VisitReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        visit = call_service(
            services.visit_cancel, actor=request.user, visit=self.get_object(), **data.validated_data
        )
        return Response(s.VisitSerializer(visit).data)

    @extend_schema(
        parameters=[
            OpenApiParameter("facility", int),
            OpenApiParameter("since", OpenApiTypes.DATE),
            OpenApiParameter("until", OpenApiTypes.DATE),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def statistics(self, request):
        form = StatisticsFilter(request.query_params)
        if request.query_params and not form.is_valid():
            raise ValidationError(form.errors)
        stats = selectors.statistics(user=request.user, **form.filters())
        stats.pop("today")
        stats["visits_by_month"] = [
            {**r, "month": r["month"].date().isoformat() if r["month"] else None}
            for r in stats["visits_by_month"]
        ]
        return Response(stats)


@extend_schema(parameters=[PRISONER])
class ConsularViewSet(_ByPrisoner, RestrictedViewSetMixin, *READ):
    queryset = ConsularNotification.objects.select_related("prisoner")
    serializer_class = s.ConsularSerializer
    capability = "view"
    action_capabilities = {"create": "change_prisoner"}

    @extend_schema(request=s.ConsularCreateSerializer, responses={201: s.ConsularSerializer})
    def create(self, request):
        note = self.create_on_file(
            request, s.ConsularCreateSerializer, services.consular_notify, file_capability="change_prisoner"
        )
        return Response(s.ConsularSerializer(note).data, status=status.HTTP_201_CREATED)
