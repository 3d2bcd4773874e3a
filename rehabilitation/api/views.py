from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from casemgmt import selectors as core_selectors
from casemgmt.api.errors import call_service
from rehabilitation import selectors, services
from rehabilitation.api.serializers import (
    AssessSerializer,
    AttendanceInSerializer,
    EnrolmentChangeSerializer,
    EnrolmentSerializer,
    OfferingSerializer,
    ProgrammeSerializer,
    ReferralSerializer,
    SessionSerializer,
)
from rehabilitation.models import Enrolment, Programme, Referral, Session


class ProgrammeViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Programme.objects.filter(is_active=True).prefetch_related("goals")
    serializer_class = ProgrammeSerializer


class OfferingViewSet(viewsets.ReadOnlyModelViewSet):
    """Offerings you run or supervise."""

    serializer_class = OfferingSerializer

    def get_queryset(self):
        return selectors.offerings_for(self.request.user).prefetch_related("staff")


class ReferralViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = ReferralSerializer
    filterset_fields = ["offering", "status"]

    def get_queryset(self):
        return Referral.objects.restrict(self.request.user).select_related("prisoner__unit", "prisoner__cell")

    def create(self, request, *args, **kwargs):
        data = ReferralSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        prisoner = core_selectors.prisoner_get(
            user=request.user, pk=data.validated_data["prisoner_id"], action="manage_caseplan"
        )
        offering = data.validated_data["offering"]
        if offering.facility_id != prisoner.facility_id:
            raise NotFound
        referral = call_service(
            services.referral_create,
            actor=request.user,
            prisoner=prisoner,
            offering=offering,
            reason=data.validated_data["reason"],
        )
        return Response(ReferralSerializer(referral).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AssessSerializer, responses=ReferralSerializer)
    @action(detail=True, methods=["post"])
    def assess(self, request, pk=None):
        referral = self.get_object()
        if not selectors.offerings_for(request.user).filter(pk=referral.offering_id).exists():
            raise NotFound
        data = AssessSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = call_service(
            services.referral_assess, actor=request.user, referral=referral, **data.validated_data
        )
        return Response(ReferralSerializer(result).data)


class EnrolmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = EnrolmentSerializer
    filterset_fields = ["offering", "status"]

    def get_queryset(self):
        return Enrolment.objects.restrict(self.request.user).select_related(
            "prisoner__unit", "prisoner__cell"
        )

    @extend_schema(request=EnrolmentChangeSerializer, responses=EnrolmentSerializer)
    @action(detail=True, methods=["post"])
    def change(self, request, pk=None):
        enrolment = self.get_object()
        if not selectors.offerings_for(request.user).filter(pk=enrolment.offering_id).exists():
            raise NotFound
        data = EnrolmentChangeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = call_service(
            services.enrolment_change, actor=request.user, enrolment=enrolment, **data.validated_data
        )
        return Response(EnrolmentSerializer(result).data)


class SessionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = SessionSerializer
    filterset_fields = ["offering", "date"]

    def get_queryset(self):
        return Session.objects.filter(
            offering__in=selectors.offerings_for(self.request.user)
        ).prefetch_related("attendance")

    def create(self, request, *args, **kwargs):
        data = SessionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        offering = data.validated_data["offering"]
        if not selectors.offerings_for(request.user).filter(pk=offering.pk).exists():
            raise NotFound
        session = call_service(
            services.session_create,
            actor=request.user,
            offering=offering,
            date=data.validated_data["date"],
            starts_at=data.validated_data.get("starts_at"),
            topic=data.validated_data.get("topic", ""),
        )
        return Response(SessionSerializer(session).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AttendanceInSerializer, responses=SessionSerializer)
    @action(detail=True, methods=["post"])
    def attendance(self, request, pk=None):
        session = self.get_object()
        data = AttendanceInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        call_service(
            services.attendance_record,
            actor=request.user,
            session=session,
            entries=data.validated_data["entries"],
        )
        return Response(SessionSerializer(self.get_queryset().get(pk=session.pk)).data)
