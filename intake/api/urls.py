from rest_framework.routers import DefaultRouter

from intake.api.views import AdmissionViewSet

router = DefaultRouter()
router.register("admissions", AdmissionViewSet, basename="admission")

urlpatterns = router.urls
