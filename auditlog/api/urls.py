from django.urls import include, path
from rest_framework.routers import SimpleRouter

from auditlog.api.views import AuditEventViewSet, ReadEventViewSet

router = SimpleRouter()
router.register("events", AuditEventViewSet, basename="audit-event")
router.register("reads", ReadEventViewSet, basename="read-event")

app_name = "auditlog-api"

urlpatterns = [path("", include(router.urls))]
