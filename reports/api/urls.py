from django.urls import include, path
from rest_framework.routers import DefaultRouter

from reports.api.views import ExportJobViewSet, StandardsView, StatisticsView

router = DefaultRouter()
router.register("exports", ExportJobViewSet, basename="export-job")

app_name = "reports-api"

urlpatterns = [
    path("statistics/", StatisticsView.as_view({"get": "list"}), name="statistics"),
    path("standards/", StandardsView.as_view({"get": "list"}), name="standards"),
    path("", include(router.urls)),
]
