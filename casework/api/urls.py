from rest_framework.routers import DefaultRouter

from casework.api.views import AllocationViewSet, CaseNoteViewSet, CasePlanViewSet

router = DefaultRouter()
router.register("allocations", AllocationViewSet, basename="allocation")
router.register("case-plans", CasePlanViewSet, basename="caseplan")
router.register("case-notes", CaseNoteViewSet, basename="casenote")

urlpatterns = router.urls
