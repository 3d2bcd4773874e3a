from django.urls import path
from rest_framework.routers import DefaultRouter

from casemgmt.api.queue import QueueViewSet
from casemgmt.api.views import PrisonerViewSet

router = DefaultRouter()
router.register("prisoners", PrisonerViewSet, basename="prisoner")

urlpatterns = [
    path("queue/", QueueViewSet.as_view({"get": "retrieve"}), name="queue-api"),
    *router.urls,
]
