from django.urls import path

from rehabilitation import views

app_name = "rehabilitation"

urlpatterns = [
    path("", views.ProgrammeListView.as_view(), name="list"),
    path("offerings/<int:pk>/", views.OfferingView.as_view(), name="offering"),
    path("sessions/<int:pk>/", views.AttendanceView.as_view(), name="attendance"),
    path("prisoners/<int:pk>/refer/", views.ReferView.as_view(), name="refer"),
]
