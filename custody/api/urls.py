from rest_framework.routers import DefaultRouter

from custody.api.views import KeepApartViewSet, MovementViewSet

router = DefaultRouter()
router.register("movements", MovementViewSet, basename="movement")
router.register("keep-apart", KeepApartViewSet, basename="keep-apart")

urlpatterns = router.urls
