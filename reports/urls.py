from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("standards/", views.StandardsView.as_view(), name="standards"),
    path("exports/", views.JobListView.as_view(), name="jobs"),
    path("exports/<uuid:pk>/", views.JobView.as_view(), name="job"),
    path("exports/<uuid:pk>/download/", views.JobDownloadView.as_view(), name="download"),
    path("export/<slug:code>/", views.ExportView.as_view(), name="export"),
]
