from rest_framework.routers import DefaultRouter

from custody.api.afteradmission import DeathViewSet, InjuryRecordViewSet, VulnerabilityViewSet
from custody.api.views import FindViewSet, IncidentViewSet, KeepApartViewSet, MovementViewSet, SearchViewSet

router = DefaultRouter()
router.register("movements", MovementViewSet, basename="movement")
router.register("keep-apart", KeepApartViewSet, basename="keep-apart")
router.register("searches", SearchViewSet, basename="search")
router.register("finds", FindViewSet, basename="find")
router.register("incidents", IncidentViewSet, basename="incident")
router.register("deaths", DeathViewSet, basename="death")
router.register("injury-records", InjuryRecordViewSet, basename="injury-record")
router.register("vulnerability", VulnerabilityViewSet, basename="vulnerability")

urlpatterns = router.urls
