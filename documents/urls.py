from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("prisoners/<int:pk>/new/", views.UploadView.as_view(), name="upload"),
    path("<int:pk>/version/", views.VersionView.as_view(), name="version"),
    path("versions/<int:pk>/download/", views.DownloadView.as_view(), name="download"),
    path("intake/<int:pk>/scan/", views.IntakeScanView.as_view(), name="intake-scan"),
]
