"""The programme API. Every viewset declares what its reads and each action need; the
restricting base narrows the queryset with it (see ``rehabilitation.querysets``): the
catalogue to any member of staff, offerings and sessions to those who run or supervise
them, referrals and enrolments to the staff of the offering (for the participants they
were granted) and to those who manage the prisoner's case."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from casemgmt.permissions import Capability
from classification.querysets import CATALOGUE
from core.api.base import RestrictedReadOnlyViewSet, RestrictedViewSetMixin
from core.api.errors import call_service
from rehabilitation import services
from rehabilitation.api.serializers import (
    AllPresentInSerializer,
    AssessSerializer,
    AttendanceInSerializer,
    EnrolmentChangeSerializer,
    EnrolmentSerializer,
    OfferingSerializer,
    ProgrammeSerializer,
    ReferralSerializer,
    SessionSerializer,
)
from rehabilitation.models import Enrolment, Offering, Programme, Referral, Session
from rehabilitation.querysets import READ, RUN


class ProgrammeViewSet(RestrictedReadOnlyViewSet):
    capability = CATALOGUE
    queryset = Programme.objects.filter(is_active=True).prefetch_related("goals")
    serializer_class = ProgrammeSerializer


class OfferingViewSet(RestrictedReadOnlyViewSet):
    """Offerings you run or supervise."""

    capability = RUN
    queryset = Offering.objects.select_related("programme", "facility").prefetch_related("staff")
    serializer_class = OfferingSerializer


class ReferralViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    capability = READ
    action_capabilities = {
        # the prisoner is resolved by the serializer's field with manage_caseplan
        "create": Capability.MANAGE_CASEPLAN,
        "assess": RUN,
    }
    queryset = Referral.objects.select_related("prisoner__unit", "prisoner__cell")
    serializer_class = ReferralSerializer
    filterset_fields = ["offering", "status"]

    def create(self, request, *args, **kwargs):
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        prisoner, offering = data.validated_data["prisoner"], data.validated_data["offering"]
        if offering.facility_id != prisoner.facility_id:
            raise NotFound
        referral = call_service(
            services.referral_create,
            actor=request.user,
            prisoner=prisoner,
            offering=offering,
            reason=data.validated_data["reason"],
        )
        return Response(self.get_serializer(referral).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AssessSerializer, responses=ReferralSerializer)
    @action(detail=True, methods=["post"])
    def assess(self, request, pk=None):
        referral = self.get_object()
        data = AssessSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = call_service(
            services.referral_assess, actor=request.user, referral=referral, **data.validated_data
        )
        return Response(self.get_serializer(result).data)


class EnrolmentViewSet(
    RestrictedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    capability = READ
    action_capabilities = {"change": RUN}
    queryset = Enrolment.objects.select_related("prisoner__unit", "prisoner__cell")
    serializer_class = EnrolmentSerializer
    filterset_fields = ["offering", "status"]

    @extend_schema(request=EnrolmentChangeSerializer, responses=EnrolmentSerializer)
    @action(detail=True, methods=["post"])
    def change(self, request, pk=None):
        enrolment = self.get_object()
        data = EnrolmentChangeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = call_service(
            services.enrolment_change, actor=request.user, enrolment=enrolment, **data.validated_data
        )
        return Response(EnrolmentSerializer(result).data)


class SessionViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    capability = RUN
    # the offering of a new session is resolved by the serializer's field with run_offering
    action_capabilities = {"create": RUN, "attendance": RUN, "all_present": RUN}
    # each attendance row names its participant for the read audit (one query for all)
    queryset = Session.objects.prefetch_related("attendance__enrolment")
    serializer_class = SessionSerializer
    filterset_fields = ["offering", "date"]

    def create(self, request, *args, **kwargs):
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        session = call_service(
            services.session_create,
            actor=request.user,
            offering=data.validated_data["offering"],
            date=data.validated_data["date"],
            starts_at=data.validated_data.get("starts_at"),
            topic=data.validated_data.get("topic", ""),
        )
        return Response(self.get_serializer(session).data, status=status.HTTP_201_CREATED)

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
        return Response(self.get_serializer(self.get_queryset().get(pk=session.pk)).data)

    @extend_schema(request=AllPresentInSerializer, responses=SessionSerializer)
    @action(detail=True, methods=["post"], url_path="all-present")
    def all_present(self, request, pk=None):
        """Everyone enrolled attended, but the ``exceptions``."""
        session = self.get_object()
        data = AllPresentInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        call_service(
            services.attendance_all_present,
            actor=request.user,
            session=session,
            exceptions=data.validated_data["exceptions"],
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=session.pk)).data)
