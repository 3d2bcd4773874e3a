from rest_framework.routers import DefaultRouter

from legal.api import views

router = DefaultRouter()
router.register("legal-cases", views.LegalCaseViewSet, basename="legal-case")
router.register("hearings", views.HearingViewSet, basename="hearing")
router.register("remand-periods", views.RemandPeriodViewSet, basename="remand-period")
router.register("sentences", views.SentenceViewSet, basename="sentence")
router.register("appeals", views.AppealViewSet, basename="appeal")
router.register("release-calculations", views.ReleaseCalculationViewSet, basename="release-calculation")
router.register("release-plans", views.ReleasePlanViewSet, basename="release-plan")
router.register("release-plan-items", views.PlanItemViewSet, basename="release-plan-item")
router.register("handovers", views.HandoverViewSet, basename="handover")
router.register("copy-requests", views.CopyRequestViewSet, basename="copy-request")

urlpatterns = router.urls
