from rest_framework.routers import DefaultRouter

from discipline.api.views import OffenceViewSet, ReportViewSet, SanctionKindViewSet, SeparationViewSet

router = DefaultRouter()
router.register("disciplinary-offences", OffenceViewSet, basename="disciplinary-offence")
router.register("disciplinary-sanctions", SanctionKindViewSet, basename="disciplinary-sanction")
router.register("disciplinary-reports", ReportViewSet, basename="disciplinary-report")
router.register("separations", SeparationViewSet, basename="separation")

urlpatterns = router.urls
