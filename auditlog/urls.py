from django.urls import path

from auditlog import views

app_name = "auditlog"

urlpatterns = [
    path("", views.EventListView.as_view(), name="events"),
    path("reads/", views.ReadListView.as_view(), name="reads"),
]
