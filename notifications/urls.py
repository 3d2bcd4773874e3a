from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.NotificationListView.as_view(), name="list"),
    path("read/", views.MarkReadView.as_view(), name="read"),
    path("preferences/", views.PreferencesView.as_view(), name="preferences"),
    path("<int:pk>/open/", views.OpenView.as_view(), name="open"),
]
