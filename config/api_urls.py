"""/api/v1/: each app contributes its routes."""

from django.urls import include, path

urlpatterns = [
    path("", include("casemgmt.api.urls")),
    path("", include("intake.api.urls")),
    path("", include("classification.api.urls")),
    path("", include("casework.api.urls")),
    path("", include("rehabilitation.api.urls")),
    path("", include("notifications.api.urls")),
    path("", include("custody.api.urls")),
    path("reports/", include("reports.api.urls")),
    path("audit/", include("auditlog.api.urls")),
    path("", include("complaints.api.urls")),
    path("", include("family.api.urls")),
    path("", include("discipline.api.urls")),
    path("", include("legal.api.urls")),
    path("", include("documents.api.urls")),
]
