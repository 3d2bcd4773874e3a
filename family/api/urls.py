from rest_framework.routers import DefaultRouter

from family.api import views

router = DefaultRouter()
router.register("family/contacts", views.ContactViewSet, basename="family-contact")
router.register("family/restrictions", views.RestrictionViewSet, basename="family-restriction")
router.register("family/children", views.ChildViewSet, basename="family-child")
router.register("family/sessions", views.SessionViewSet, basename="family-session")
router.register("family/visits", views.VisitViewSet, basename="family-visit")
router.register("family/consular", views.ConsularViewSet, basename="family-consular")

urlpatterns = router.urls
