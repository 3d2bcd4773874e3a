from rest_framework.routers import DefaultRouter

from rehabilitation.api.views import (
    EnrolmentViewSet,
    OfferingViewSet,
    ProgrammeViewSet,
    ReferralViewSet,
    SessionViewSet,
)

router = DefaultRouter()
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("offerings", OfferingViewSet, basename="offering")
router.register("referrals", ReferralViewSet, basename="referral")
router.register("enrolments", EnrolmentViewSet, basename="enrolment")
router.register("sessions", SessionViewSet, basename="session")

urlpatterns = router.urls
