from rest_framework.routers import DefaultRouter

from classification.api.views import AssessmentViewSet, ClassificationViewSet, InstrumentViewSet

router = DefaultRouter()
router.register("instruments", InstrumentViewSet, basename="instrument")
router.register("assessments", AssessmentViewSet, basename="assessment")
router.register("classifications", ClassificationViewSet, basename="classification")

urlpatterns = router.urls
