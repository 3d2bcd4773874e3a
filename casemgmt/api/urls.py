from rest_framework.routers import DefaultRouter

from casemgmt.api.views import PrisonerViewSet

router = DefaultRouter()
router.register("prisoners", PrisonerViewSet, basename="prisoner")

urlpatterns = router.urls
